/**
 * The popup's actions while they run, rendered by Preact against a worker the test plays: a revoke shows its
 * wait and holds every other action back, "Check now" says what it found, a failed first answer can be asked
 * again, and focus lands on the profile after a sign-in.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FRAME_KEY, STATE_KEY } from '../utils/first-frame';
import type { AppState, BackgroundRequest, BackgroundResponse } from '../utils/messages';
import { ALICE } from '../utils/testing/fixtures';
import { CONNECTED_APPS_URL } from '../utils/wpcom-links';
import { type FakeWorker, later, type RenderedPopup, renderPopup, settle } from './testing/popup-dom';
import { ALICE_LOGIN_VIEW, BOB_GLOBAL_VIEW, signedIn } from './testing/views';

const alice = ALICE_LOGIN_VIEW;
const bob = BOB_GLOBAL_VIEW;

const both = signedIn([alice, bob]);
const ok = (state: AppState, extra: Partial<BackgroundResponse> = {}): BackgroundResponse =>
  ({ ok: true, state, ...extra }) as BackgroundResponse;

/** A worker that answers the popup's opening requests with `state`, and the rest as `rest` says. */
const worker =
  (state: AppState, rest: FakeWorker = () => ok(state)): FakeWorker =>
  (request) =>
    request.type === 'getState' ||
    request.type === 'refreshProfile' ||
    (request.type === 'checkHealth' && !request.force)
      ? ok(state)
      : rest(request);

const WAITING =
  'Waiting for you to approve in the WordPress.com window… Can’t see it? It may be behind the browser window. Closing it cancels the sign-in.';
const REVOKE_ALICE = 'Revoke Alice Example — Profile only';
const REVOKE_BOB = 'Revoke Bob Unverified — All sites';

let popup: RenderedPopup | undefined;
afterEach(() => {
  popup?.close();
  popup = undefined;
});

async function open(fake: FakeWorker): Promise<RenderedPopup> {
  popup = renderPopup(fake);
  const shown = popup;
  await settle(() => expect(shown.sent.map((request) => request.type)).toContain('checkHealth'));
  return shown;
}

