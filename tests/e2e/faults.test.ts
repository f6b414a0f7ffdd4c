/**
 * Faults, in the real browser: a token proxy that is down, too slow or answers HTML (the fault relay in
 * front of it, global-setup.ts); stored data damaged by hand between popup opens; the service worker
 * stopped while the popup is open and in the middle of a sign-in; and several extension pages at once.
 *
 * The worker stopped while idle, between popup opens, is in sign-in.test.ts ("a stopped service worker
 * loses nothing").
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { RelayMode } from '../../sandbox/fault-relay';
import {
  alertText,
  approveAs,
  callEndpoint,
  emulator,
  type Harness,
  logIn,
  loginButton,
  openOptions,
  proxyLog,
  relay,
  services,
  startLogin,
  stopServiceWorker,
  storageDump,
  storedConnections,
  storedToken,
  extensionTest as test,
  writeStorage,
} from './harness';

/** After a failed or ended sign-in: nothing of ours in any storage area (no token, no pending flow). */
async function expectNothingStored(page: Page) {
  expect(await storageDump(page)).toEqual({ local: {}, session: {}, sync: {} });
}

/** The consent windows open right now. */
const consentWindows = (h: Harness) => h.context.pages().filter((page) => page.url().includes('/oauth2/'));

/** The alert's `data-code`, once one shows. */
async function alertCode(popup: Page): Promise<string | null> {
  const alert = popup.getByRole('alert');
  await alert.waitFor({ timeout: 15_000 });
  return alert.getAttribute('data-code');
}

interface ProxyFault {
  name: string;
  mode: Exclude<RelayMode, 'pass'>;
  /** The code the extension gives it (utils/token-exchange.ts, utils/errors.ts). */
  code: string;
  words: RegExp;
}

const PROXY_FAULTS: ProxyFault[] = [
  // Nothing listens on the proxy's port any more: ECONNREFUSED, a fetch that fails at once.
  { name: 'is down (connection refused)', mode: 'refuse', code: 'network', words: /could not be reached/ },
  // Held past the build's WXT_REQUEST_TIMEOUT_MS: the extension's own deadline ends the request.
  { name: 'answers too slowly', mode: 'slow', code: 'timeout', words: /did not answer in time/ },
  // A captive portal: 200, but a web page instead of a token.
  { name: 'answers 200 with an HTML page', mode: 'html', code: 'invalid_response', words: /unusable token answer/ },
  // A load balancer's error page.
  {
    name: 'answers 502 with an HTML page',
    mode: 'html502',
    code: 'exchange_failed',
    words: /answered with an error \(HTTP 502\)/,
  },
];

describe('when the token proxy fails', () => {
  test.for(PROXY_FAULTS)(
    'the proxy $name: a clear alert, nothing stored, and the button works again',
    async ({ mode, code, words }, { h }) => {
      const { requestTimeoutMs } = services();
      await relay().setMode(mode);
      const proxyLinesBefore = proxyLog().length;

      const auth = await startLogin(h);
      const approvedAt = Date.now();
      await approveAs(auth, 'Alice');
      expect(await alertCode(h.popup)).toBe(code);
      const elapsed = Date.now() - approvedAt;
      expect(await alertText(h.popup)).toMatch(words);
      await expectNothingStored(h.popup);

      // The code never reached WordPress.com, and the proxy saw nothing: the relay refused, held or answered.
      expect((await emulator().stats()).tokenRequests).toBe(0);
      expect(proxyLog().slice(proxyLinesBefore)).toEqual([]);
      const stats = await relay().stats();
      expect(stats.forwarded).toBe(0);
      if (mode === 'refuse') expect(stats.received).toBe(0);
      if (mode === 'slow') {
        // The extension gave up (closed the connection) at its own deadline, not the browser's: its own code says
        // `timeout` (a browser's failure would be `network`), not before the deadline, and the relay saw it hang up.
        expect(elapsed).toBeGreaterThanOrEqual(requestTimeoutMs - 250);
        await expect.poll(async () => (await relay().stats()).abandoned).toBe(1);
      }
      if (mode === 'html' || mode === 'html502') expect(stats.answered).toBe(1);

      // The button works again: a new consent window opens, and with the proxy back the sign-in completes.
      expect(await loginButton(h.popup).getAttribute('aria-busy')).toBe('false');
      const again = await startLogin(h);
      await relay().setMode('pass');
      await approveAs(again, 'Alice');
      await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor({ timeout: 15_000 });
      expect(await h.popup.getByRole('alert').count()).toBe(0);
      expect((await storedConnections(h.popup)).list).toHaveLength(1);
      expect((await storageDump(h.popup)).session).toEqual({});
    },
  );
});

