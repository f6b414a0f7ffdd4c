/**
 * The real flow in Firefox ESR: `browser.identity.launchWebAuthFlow`, the emulator's consent page, the proxy.
 * Firefox loads the consent page twice per sign-in (a background request first, to see whether it redirects
 * at once), so these tests count flows (`authFlows`), approvals and denials, never page requests alone.
 */
import { describe, expect } from 'vitest';
import { SANDBOX_FIREFOX_ORIGIN, SANDBOX_FIREFOX_REDIRECT_URI } from '../../sandbox/sandbox-config';
import {
  alertShown,
  approveAs,
  countText,
  emulator,
  type FirefoxHarness,
  logIn,
  loginButton,
  proxyLog,
  startLogin,
  storageDump,
  storedToken,
  firefoxTest as test,
  WAIT_MS,
  waitForText,
} from './harness';

/** Nothing of ours stored, once the popup has said it showed the kept outcome (its dismissal follows the alert). */
async function expectNothingStored(h: FirefoxHarness) {
  await expect.poll(() => storageDump(h.popup), { timeout: WAIT_MS }).toEqual({ local: {}, session: {}, sync: {} });
}

describe('signing in with WordPress.com in Firefox', () => {
  test('a verified person logs in and sees their profile', async ({ h }) => {
    // The add-on's redirect URI is the one WordPress.com (here the emulator) and the proxy have on record.
    expect(await h.popup.evaluate(() => location.origin)).toBe(SANDBOX_FIREFOX_ORIGIN);
    expect(
      await h.popup.evaluate(() =>
        (
          globalThis as unknown as { browser: { identity: { getRedirectURL(): string } } }
        ).browser.identity.getRedirectURL(),
      ),
    ).toBe(SANDBOX_FIREFOX_REDIRECT_URI);

    await logIn(h, 'Alice');
    const { popup } = h;
    await waitForText(popup, 'Alice Example');
    await waitForText(popup, '@alicewrites');
    await waitForText(popup, 'alice@example.com');
    await waitForText(popup, 'Verified');
    expect(await countText(popup, 'Not verified')).toBe(0);
    const avatarLoaded = await popup.$eval('img[alt*="Alice Example"]', (img) => img.complete && img.naturalWidth > 0);
    expect(avatarLoaded).toBe(true);

    const stored = await storageDump(popup);
    const token = await storedToken(popup);
    expect(token).toMatch(/[)%&@(^]/);
    expect(stored.local.connections).toMatchObject({ connections: [{ kind: 'login', scope: ['auth'], blogId: null }] });
    expect(stored.session).toEqual({}); // the flow's state is gone once used
    expect(stored.sync).toEqual({});

    // One sign-in, though Firefox asked for the consent page twice.
    expect(await emulator().stats()).toMatchObject({
      authFlows: 1,
      consentPages: 2,
      consentApprovals: 1,
      tokenRequests: 1,
      tokensIssued: 1,
    });
    // The exchange went through the proxy, which took the add-on's moz-extension origin, and its log holds no token.
    expect(proxyLog().some((line) => line.path === '/token' && line.status === 200)).toBe(true);
    expect(JSON.stringify(proxyLog())).not.toContain(String(token));
  });

  test('with WordPress.com refusing extension origins, the sign-in works: the background’s GETs carry no origin to refuse', async ({
    h,
  }) => {
    // As in Chromium: only the background's POSTs carry `Origin: moz-extension://…`. Were /me's GET to carry it, the
    // emulator would refuse it and an alert would say so.
    await emulator().setBehaviour({ extensionOriginsRefused: true });
    await logIn(h, 'Alice');
    await waitForText(h.popup, 'Alice Example');
    const alerts = await h.popup.evaluate(() =>
      [...document.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent?.trim()).filter(Boolean),
    );
    expect(alerts).toEqual([]);
  });

  test('while /me answers with a redirect, it is not followed: the connection is kept and the person told', async ({
    h,
  }) => {
    // Firefox's background page gets an opaque redirect for `redirect: 'manual'`, as Chromium's worker does.
    await emulator().setBehaviour({ meFailure: 'redirect' });
    await logIn(h, 'Alice');
    const alert = await alertShown(h.popup);
    expect(alert.text).toMatch(/answered with a redirect, which is not followed/);
    expect(alert.code).toBe('invalid_response');
    expect(await storedToken(h.popup)).toBeDefined();
  });

  test('denying on WordPress.com shows why, stores nothing, and the button works again', async ({ h }) => {
    const auth = await startLogin(h);
    await auth.click('button[value="deny"]');
    const alert = await alertShown(h.popup);
    expect(alert.text).toMatch(/declined/i);
    expect(alert.code).toBe('access_denied');
    await expectNothingStored(h);
    expect(await emulator().stats()).toMatchObject({ authFlows: 1, consentDenials: 1, tokenRequests: 0 });
    await startLogin(h); // a second window opens: the person can try again
    expect((await emulator().stats()).authFlows).toBe(2);
  });

  test('a popup closed during the consent window comes back and tells how the sign-in ended, once', async ({ h }) => {
    const options = await h.openPage('options.html');
    const auth = await startLogin(h);
    // Firefox closes a toolbar popup as the consent window takes the focus: the answer to its sign-in is lost.
    await h.popup.close();
    await auth.click('button[value="deny"]');
    await expect.poll(async () => (await emulator().stats()).consentDenials, { timeout: WAIT_MS }).toBe(1);
    // The worker opens the toolbar popup again (Firefox ESR allows it without a click); read through the add-on's
    // own views, as the popup is no page the driver can reach.
    // The alert in the toolbar popup (closed once read, when `close`), or null.
    const toolbarPopupAlert = (close: boolean) =>
      options.evaluate((close) => {
        type Views = { extension: { getViews(filter: { type: 'popup' }): Window[] } };
        const views = (globalThis as unknown as { browser: Views }).browser.extension.getViews({ type: 'popup' });
        const alert = views[0]?.document.querySelector<HTMLElement>('[role="alert"]');
        const shown = alert ? { code: alert.dataset.code, text: alert.textContent ?? '' } : null;
        if (close) for (const view of views) view.close();
        return shown;
      }, close);
    await expect
      .poll(() => toolbarPopupAlert(false), { timeout: WAIT_MS })
      .toEqual({ code: 'access_denied', text: expect.stringMatching(/declined/i) });
    await expect.poll(() => storageDump(options), { timeout: WAIT_MS }).toEqual({ local: {}, session: {}, sync: {} });
    await toolbarPopupAlert(true);
    // Told once: the next popup opens signed out, with no alert.
    const next = await h.openPopup();
    await loginButton(next).wait();
    expect(await next.$('[role="alert"]')).toBeNull();
  });

  test('closing the sign-in window is a cancellation, and logging in again works at once', async ({ h }) => {
    const auth = await startLogin(h);
    await auth.close();
    // Firefox's "User cancelled or denied access." is our user_cancelled.
    const alert = await alertShown(h.popup);
    expect(alert.code).toBe('user_cancelled');
    expect(alert.text).toMatch(/closed/i);
    await expectNothingStored(h);

    await logIn(h, 'Alice');
    await waitForText(h.popup, 'Alice Example');
    expect(await h.popup.$('[role="alert"]')).toBeNull();
    expect(await emulator().stats()).toMatchObject({ authFlows: 2, consentApprovals: 1, tokensIssued: 1 });
  });

  test('a tampered state is refused: alert, no code exchange, nothing stored', async ({ h }) => {
    await emulator().setBehaviour({ tamperState: true });
    const proxyLinesBefore = proxyLog().length;
    await approveAs(await startLogin(h), 'Alice');
    const alert = await alertShown(h.popup);
    expect(alert.code).toBe('state_mismatch');
    expect(alert.text).toMatch(/could not be verified/i);
    // The code was issued but never sent anywhere: not to the proxy, not to the token endpoint.
    expect(await emulator().stats()).toMatchObject({ consentApprovals: 1, codesIssued: 1, tokenRequests: 0 });
    expect(proxyLog().slice(proxyLinesBefore)).toEqual([]);
    await expectNothingStored(h);
    await loginButton(h.popup).wait();
  });
});