describe('a revoke under way', () => {
  test('shows its wait on Revoke, says "Revoking…", and disables every other action until it ends', async () => {
    const revoke = later<BackgroundResponse>();
    const p = await open(worker(both, (request) => (request.type === 'revoke' ? revoke.promise : ok(both))));
    await settle(() => p.button(REVOKE_ALICE));

    // The console's code arrives after the first paint.
    await settle(() => expect(p.button('Call').disabled).toBe(false));
    p.click(p.button(REVOKE_ALICE));
    await settle(() => expect(p.statuses()).toContain('Revoking…'));
    const pressed = p.button(REVOKE_ALICE);
    expect(pressed.getAttribute('aria-busy')).toBe('true');
    expect(pressed.getAttribute('aria-disabled')).toBe('true');
    // Held, not disabled: a disabled button would drop the focus the person's press put on it.
    expect(pressed.disabled).toBe(false);
    expect(pressed.getAttribute('aria-describedby')).toBe('revoke-progress');
    for (const name of ['Use Bob Unverified — All sites', REVOKE_BOB, 'Add connection', 'Check now', 'Call']) {
      expect(p.button(name).disabled, name).toBe(true);
    }

    // Presses that still arrive (holding Enter on Revoke, a click racing the render) change nothing.
    p.click(p.button(REVOKE_ALICE));
    p.click(p.button('Add connection'));
    p.click(p.button(REVOKE_BOB));
    p.click(p.button('Call'));
    await new Promise((done) => setTimeout(done, 50));
    expect(p.text()).not.toContain(WAITING);
    // Reads (the state, the console's draft) and the refresh a popup opening asks for aside.
    const reads = ['getState', 'refreshProfile', 'readConsoleDraft'];
    expect(p.sent.filter((request) => !reads.includes(request.type))).toEqual([
      { type: 'checkHealth' },
      { type: 'revoke', id: alice.id },
    ]);

    revoke.resolve(ok(signedIn([bob]), { revocation: 'manual' }));
    await settle(() => expect(p.statuses()).not.toContain('Revoking…'));
    expect(p.button('Add connection').disabled).toBe(false);
    expect(p.button(REVOKE_BOB).getAttribute('aria-busy')).toBe('false');
    expect(p.button(REVOKE_BOB).disabled).toBe(false);
    await settle(() => expect(p.button('Call').disabled).toBe(false));
    expect(p.text()).not.toContain(WAITING);
  });

  test('keeps nothing of the person for the next popup while it waits, though a state showing them arrives', async () => {
    const revoke = later<BackgroundResponse>();
    const refresh = later<BackgroundResponse>();
    const p = await open((request) =>
      request.type === 'revoke' ? revoke.promise : request.type === 'refreshProfile' ? refresh.promise : ok(both),
    );
    await settle(() => p.button(REVOKE_ALICE));
    const kept = () => `${localStorage.getItem(STATE_KEY)} ${localStorage.getItem(FRAME_KEY)}`;
    await settle(() => expect(kept()).toContain('Alice Example'));
    p.click(p.button(REVOKE_ALICE));
    await settle(() => expect(p.statuses()).toContain('Revoking…'));
    expect(kept()).toBe('null null');
    // The refresh asked for as the popup opened answers now, with the state from before the revoke.
    refresh.resolve(
      ok({ ...both, connections: [{ ...alice, profile: { ...ALICE, displayName: 'Alice Renamed' } }, bob] }),
    );
    await settle(() => expect(p.text()).toContain('Alice Renamed'));
    await new Promise((done) => setTimeout(done, 50));
    expect(kept()).toBe('null null');
    // Once the revoke has answered, the state it left is kept again.
    revoke.resolve(ok(signedIn([bob]), { revocation: 'manual' }));
    await settle(() => expect(kept()).toContain('Bob Unverified'));
    expect(kept()).not.toContain('Alice');
  });

  test('"Add connection" pressed during a revoke that answers with no state leaves no "Waiting…" behind', async () => {
    const revoke = later<BackgroundResponse>();
    const p = await open(worker(both, (request) => (request.type === 'revoke' ? revoke.promise : ok(both))));
    await settle(() => p.button(REVOKE_BOB));
    p.click(p.button(REVOKE_BOB));
    await settle(() => expect(p.statuses()).toContain('Revoking…'));
    p.click(p.button('Add connection'));
    revoke.resolve({ ok: false, error: { code: 'network', message: 'WordPress.com did not answer.' } });
    await settle(() => expect(p.statuses()).not.toContain('Revoking…'));
    expect(p.text()).not.toContain(WAITING);
    expect(p.button('Add connection').getAttribute('aria-busy')).toBe('false');
    expect(p.sent.map((request) => request.type)).not.toContain('signIn');
  });

  test('a sign-in that fails with no state in its answer leaves no "Waiting…" behind', async () => {
    const signIn = later<BackgroundResponse>();
    const p = await open(worker(both, (request) => (request.type === 'signIn' ? signIn.promise : ok(both))));
    await settle(() => p.button('Add connection'));
    p.click(p.button('Add connection'));
    await settle(() => expect(p.text()).toContain(WAITING));
    signIn.resolve({ ok: false, error: { code: 'network', message: 'The sign-in service could not be reached.' } });
    await settle(() => expect(p.text()).not.toContain(WAITING));
    expect(p.button('Add connection').getAttribute('aria-busy')).toBe('false');
  });
});

describe('a revoke’s notice', () => {
  test.each([
    [0, 'WordPress.com has ended this connection’s access too.', 'other connection'],
    [1, 'One other connection went with it', 'connections went'],
    [3, '3 other connections went with it', 'other connection went'],
  ])('after WordPress.com ended the access with %i other connections gone, says so', async (others, says, not) => {
    const p = await open(
      worker(both, (request) =>
        request.type === 'revoke'
          ? ok(signedIn([alice]), { revocation: 'ended', othersRemoved: others })
          : ok(signedIn([alice])),
      ),
    );
    await settle(() => p.button(REVOKE_BOB));
    p.click(p.button(REVOKE_BOB));
    await settle(() => expect(p.statuses().join(' ')).toContain('The connection you revoked is gone'));
    const notice = p.statuses().find((text) => text.includes('The connection you revoked is gone')) ?? '';
    expect(notice).toContain(says);
    expect(notice).not.toContain(not);
  });
});

