/**
 * The console while calls come and go, rendered by Preact against a worker the test plays: the endpoint stays
 * chosen while its call runs, an answer is a view of its own, refused values once corrected lose their alert, a
 * refused call's explanation is said with its status, and a slow answer for a connection the person left is not said
 * above the one they chose.
 */
import { afterEach, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../utils/access-choices';
import type { ConnectionView } from '../../utils/connection';
import type { AppState, BackgroundResponse, CallResult, ErrorInfo } from '../../utils/messages';
import { BOB } from '../../utils/testing/fixtures';
import { errorWords, nextStep } from '../error-words';
import { type FakeWorker, later, type RenderedPopup, renderPopup, settle } from '../testing/popup-dom';
import { BOB_GLOBAL_VIEW } from '../testing/views';

const bob = BOB_GLOBAL_VIEW;
const carol: ConnectionView = {
  ...bob,
  id: 'conn-carol',
  obtainedAt: 1_700_000_000_002,
  profile: { ...BOB, id: 1003, displayName: 'Carol Other', username: 'carol' },
};
const state: AppState = { status: 'signed_in', connections: [bob], activeId: bob.id, settings: DEFAULT_SETTINGS };
const ok = (extra: Partial<BackgroundResponse> = {}, shown = state): BackgroundResponse =>
  ({ ok: true, state: shown, ...extra }) as BackgroundResponse;
const answer = (body: string, extra: Partial<CallResult> = {}): CallResult => ({
  endpoint: 'me',
  method: 'GET',
  url: 'https://public-api.wordpress.com/rest/v1.1/me',
  status: 200,
  durationMs: 5,
  body,
  ...extra,
});

let popup: RenderedPopup | undefined;
afterEach(() => {
  popup?.close();
  popup = undefined;
});

const open = async (worker: FakeWorker) => {
  const p = renderPopup(worker);
  popup = p;
  await settle(() => expect(p.button('Call').disabled).toBe(false));
  return p;
};
const select = (p: RenderedPopup) => p.root.querySelector('#endpoint') as HTMLSelectElement;
const input = (p: RenderedPopup, name: string) => p.root.querySelector(`#param-${name}`) as HTMLInputElement;
function fire(element: Element, type: string) {
  const view = element.ownerDocument.defaultView as unknown as { Event: typeof Event };
  element.dispatchEvent(new view.Event(type, { bubbles: true }));
}
function choose(p: RenderedPopup, id: string) {
  Object.defineProperty(select(p), 'value', { configurable: true, get: () => id, set: () => {} });
  fire(select(p), 'change');
}

test('the endpoint a call was sent to stays chosen until its answer comes', async () => {
  const pending = later<BackgroundResponse>();
  const p = await open((request) => (request.type === 'callEndpoint' ? pending.promise : ok()));
  p.click(p.button('Call'));
  await settle(() => expect(p.statuses().join('|')).toContain('Calling GET /v1.1/me'));
  expect(select(p).disabled).toBe(true);
  pending.resolve(ok({ call: answer('{"ID": 1}') }));
  await settle(() => expect(select(p).disabled).toBe(false));
});

test('each answer is a view of its own: "Copied" does not carry over to the next', async () => {
  let n = 0;
  Object.defineProperty(globalThis.navigator, 'clipboard', {
    configurable: true,
    value: { writeText: () => Promise.resolve() },
  });
  const p = await open((request) => (request.type === 'callEndpoint' ? ok({ call: answer(`{"n": ${++n}}`) }) : ok()));
  p.click(p.button('Call'));
  await settle(() => expect(p.text()).toContain('"n": 1'));
  p.click(p.button('Copy'));
  await settle(() => expect(p.statuses()).toContain('Copied'));
  p.click(p.button('Call'));
  await settle(() => expect(p.text()).toContain('"n": 2'));
  expect(p.statuses()).not.toContain('Copied');
});

test('refused values, once corrected, lose their alert with their marks', async () => {
  const p = await open((request) =>
    request.type === 'callEndpoint'
      ? ({
          ok: false,
          error: { code: 'invalid_params', message: '“number” must be a whole number.' },
          state,
        } as BackgroundResponse)
      : ok(),
  );
  choose(p, 'read-liked');
  await settle(() => expect(input(p, 'number')).toBeTruthy());
  input(p, 'number').value = 'abc';
  fire(input(p, 'number'), 'input');
  p.click(p.button('Call'));
  await settle(() => expect(p.root.querySelector('#params-refused')).not.toBeNull());
  input(p, 'number').value = '5';
  fire(input(p, 'number'), 'input');
  await settle(() => expect(p.root.querySelector('#params-refused')).toBeNull());
  expect(input(p, 'number').getAttribute('aria-invalid')).not.toBe('true');
});

/** What a screen reader is told: the text of every live region, in page order. */
const LIVE = '[role="status"], [role="alert"], [role="log"], [aria-live]';
const said = (p: RenderedPopup) =>
  [...p.root.querySelectorAll(LIVE)].map((region) => region.textContent ?? '').join('|');
const timesIn = (text: string, words: string) => text.split(words).length - 1;

test('a refused call’s explanation is said once, with its status, and the body in no live region', async () => {
  // A one-site connection calling /me/settings: WordPress.com answers 403 authorization_required.
  const refused: ErrorInfo = {
    code: 'scope_insufficient',
    message: 'WordPress.com refused this endpoint for this connection’s access (HTTP 403).',
  };
  const body = '{"error": "authorization_required"}';
  const p = await open((request) =>
    request.type === 'callEndpoint'
      ? ok({ call: answer(body, { status: 403, durationMs: 95, problem: refused }) })
      : ok(),
  );
  p.click(p.button('Call'));
  await settle(() => expect(p.root.querySelector('.problem')).not.toBeNull());
  await settle(() => expect(p.statuses().join('|')).toContain('403 Forbidden · 95 ms'));
  // The words the response shows, each said once.
  for (const words of [errorWords(refused.code), refused.message, nextStep(refused)]) {
    expect(words).toBeTruthy();
    expect(timesIn(said(p), words ?? ''), words).toBe(1);
  }
  expect(p.root.querySelector('.problem')?.closest(LIVE)).toBeNull();
  expect(p.root.querySelector('pre.json')?.closest(LIVE)).toBeNull();
  expect(said(p)).not.toContain('authorization_required');
});

test('a slow answer for a connection the person left is not said above the one they chose', async () => {
  const two: AppState = { ...state, connections: [bob, carol], activeId: bob.id };
  const carolActive: AppState = { ...two, activeId: carol.id };
  let current = two;
  const pending = later<BackgroundResponse>();
  const p = await open((request) => {
    if (request.type === 'callEndpoint') return pending.promise;
    if (request.type === 'selectConnection') current = carolActive;
    return ok({}, current);
  });
  p.click(p.button('Call'));
  await settle(() => expect(p.statuses().join('|')).toContain('Calling'));
  p.click(p.button(/^Use Carol/));
  await settle(() => expect(p.root.querySelector('#profile-name')?.textContent).toBe('Carol Other'));
  const tooMany = {
    code: 'rate_limited',
    message: 'WordPress.com asked to slow down.',
    retryAfterSeconds: 60,
  } as const;
  pending.resolve(ok({ call: answer('{}', { status: 429, problem: tooMany }) }, carolActive));
  await new Promise((done) => setTimeout(done, 50));
  expect(p.root.querySelectorAll('[role="alert"]')).toHaveLength(0);
});

test('a call whose connection was removed (its token refused) is said above what the popup shows now', async () => {
  const two: AppState = { ...state, connections: [bob, carol], activeId: bob.id };
  const carolOnly: AppState = { ...state, connections: [carol], activeId: carol.id };
  const p = await open((request) =>
    request.type === 'callEndpoint'
      ? ok(
          {
            call: answer('{}', {
              status: 403,
              problem: { code: 'token_invalid', message: 'Bob’s token was refused.' },
            }),
          },
          carolOnly,
        )
      : ok({}, two),
  );
  p.click(p.button('Call'));
  await settle(() => expect(p.root.querySelector('[role="alert"]')?.textContent).toContain('Bob’s token was refused.'));
});

test('an answer shown as it came (compact JSON, not JSON) wraps; a pretty-printed one keeps its lines', async () => {
  const bodies = [
    // Cut at 1 MB, or too deep to pretty-print: WordPress.com's compact JSON, one long line.
    `{"posts":[${Array.from({ length: 400 }, (_, n) => `{"ID":${n},"title":"Post ${n}"}`).join(',')}]}`,
    '<html><body>Bad gateway</body></html>',
    JSON.stringify({ ID: 1, posts: [{ ID: 2 }] }, null, 2),
  ];
  let n = 0;
  const p = await open((request) =>
    request.type === 'callEndpoint' ? ok({ call: answer(bodies[n++] ?? '', { status: 200 }) }) : ok(),
  );
  const pre = () => p.root.querySelector('pre.json');
  for (const [index, wraps] of [true, true, false].entries()) {
    p.click(p.button('Call'));
    await settle(() => expect(pre()?.textContent).toBe(bodies[index]));
    expect(pre()?.classList.contains('wrap'), bodies[index]?.slice(0, 20)).toBe(wraps);
  }
});

test('an empty answer says so, and not that it is shown below', async () => {
  const p = await open((request) =>
    request.type === 'callEndpoint'
      ? ok({ call: answer('', { status: 204, schemaProblem: 'The answer is empty.' }) })
      : ok(),
  );
  p.click(p.button('Call'));
  await settle(() => expect(p.root.querySelector('.warn-text')?.textContent).toBe('The answer is empty.'));
});