/** Values written over `local:connections` by hand: none is a store the extension can use. */
const DAMAGED_CONNECTIONS: Array<[string, unknown]> = [
  ['not an object', 42],
  [
    'a connection without its token',
    {
      activeId: 'c1',
      connections: [{ id: 'c1', kind: 'login', scope: ['auth'], blogId: null, blogUrl: null, obtainedAt: 1 }],
    },
  ],
  ['a huge string', 'x'.repeat(4_000_000)],
];

describe('stored data damaged by hand between popup opens', () => {
  test('damaged connections: the reopened popup says so, shows the sign-in, and signing in works again', async ({
    h,
  }) => {
    let popup = h.popup;
    for (const [shape, garbage] of DAMAGED_CONNECTIONS) {
      await logIn({ ...h, popup }, 'Alice');
      const token = await storedToken(popup);
      expect(token, shape).toBeTruthy();
      await popup.close();

      // Written from another extension page while no popup is open, as a person with DevTools would.
      const writer = await openOptions(h);
      await writeStorage(writer, 'local', { connections: garbage });
      await writer.close();

      popup = await h.openPopup();
      await popup.getByRole('heading', { name: 'WordPress.com Connect' }).waitFor();
      expect(await alertCode(popup), shape).toBe('storage_corrupt');
      expect(await alertText(popup), shape).toMatch(/stored connections were damaged and have been removed/);
      await loginButton(popup).waitFor();
      const dump = await storageDump(popup);
      expect(dump.local, shape).not.toHaveProperty('connections');
      expect(JSON.stringify(dump), shape).not.toContain(String(token));
    }
    // And once more: the last recovery signs in too.
    await logIn({ ...h, popup }, 'Alice');
    await popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    expect(await popup.getByRole('alert').count()).toBe(0);
    expect((await storedConnections(popup)).list).toHaveLength(1);
  });

  test('damaged settings: the popup says so and the default access is used', async ({ h }) => {
    await writeStorage(h.popup, 'local', { settings: { access: 'everything', showGravatar: 'maybe' } });
    await h.popup.close();

    const popup = await h.openPopup();
    await popup.getByRole('heading', { name: 'WordPress.com Connect' }).waitFor();
    expect(await alertCode(popup)).toBe('storage_corrupt');
    expect(await alertText(popup)).toMatch(/stored settings were damaged and have been reset/);
    await popup.getByText('Asks for: Profile only').waitFor();
    expect((await storageDump(popup)).local).toEqual({});

    const auth = await startLogin({ ...h, popup });
    expect(new URL(auth.url()).searchParams.get('scope')).toBe('auth');
    await approveAs(auth, 'Alice');
    await popup.getByRole('heading', { name: 'Alice Example' }).waitFor({ timeout: 15_000 });
    expect((await storedConnections(popup)).list).toEqual([
      expect.objectContaining({ kind: 'login', scope: ['auth'] }),
    ]);

    // The options page shows the defaults too, and saving writes good settings again.
    const options = await openOptions(h);
    expect(await options.getByRole('radio', { name: 'Profile only' }).isChecked()).toBe(true);
    expect(await options.getByRole('checkbox', { name: 'Show Gravatar profile' }).isChecked()).toBe(true);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved').waitFor();
    expect((await storageDump(options)).local.settings).toEqual({ access: { level: 'profile' }, showGravatar: true });
  });
});