test('a revoke of a connection that was already gone (another window revoked it) says so, not nothing', async () => {
  const p = await open(
    worker(both, (request) =>
      request.type === 'revoke' ? ok(signedIn([alice]), { revocation: 'none' }) : ok(signedIn([alice])),
    ),
  );
  await settle(() => p.button(REVOKE_BOB));
  p.click(p.button(REVOKE_BOB));
  await settle(() => expect(p.statuses().join(' ')).toContain('That connection was already gone'));
  expect(p.statuses().join(' ')).not.toContain('The connection you revoked is gone');
});

describe('"Check now"', () => {
  const checkedAt = 1_700_000_100_000;

  test('says "Checking…" outside any busy region, then announces what WordPress.com said', async () => {
    const check = later<BackgroundResponse>();
    const p = await open(worker(both, (request) => (request.type === 'checkHealth' ? check.promise : ok(both))));
    await settle(() => p.button('Check now'));
    p.click(p.button('Check now'));
    await settle(() => expect(p.statuses()).toContain('Checking the connection with WordPress.com…'));
    const checking = [...p.root.querySelectorAll('[role="status"]')].find((region) =>
      region.textContent?.includes('Checking the connection'),
    );
    // Screen readers may hold back a busy region's changes: no ancestor of the status region is busy.
    expect(checking?.closest('[aria-busy="true"]')).toBeNull();
    expect(p.button('Check now').getAttribute('aria-busy')).toBe('true');

    check.resolve(ok(signedIn([{ ...alice, health: { status: 'valid', checkedAt } }, bob])));
    await settle(() => expect(p.statuses()).toContain('Connected: WordPress.com confirmed the token'));
    expect(p.statuses()).not.toContain('Checking the connection with WordPress.com…');
  });

  test('announces a check WordPress.com did not answer', async () => {
    const p = await open(
      worker(both, (request) =>
        request.type === 'checkHealth'
          ? ok(signedIn([{ ...alice, health: { status: 'unreachable', checkedAt } }, bob]))
          : ok(both),
      ),
    );
    await settle(() => p.button('Check now'));
    p.click(p.button('Check now'));
    await settle(() => expect(p.statuses()).toContain('Could not check (WordPress.com unreachable)'));
  });

  test('announces a connection the check removed, though its view is gone', async () => {
    const p = await open(worker(both, (request) => (request.type === 'checkHealth' ? ok(aliceRemoved()) : ok(both))));
    await settle(() => p.button('Check now'));
    const checkNow = p.button('Check now');
    checkNow.focus();
    p.click(checkNow);
    // Its "Check now" went with Alice's card: focus is on the offer to sign in again that came with the removal, so
    // the next Tab is its "Sign in again", not lost and not past it. The offer says what happened; the status region
    // does not say it a second time.
    await settle(() => expect(document.activeElement?.id).toBe('restore-title'));
    expect(document.activeElement?.textContent).toContain('Alice Example — Profile only');
    expect(document.activeElement?.textContent).toMatch(/no longer valid on WordPress\.com and was removed/);
    expect(p.text()).toContain('Bob Unverified');
    expect(p.statuses()).not.toContain('WordPress.com no longer accepts this connection’s token, so it was removed.');
    expect(p.statuses().join(' ')).not.toContain('no longer valid on WordPress.com');
  });
});

/** Bob's connection left, and the offer to sign Alice in again: what a check that removed hers answers. */
function aliceRemoved(): AppState {
  return {
    ...signedIn([bob]),
    restore: { label: 'Alice Example — Profile only', access: { level: 'profile' }, removedAt: 1_700_000_200_000 },
  } as AppState;
}

test('the check the popup makes as it opens, when it removes a connection, is said by a region on the page before', async () => {
  const check = later<BackgroundResponse>();
  popup = renderPopup((request) => (request.type === 'checkHealth' ? check.promise : ok(both)));
  const p = popup;
  await settle(() => expect(p.sent.map((request) => request.type)).toContain('checkHealth'));
  await settle(() => p.button(REVOKE_ALICE));
  // A region added with its words already in it is not reliably announced: the words go in one that was there.
  const regions = [...p.root.querySelectorAll('[role="status"]')];
  check.resolve(ok(aliceRemoved()));
  await settle(() => expect(p.text()).toContain('Sign in again'));
  const REMOVED = 'Your connection Alice Example — Profile only is no longer valid on WordPress.com and was removed.';
  await settle(() => expect(regions.map((region) => region.textContent?.trim())).toContain(REMOVED));
  // Said once.
  expect(p.statuses().filter((text) => text.includes('was removed'))).toEqual([REMOVED]);
});

