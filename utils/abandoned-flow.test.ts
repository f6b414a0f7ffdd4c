/**
 * A worker stopped during a sign-in's consent window leaves its flow (state, redirect URI) in session storage,
 * and no later worker can finish it. Each test is a fresh worker (fresh modules, the same storage).
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SANDBOX_API_CLIENT_ID, SANDBOX_CLIENT_ID } from '../sandbox/sandbox-config';
import { newPendingFlow } from './pending-flow';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const popup = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };
const identity = fakeBrowser.identity as unknown as {
  launchWebAuthFlow: (details: object) => Promise<string>;
  getRedirectURL: () => string;
};

/** A worker just woken: its modules loaded anew, storage as the last one left it. */
async function freshWorker() {
  vi.resetModules();
  return (await import('./background-router')).handleMessage;
}
const storedFlow = async () => (await fakeBrowser.storage.session.get('pendingFlow')).pendingFlow;
const stale = newPendingFlow(REDIRECT, { level: 'profile' }, Date.now());
const leftBehind = () => fakeBrowser.storage.session.set({ pendingFlow: stale });
/** Once the sign-in under way has stored its own flow. */
const ownFlowStored = () =>
  vi.waitFor(async () =>
    expect((await storedFlow()) as object | undefined).toMatchObject({
      state: expect.not.stringMatching(`^${stale.state}$`),
    }),
  );

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubEnv('WXT_WPCOM_CLIENT_ID', SANDBOX_CLIENT_ID);
  vi.stubEnv('WXT_WPCOM_API_CLIENT_ID', SANDBOX_API_CLIENT_ID);
  vi.stubEnv('WXT_TOKEN_PROXY_URL', 'http://127.0.0.1:1/token');
  identity.getRedirectURL = () => REDIRECT;
  // Chromium's, which fakeBrowser lacks.
  Object.assign(fakeBrowser.storage.session, { setAccessLevel: async () => undefined });
  // The consent window stays open for the whole test.
  identity.launchWebAuthFlow = () => new Promise(() => undefined);
});
afterEach(() => vi.unstubAllEnvs());

test('the first message of a new worker that is not a sign-in forgets the flow a stopped one left', async () => {
  await leftBehind();
  const handle = await freshWorker();
  await handle({ type: 'getState' }, popup);
  await vi.waitFor(async () => expect(await storedFlow()).toBeUndefined());
});

test('a sign-in’s own flow stays while its window is open, whatever the popup asks meanwhile', async () => {
  await leftBehind();
  const handle = await freshWorker();
  void handle({ type: 'signIn' }, popup);
  await ownFlowStored();
  const own = await storedFlow();
  await handle({ type: 'getState' }, popup);
  await handle({ type: 'checkHealth' }, popup);
  await new Promise((done) => setTimeout(done, 20));
  expect(await storedFlow()).toEqual(own);
});

test('a sign-in started after the worker’s first message keeps its flow while it runs', async () => {
  const handle = await freshWorker();
  await handle({ type: 'getState' }, popup);
  void handle({ type: 'signIn' }, popup);
  await ownFlowStored();
  const own = await storedFlow();
  await handle({ type: 'getState' }, popup);
  await new Promise((done) => setTimeout(done, 20));
  expect(await storedFlow()).toEqual(own);
});