describe('the service worker stopped', () => {
  // Stopped while idle, between popup opens: sign-in.test.ts, "a stopped service worker loses nothing".

  test('while the popup is open: Check now, a console call and revoke all work from the same popup', async ({ h }) => {
    await logIn(h, 'Alice');
    const token = await storedToken(h.popup);
    const status = h.popup.getByRole('region', { name: 'Connection', exact: true });

    // Each action wakes a fresh worker, with nothing but storage to go on.
    await stopServiceWorker(h);
    await h.popup.getByRole('button', { name: 'Check now' }).click();
    await status.getByText(/WordPress\.com confirmed the token/).waitFor({ timeout: 15_000 });
    expect(await storedToken(h.popup)).toBe(token);

    await stopServiceWorker(h);
    const me = await callEndpoint(h.popup, 'Your profile');
    expect(me).toContain('200 OK');
    expect(me).toContain('"username": "alicewrites"');
    expect(await storedToken(h.popup)).toBe(token);
    expect((await storedConnections(h.popup)).list).toHaveLength(1);

    await stopServiceWorker(h);
    await h.popup.getByRole('button', { name: /Revoke/ }).click();
    await loginButton(h.popup).waitFor({ timeout: 15_000 });
    await expectNothingStored(h.popup);
    expect(await h.popup.getByRole('alert').count()).toBe(0);
  });

  test('in the middle of a sign-in: a clear alert, approving stores nothing, and a retry signs in cleanly', async ({
    h,
  }) => {
    const auth = await startLogin(h);
    await stopServiceWorker(h);
    // launchWebAuthFlow's promise died with the worker: the popup's request gets no answer, and says so.
    expect(await alertCode(h.popup)).toBe('unexpected');
    expect(await alertText(h.popup)).toMatch(/background did not answer/);
    expect(await loginButton(h.popup).getAttribute('aria-busy')).toBe('false');

    // The orphaned window still completes in the browser, but nobody is left to take its code.
    const closed = auth.waitForEvent('close', { timeout: 15_000 });
    await approveAs(auth, 'Alice');
    await closed;
    const { local } = await storageDump(h.popup);
    expect(local).toEqual({});
    // (That the orphaned code is never exchanged, now or later, is counted at the end: one exchange in all.)
    // The next worker, woken by a popup, forgets the flow the stopped one left (its state and redirect URI).
    expect((await storageDump(h.popup)).session).toHaveProperty('pendingFlow');
    await h.popup.reload();
    await loginButton(h.popup).waitFor();
    await expect.poll(async () => (await storageDump(h.popup)).session, { timeout: 5_000 }).toEqual({});

    // A retry: one new window, signed in, and no pending flow left behind.
    await logIn(h, 'Alice');
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    expect(await h.popup.getByRole('alert').count()).toBe(0);
    const dump = await storageDump(h.popup);
    expect(dump.session).toEqual({});
    const { activeId, list } = await storedConnections(h.popup);
    expect(list).toHaveLength(1);
    expect(activeId).toBe(list[0]?.id);
    expect(list[0]?.accessToken).toBeTruthy();
    expect(await emulator().stats()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
  });
});

describe('several extension pages at once', () => {
  test('two popups: both clicks share one consent window, both show the profile, a revoke in one signs out both', async ({
    h,
  }) => {
    const second = await h.openPopup();
    await loginButton(second).waitFor();

    const auth = await startLogin(h);
    // The first click's flow is announced to the other popup at once.
    await expect.poll(async () => loginButton(second).getAttribute('aria-busy')).toBe('true');
    await loginButton(second).click();

    await approveAs(auth, 'Alice');
    // Both show the profile only if the second click joined the first flow: a flow of its own would have stored its
    // state over the first one's, and the first window's answer would be refused (state_mismatch).
    for (const popup of [h.popup, second]) {
      await popup.getByRole('heading', { name: 'Alice Example' }).waitFor({ timeout: 15_000 });
    }
    // Both clicks' flows have ended, so any window they opened has been: one.
    expect(consentWindows(h)).toHaveLength(0);
    expect(await emulator().stats()).toMatchObject({ consentPages: 1, authFlows: 1, tokensIssued: 1 });
    expect((await storedConnections(second)).list).toHaveLength(1);

    // Revoked in the second popup: the first one hears of it and shows the sign-in.
    await second.getByRole('button', { name: /Revoke/ }).click();
    await loginButton(second).waitFor();
    await loginButton(h.popup).waitFor({ timeout: 15_000 });
    expect(await h.popup.getByRole('heading', { name: 'Alice Example' }).count()).toBe(0);
    await expectNothingStored(h.popup);
  });

  test('the options page’s "Sign in with this access" joins the popup’s pending sign-in', async ({ h }) => {
    const auth = await startLogin(h);
    const options = await openOptions(h);
    const optionsSignIn = options.getByRole('button', { name: 'Sign in with this access' });
    await optionsSignIn.click();
    await expect.poll(async () => optionsSignIn.getAttribute('aria-busy')).toBe('true');

    await approveAs(auth, 'Alice');
    // Both finish only if the options page's click joined the popup's flow (a flow of its own would have stored its
    // state over the first one's): then every flow has ended, and so has every window.
    await options.getByText(/^Connected: /).waitFor({ timeout: 15_000 });
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor({ timeout: 15_000 });
    expect(await options.getByRole('alert').count()).toBe(0);
    expect(await emulator().stats()).toMatchObject({ consentPages: 1, authFlows: 1, tokensIssued: 1 });
    expect((await storedConnections(h.popup)).list).toHaveLength(1);
  });

  test('the options page asking for other access while the popup’s sign-in waits is told so, and joins nothing', async ({
    h,
  }) => {
    const auth = await startLogin(h);
    const options = await openOptions(h);
    await options.getByRole('radio', { name: 'All sites' }).check();
    await options.getByRole('button', { name: 'Sign in with this access' }).click();
    expect(await alertText(options)).toMatch(/Another sign-in is already waiting in its WordPress.com window/);
    expect(await options.getByText(/^Connected: /).count()).toBe(0);
    expect(consentWindows(h)).toHaveLength(1);

    await approveAs(auth, 'Alice');
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor({ timeout: 15_000 });
    expect((await storedConnections(h.popup)).list).toMatchObject([{ kind: 'login' }]);
  });
});