test('"Check now" that removed a connection with no new offer says so, and leaves an older offer alone', async () => {
  const older = { label: 'Carol — Profile only', access: { level: 'profile' as const }, removedAt: 1_700_000_000_000 };
  const before = { ...both, restore: older } as AppState;
  const after = { ...signedIn([bob]), restore: older } as AppState;
  const p = await open(worker(before, (request) => (request.type === 'checkHealth' ? ok(after) : ok(before))));
  await settle(() => p.button('Check now'));
  p.click(p.button('Check now'));
  await settle(() =>
    expect(p.statuses()).toContain('WordPress.com no longer accepts this connection’s token, so it was removed.'),
  );
  expect(document.activeElement?.id).not.toBe('restore-title');
});

describe('the first answer', () => {
  test('a failed first answer with no kept state offers "Try again", which asks again', async () => {
    let asked = 0;
    popup = renderPopup((request) => {
      if (request.type !== 'getState') return ok(signedIn([]));
      asked += 1;
      return asked === 1
        ? { ok: false, error: { code: 'unexpected', message: 'The extension’s background did not answer.' } }
        : ok(signedIn([]));
    });
    const p = popup;
    await settle(() => p.button('Try again'));
    expect(p.root.querySelector('[role="alert"]')?.textContent).toContain('did not answer');
    expect(p.text()).not.toContain('Loading…');

    p.button('Try again').focus();
    p.click(p.button('Try again'));
    await settle(() => p.button('Log in with WordPress.com'));
    expect(asked).toBe(2);
    expect(p.root.querySelector('[role="alert"]')).toBeNull();
    // "Try again" is gone: focus is on the heading of what the popup now shows.
    await settle(() => expect(document.activeElement?.id).toBe('signed-out-title'));
  });
});

describe('focus after a sign-in', () => {
  test('"Log in" done: focus moves to the new profile’s heading, as after "Sign in again"', async () => {
    const signIn = later<BackgroundResponse>();
    let signedInYet = false;
    popup = renderPopup((request) => {
      if (request.type === 'signIn') return signIn.promise;
      return ok(signedInYet ? signedIn([alice]) : signedIn([]));
    });
    const p = popup;
    await settle(() => p.button('Log in with WordPress.com'));
    const logIn = p.button('Log in with WordPress.com');
    logIn.focus();
    p.click(logIn);
    await settle(() => expect(p.statuses()).toContain(WAITING));
    signedInYet = true;
    signIn.resolve(ok(signedIn([alice])));
    await settle(() => expect(document.activeElement?.id).toBe('profile-name'));
    expect(document.activeElement?.textContent).toBe('Alice Example');
  });
  test('"Add connection" done: focus moves to the new profile’s heading, though the button stays', async () => {
    const signIn = later<BackgroundResponse>();
    popup = renderPopup((request) => (request.type === 'signIn' ? signIn.promise : ok(signedIn([alice]))));
    const p = popup;
    await settle(() => p.button('Add connection'));
    const add = p.button('Add connection');
    add.focus();
    p.click(add);
    signIn.resolve(ok(signedIn([bob, alice])));
    await settle(() => expect(document.activeElement?.id).toBe('profile-name'));
    expect(document.activeElement?.textContent).toBe('Bob Unverified');
  });
});

