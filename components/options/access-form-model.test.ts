/**
 * The options form against the real background handler (fakeBrowser storage), with the page's `ask` made to
 * fail where a test says so: the worker not answering is what the page sees when `getState` fails.
 */
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../utils/background-router';
import { ConnectError, toErrorInfo } from '../../utils/errors';
import { keepProblem } from '../../utils/kept-outcome';
import type { BackgroundRequest, BackgroundResponse } from '../../utils/messages';
import { readSettings, takeStorageNotice } from '../../utils/stored';
import { type AccessFormState, createAccessForm } from './access-form-model';

const options = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/options.html` };
const SILENT: BackgroundResponse = {
  ok: false,
  error: { code: 'unexpected', message: 'The extension’s background did not answer.' },
};

beforeEach(() => {
  fakeBrowser.reset();
  takeStorageNotice();
});

/** A form whose `ask` goes to the real handler, except the requests `fail` answers for. */
function formWith(fail: (request: BackgroundRequest) => BackgroundResponse | undefined) {
  const sent: BackgroundRequest[] = [];
  const states: AccessFormState[] = [];
  const form = createAccessForm({
    ask: async (request) => {
      sent.push(request);
      return fail(request) ?? handleMessage(request, options);
    },
    keep: () => undefined,
    onChange: (state) => states.push(state),
    focusSite: () => undefined,
  });
  return { form, sent, states };
}

test('settings that could not be read are not shown as the defaults, and Save sends nothing until a retry reads them', async () => {
  // The person turned Gravatar off and chose all sites.
  await handleMessage(
    { type: 'saveSettings', settings: { access: { level: 'global' }, showGravatar: false } },
    options,
  );
  let failing = true;
  const { form, sent } = formWith((request) => (failing && request.type === 'getState' ? SILENT : undefined));

  await form.load();
  expect(form.state()).toMatchObject({ load: 'failed', error: { code: 'unexpected' }, busy: undefined });
  await form.save();
  await form.signIn();
  expect(sent.map((request) => request.type)).toEqual(['getState']);
  expect(await readSettings()).toEqual({ access: { level: 'global' }, showGravatar: false });

  // "Try again": this time the worker answers, and the form shows what was saved.
  failing = false;
  await form.load();
  expect(form.state()).toMatchObject({
    load: 'ready',
    error: undefined,
    showGravatar: false,
    draft: { level: 'global' },
  });
  await form.save();
  expect(sent.map((request) => request.type)).toEqual(['getState', 'getState', 'saveSettings']);
  expect(sent.at(-1)).toEqual({ type: 'saveSettings', settings: { access: { level: 'global' }, showGravatar: false } });
  expect(form.state().said).toBe('Saved');
  expect(await readSettings()).toEqual({ access: { level: 'global' }, showGravatar: false });
});

test('while the retry runs it says so, and a second press does not ask twice', async () => {
  const { form, sent, states } = formWith((request) => (request.type === 'getState' ? SILENT : undefined));
  await form.load();
  const again = form.load();
  void form.load();
  await again;
  expect(states.some((state) => state.load === 'failed' && state.busy === 'loading')).toBe(true);
  // No alert while asking again, so that the same failure coming back is announced again.
  expect(states.filter((state) => state.busy === 'loading').every((state) => state.error === undefined)).toBe(true);
  expect(sent.map((request) => request.type)).toEqual(['getState', 'getState']);
  expect(form.state()).toMatchObject({ load: 'failed', busy: undefined });
});

test('a state that comes with an error still fills the form, and the error is shown', async () => {
  const { form } = formWith((request) =>
    request.type === 'getState'
      ? {
          ok: false,
          error: { code: 'storage_corrupt', message: 'damaged' },
          state: {
            status: 'signed_out',
            connections: [],
            activeId: null,
            settings: { access: { level: 'site', blog: '5001', scopes: ['posts'] }, showGravatar: false },
          },
        }
      : undefined,
  );
  await form.load();
  expect(form.state()).toMatchObject({
    load: 'ready',
    error: { code: 'storage_corrupt' },
    draft: { level: 'site', site: '5001', scopes: ['posts'] },
    showGravatar: false,
  });
});

/**
 * A form whose sign-in is answered by a made-up worker answer (the sign-in itself, a WordPress.com window, is not
 * these tests'); everything else goes to the real handler.
 */
function formSigningIn() {
  return formWith((request) =>
    request.type === 'signIn'
      ? {
          ok: true,
          state: {
            status: 'signed_out',
            connections: [],
            activeId: null,
            settings: { access: { level: 'profile' }, showGravatar: false },
          },
        }
      : undefined,
  );
}

test('“Sign in with this access” signs in with the access the form shows, unsaved, and does not save it', async () => {
  await handleMessage(
    { type: 'saveSettings', settings: { access: { level: 'profile' }, showGravatar: false } },
    options,
  );
  const { form, sent } = formSigningIn();
  await form.load();
  form.edit({ level: 'site', site: ' example.wordpress.com ', scopes: ['posts'] });
  form.setShowGravatar(true);
  await form.signIn();
  expect(sent).toEqual([
    { type: 'getState' },
    { type: 'signIn', access: { level: 'site', blog: 'example.wordpress.com', scopes: ['posts'] } },
  ]);
  expect(form.state().said).toBe('Connected: new connection.');
  // Nothing was saved: the popup's "Log in" still asks for the saved access.
  expect(await readSettings()).toEqual({ access: { level: 'profile' }, showGravatar: false });
  // The form keeps what it shows, to be saved or not.
  expect(form.state()).toMatchObject({ draft: { level: 'site' }, showGravatar: true });
});

test('“Show Gravatar profile” turned off and not saved is saved before “Sign in with this access”; the access is not', async () => {
  await handleMessage(
    { type: 'saveSettings', settings: { access: { level: 'profile' }, showGravatar: true } },
    options,
  );
  const { form, sent } = formSigningIn();
  await form.load();
  form.edit({ level: 'global' });
  form.setShowGravatar(false);
  await form.signIn();
  expect(sent).toEqual([
    { type: 'getState' },
    { type: 'saveSettings', settings: { access: { level: 'profile' }, showGravatar: false } },
    { type: 'signIn', access: { level: 'global' } },
  ]);
  // The sign-in's Gravatar look-up, and every popup's, read the saved switch: off. The access shown stays unsaved.
  expect(await readSettings()).toEqual({ access: { level: 'profile' }, showGravatar: false });
  expect(form.state()).toMatchObject({ draft: { level: 'global' }, showGravatar: false, busy: undefined });
  // On, it is left to Save as before: nothing is saved.
  form.setShowGravatar(true);
  await form.signIn();
  expect(sent.slice(3)).toEqual([{ type: 'signIn', access: { level: 'global' } }]);
  expect(await readSettings()).toEqual({ access: { level: 'profile' }, showGravatar: false });
});

test('a site problem shown goes once a save succeeds with another level, so the emptied field is not marked', async () => {
  const { form } = formWith(() => undefined);
  await form.load();
  form.edit({ level: 'site', site: 'not a site!' });
  await form.save();
  expect(form.state().siteProblem).toMatch(/site address/);
  form.edit({ level: 'global' });
  await form.save();
  expect(form.state().said).toBe('Saved');
  form.edit({ level: 'site' });
  expect(form.state()).toMatchObject({ draft: { level: 'site', site: '' }, siteProblem: undefined });
});

/** Two options pages open at once, both loaded. */
async function twoPages() {
  const a = formWith(() => undefined).form;
  const b = formWith(() => undefined).form;
  await a.load();
  await b.load();
  return { a, b };
}

/** `page` follows the "All sites" another page saved, and its own Save keeps it. */
async function expectFollowsGlobal(page: ReturnType<typeof createAccessForm>) {
  page.savedElsewhere(await readSettings());
  expect(page.state().draft.level).toBe('global');
  await page.save();
  expect((await readSettings()).access).toEqual({ level: 'global' });
}

test('a site typed and left behind by choosing another level again is no change: another page’s save is followed', async () => {
  const { a, b } = await twoPages();
  a.edit({ level: 'site', site: 'abc.example' });
  a.edit({ level: 'profile' });
  b.edit({ level: 'global' });
  await b.save();
  // So a's next Save (of its Gravatar switch, say) does not put Profile only back over b's choice.
  await expectFollowsGlobal(a);
});

test('a site the form cannot use stops Save and sign-in at the site field', async () => {
  let focused = 0;
  const sent: BackgroundRequest[] = [];
  const form = createAccessForm({
    ask: async (request) => {
      sent.push(request);
      return handleMessage(request, options);
    },
    keep: () => undefined,
    onChange: () => undefined,
    focusSite: () => focused++,
  });
  await form.load();
  form.edit({ level: 'site', site: 'not a site!' });
  await form.save();
  await form.signIn();
  expect(sent.map((request) => request.type)).toEqual(['getState']);
  expect(focused).toBe(2);
  expect(form.state().siteProblem).toMatch(/site address/);
  // Said in the status region too: Enter pressed in the field leaves the focus where it was, and says nothing.
  expect(form.state().said).toBe('Sign-in not started. Check the site above.');
  await form.save();
  expect(form.state().said).toBe('Not saved. Check the site above.');
  form.edit({ site: 'example.wordpress.com' });
  expect(form.state().siteProblem).toBeUndefined();
  expect(form.state().said).toBe('');
});

test('damaged data cleared on the way is told to this page when it asks first, not lost', async () => {
  await fakeBrowser.storage.local.set({ settings: { access: { level: 'bogus' }, showGravatar: false } });
  const { form } = formWith(() => undefined);
  await form.load();
  expect(form.state()).toMatchObject({ load: 'ready', error: { code: 'storage_corrupt' } });
  await fakeBrowser.storage.local.set({ connections: 'garbage' });
  const again = formWith(() => undefined).form;
  await again.load();
  expect(again.state().error?.message).toMatch(/Connected Apps/);
});

test('what another options page saved is followed where this one was left unchanged, so its Save does not undo it', async () => {
  const { a, b } = await twoPages();
  a.setShowGravatar(false);
  await a.save();
  // The worker tells every page; b has not touched the Gravatar switch, so it follows.
  b.savedElsewhere(await readSettings());
  expect(b.state().showGravatar).toBe(false);
  b.edit({ level: 'global' });
  await b.save();
  expect(await readSettings()).toEqual({ access: { level: 'global' }, showGravatar: false });
  // What a page changed and has not saved stays as the person left it.
  a.edit({ level: 'site', site: 'example.com' });
  a.savedElsewhere({ access: { level: 'profile' }, showGravatar: true });
  expect(a.state()).toMatchObject({ draft: { level: 'site', site: 'example.com' }, showGravatar: true });
});

test('the page shows how its own sign-in ended, and the outcome kept for a closed popup goes', async () => {
  const denied = new ConnectError('access_denied', 'You declined the connection on WordPress.com.');
  // The worker kept the outcome as the sign-in failed (the real sign-in is not this test's: its answer is made up).
  await keepProblem(denied);
  const answered = await handleMessage({ type: 'getState' }, options);
  expect(answered.state?.outcome).toMatchObject({ problem: { code: 'access_denied' } });
  const { form, sent } = formWith((request) =>
    request.type === 'signIn' ? { ok: false, error: toErrorInfo(denied), state: answered.state } : undefined,
  );
  await form.load();
  await form.signIn();
  expect(form.state().error?.code).toBe('access_denied');
  expect(sent.at(-1)).toEqual({ type: 'dismissOutcome', id: answered.state?.outcome?.id });
  await expect.poll(async () => (await handleMessage({ type: 'getState' }, options)).state?.outcome).toBeUndefined();
});

test('one action at a time: a second Save or sign-in while a save is on its way sends nothing', async () => {
  let answerSave: (() => void) | undefined;
  const sent: BackgroundRequest[] = [];
  // The save's answer is held until the test lets it go.
  const held = createAccessForm({
    ask: async (request) => {
      sent.push(request);
      if (request.type === 'saveSettings') await new Promise<void>((resolve) => (answerSave = resolve));
      return handleMessage(request, options);
    },
    keep: () => undefined,
    onChange: () => undefined,
    focusSite: () => undefined,
  });
  await held.load();
  sent.length = 0;
  const saving = held.save();
  await Promise.all([held.save(), held.signIn()]);
  answerSave?.();
  await saving;
  expect(sent.map((request) => request.type)).toEqual(['saveSettings']);
});

test('a saved site shows as the worker wrote it, so a change another page saves is still followed', async () => {
  const { a, b } = await twoPages();
  a.edit({ level: 'site', site: '  Example.ORG ' });
  await a.save();
  const written = await readSettings();
  expect(written.access).toMatchObject({ level: 'site', blog: 'example.org' });
  expect(a.state().draft.site).toBe('example.org');
  // b saves "All sites"; a, left as it was saved, follows it, and its Save keeps b's choice.
  b.savedElsewhere(written);
  b.edit({ level: 'global' });
  await b.save();
  await expectFollowsGlobal(a);
});