describe('how the last sign-in ended, in a popup opened after it', () => {
  const DECLINED = { code: 'access_denied', message: 'WordPress.com answered access_denied.' } as const;
  const outcome = { id: '6c1f0a2e-8d4b-4c8e-9f3a-2b7d5e1c9a40', problem: DECLINED };

  test('is shown once and dismissed, and a later state with it shows nothing new', async () => {
    let kept: AppState['outcome'] = outcome;
    popup = renderPopup((request) => {
      if (request.type === 'dismissOutcome' && request.id === kept?.id) kept = undefined;
      return ok({ ...signedIn([]), ...(kept ? { outcome: kept } : {}) });
    });
    const p = popup;
    await settle(() => expect(p.root.querySelector('[role="alert"]')?.getAttribute('data-code')).toBe('access_denied'));
    expect(p.text()).toContain('declined');
    await settle(() => expect(p.sent).toContainEqual({ type: 'dismissOutcome', id: outcome.id }));
    // A broadcast sent before the worker forgot it still carries it: shown once, dismissed once.
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'stateChanged', state: { ...signedIn([]), outcome } },
      {},
      () => undefined,
    );
    // And one sent as a sign-in starts (which forgets it) is not shown at all. (A revoke's, which the alert already
    // shown would not hold back.)
    const other = {
      id: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9',
      revocation: { remote: 'manual', othersRemoved: 0 },
    } as NonNullable<AppState['outcome']>;
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'stateChanged', state: { ...signedIn([]), status: 'signing_in', outcome: other } },
      {},
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.sent.filter((request) => request.type === 'dismissOutcome')).toEqual([
      { type: 'dismissOutcome', id: outcome.id },
    ]);
    expect(p.text()).not.toContain('To remove the app from your account as well');
  });

  test('a revoke whose popup closed: the next popup says what it did, with the Connected Apps link', async () => {
    const revoked = { id: '0d5c8a1e-3b7f-4e2a-9c6d-8f1b2a3c4d5e', revocation: { remote: 'manual', othersRemoved: 0 } };
    popup = renderPopup((request) =>
      ok(
        request.type === 'dismissOutcome'
          ? signedIn([bob])
          : { ...signedIn([bob]), outcome: revoked as NonNullable<AppState['outcome']> },
      ),
    );
    const p = popup;
    await settle(() => expect(p.text()).toContain('To remove the app from your account as well'));
    expect(p.root.querySelector(`a[href="${CONNECTED_APPS_URL}"]`)).not.toBeNull();
    // Removing the app there ends more than this connection: said before the person goes.
    expect(p.text()).toMatch(/Connected Apps on WordPress\.com\. That also ends the app’s other connections/);
    expect(p.sent).toContainEqual({ type: 'dismissOutcome', id: revoked.id });
  });

  test('waits behind another notice in the same answer: not dismissed unseen', async () => {
    const damaged = {
      code: 'storage_corrupt',
      message: 'The stored settings were damaged and have been reset.',
    } as const;
    popup = renderPopup((request) =>
      request.type === 'getState'
        ? ok({ ...signedIn([]), outcome: outcome }, { notice: damaged })
        : ok({ ...signedIn([]), outcome: outcome }),
    );
    const p = popup;
    await settle(() =>
      expect(p.root.querySelector('[role="alert"]')?.getAttribute('data-code')).toBe('storage_corrupt'),
    );
    expect(p.sent.map((request) => request.type)).not.toContain('dismissOutcome');
  });

  test('a notice said once (storage found damaged) is not replaced by the outcome when the refresh answers', async () => {
    const damaged = {
      code: 'storage_corrupt',
      message: 'One or more stored connections were damaged. Their access may still be active.',
    } as const;
    const withOutcome = { ...signedIn([alice]), outcome };
    popup = renderPopup((request) =>
      request.type === 'getState' ? ok(withOutcome, { notice: damaged }) : ok(withOutcome),
    );
    const p = popup;
    await settle(() => expect(p.sent.map((request) => request.type)).toContain('refreshProfile'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.root.querySelector('[role="alert"]')?.getAttribute('data-code')).toBe('storage_corrupt');
    // The outcome stays kept for a later popup.
    expect(p.sent.map((request) => request.type)).not.toContain('dismissOutcome');
  });
});

describe('answers and changes the person did not ask for', () => {
  test('a popup opened while "Sign in again" waits shows the wait on "Sign in again", not on "Log in"', async () => {
    const waiting = {
      ...signedIn([]),
      status: 'signing_in',
      restore: { label: 'Alice Example — Profile only', access: { level: 'profile' } },
      signingInAgain: true,
    } as AppState;
    popup = renderPopup(() => ok(waiting));
    const p = popup;
    await settle(() => expect(p.button('Sign in again').getAttribute('aria-busy')).toBe('true'));
    expect(p.button('Log in with WordPress.com').getAttribute('aria-busy')).not.toBe('true');
  });

  test('a popup opened while a sign-in waits says the access that sign-in asks for, not the saved one', async () => {
    const waiting = { ...signedIn([]), status: 'signing_in', signingInWith: { level: 'global' } } as AppState;
    popup = renderPopup(() => ok(waiting));
    const p = popup;
    await settle(() => expect(p.text()).toContain('This sign-in asks for: All sites'));
    expect(p.text()).not.toContain('Asks for: Profile only');
  });

  test('a "Check now" answer that comes after a revoke says nothing about the popup as it was', async () => {
    const check = later<BackgroundResponse>();
    const p = await open(
      worker(both, (request) =>
        request.type === 'checkHealth'
          ? check.promise
          : request.type === 'revoke'
            ? ok(signedIn([bob]), { revocation: 'manual' })
            : ok(both),
      ),
    );
    await settle(() => p.button('Check now'));
    p.click(p.button('Check now'));
    p.click(p.button(REVOKE_ALICE));
    await settle(() => expect(p.text()).not.toContain('Alice Example'));
    // The check ends after the revoke: Alice is gone because the person revoked her, not because WordPress.com refused.
    check.resolve(ok(signedIn([bob])));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.statuses().join(' ')).not.toMatch(/no longer accepts|was removed|confirmed the token/);
  });

  test('a change from elsewhere that removes the focused button leaves the focus on the heading, not the page', async () => {
    const p = await open(worker(both));
    await settle(() => p.button(REVOKE_ALICE));
    p.button(REVOKE_ALICE).focus();
    // Another page made Bob's connection the active one: Alice's card, and its Revoke, go.
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'stateChanged', state: { ...both, activeId: bob.id } },
      {},
      () => undefined,
    );
    await settle(() => expect(document.activeElement?.id).toBe('profile-name'));
    expect(document.activeElement?.textContent).toBe('Bob Unverified');
  });

  test('"Checking for updates…" lasts until the last of two refreshes answers', async () => {
    const first = later<BackgroundResponse>();
    const second = later<BackgroundResponse>();
    let refreshes = 0;
    const p = await open((request) => {
      if (request.type === 'refreshProfile') return ++refreshes === 1 ? first.promise : second.promise;
      return ok(both);
    });
    await settle(() => p.button('Use Bob Unverified — All sites'));
    p.click(p.button('Use Bob Unverified — All sites'));
    await settle(() => expect(refreshes).toBe(2));
    first.resolve(ok(both));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.statuses()).toContain('Checking for updates…');
    second.resolve(ok(both));
    await settle(() => expect(p.statuses()).not.toContain('Checking for updates…'));
  });
});

describe('"Use" and "Dismiss" under way', () => {
  /**
   * Presses `name` with the focus on it: it shows its wait, held, not disabled (a disabled button would drop the focus
   * the person's press put on it to the page), and a second press (holding Enter) sends nothing more.
   */
  async function pressHeld(p: Awaited<ReturnType<typeof open>>, name: string, type: BackgroundRequest['type']) {
    await settle(() => p.button(name));
    const pressed = p.button(name);
    pressed.focus();
    p.click(pressed);
    await settle(() => expect(pressed.getAttribute('aria-busy')).toBe('true'));
    expect(pressed.getAttribute('aria-disabled')).toBe('true');
    expect(pressed.disabled).toBe(false);
    p.click(pressed);
    expect(p.sent.filter((request) => request.type === type)).toHaveLength(1);
  }

  test('"Use" pressed shows its wait and keeps the focus: held, not disabled', async () => {
    const select = later<BackgroundResponse>();
    const p = await open(worker(both, (request) => (request.type === 'selectConnection' ? select.promise : ok(both))));
    await pressHeld(p, 'Use Bob Unverified — All sites', 'selectConnection');
    expect(p.button(REVOKE_BOB).disabled).toBe(true);
    select.resolve(ok({ ...both, activeId: bob.id }));
    await settle(() => expect(document.activeElement?.id).toBe('profile-name'));
  });

  test('"Dismiss" pressed shows its wait and keeps the focus: held, not disabled', async () => {
    const offer = {
      ...both,
      restore: { label: 'Carol — Profile only', access: { level: 'profile' as const }, removedAt: 1_700_000_000_000 },
    } as AppState;
    const dismiss = later<BackgroundResponse>();
    const p = await open(worker(offer, (request) => (request.type === 'dismissRestore' ? dismiss.promise : ok(offer))));
    await pressHeld(p, 'Dismiss', 'dismissRestore');
    expect(p.button('Sign in again').disabled).toBe(true);
    dismiss.resolve(ok(both));
    await settle(() => expect(p.text()).not.toContain('Carol — Profile only'));
  });
});
