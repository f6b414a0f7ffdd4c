import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  alertText,
  callEndpoint,
  emulator,
  logIn,
  loginButton,
  proxyLog,
  startLogin,
  stopServiceWorker,
  storageDump,
  storedConnections,
  storedToken,
  extensionTest as test,
  writeStorage,
} from './harness';

describe('signing in with WordPress.com', () => {
  test('a verified person logs in and sees their profile', async ({ h }) => {
    await logIn(h, 'Alice');
    const { popup } = h;
    const avatar = popup.getByRole('img', { name: /Alice Example/ });
    await avatar.waitFor();
    expect(await avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    await popup.getByText('@alicewrites').waitFor();
    await popup.getByText('alice@example.com').waitFor();
    await popup.getByText('Verified', { exact: true }).waitFor();
    expect(await popup.getByText('Not verified').count()).toBe(0);

    const stored = await storageDump(popup);
    const token = await storedToken(popup);
    expect(token).toMatch(/[)%&@(^]/); // the emulator's tokens carry characters that need care
    expect(stored.local.connections).toMatchObject({ connections: [{ kind: 'login', scope: ['auth'], blogId: null }] });
    expect(stored.sync).toEqual({});
    expect(stored.session).toEqual({}); // the flow's state is gone once used
    expect((await emulator().stats()).tokensIssued).toBe(1);
    // The exchange went through the proxy, and its log holds no token.
    expect(proxyLog().some((line) => line.path === '/token' && line.status === 200)).toBe(true);
    expect(JSON.stringify(proxyLog())).not.toContain(token);
  });

  test('a reopened popup shows the profile at once, without a new sign-in', async ({ h }) => {
    await logIn(h, 'Alice');
    const consentPagesBefore = (await emulator().stats()).consentPages;
    await expect.poll(() => h.popup.getByText('Checking for updates…').count(), { timeout: 15_000 }).toBe(0);
    await h.popup.close();
    const meBefore = (await emulator().stats()).meRequests;
    const popup = await h.openPopup();
    await popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    // The heading can be the kept frame's: signed in is what the worker answers, once its refresh has come back.
    await expect.poll(async () => (await emulator().stats()).meRequests, { timeout: 15_000 }).toBeGreaterThan(meBefore);
    await expect.poll(() => popup.getByText('Checking for updates…').count(), { timeout: 15_000 }).toBe(0);
    await popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    expect(await loginButton(popup).count()).toBe(0);
    expect((await emulator().stats()).consentPages).toBe(consentPagesBefore);
    expect(h.context.pages().filter((page) => page.url().includes('/oauth2/')).length).toBe(0);
  });

  test('an unverified account is shown as "Not verified", with the caution', async ({ h }) => {
    await logIn(h, 'Bob');
    await h.popup.getByRole('heading', { name: 'Bob Unverified' }).waitFor();
    await h.popup.getByText('Not verified').waitFor();
    await h.popup.getByText(/be wary of trusting/).waitFor();
    expect(await h.popup.getByText('Verified', { exact: true }).count()).toBe(0);
  });

  test('a double click opens one WordPress.com window', async ({ h }) => {
    const opened: Page[] = [];
    h.context.on('page', (page) => opened.push(page));
    const authWindow = h.context.waitForEvent('page', { timeout: 15_000 });
    await loginButton(h.popup).dblclick();
    await loginButton(h.popup).click();
    const auth = await authWindow;
    await auth.getByRole('button', { name: 'Approve' }).click();
    // The profile shows only if the clicks joined the first flow: a second flow would have stored a state of its own
    // over the first one's (the worker keeps one), and the first window's answer would be refused as state_mismatch.
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    // Every click's flow has ended by now, so any window it opened has been opened: one, and one consent page.
    expect(opened).toEqual([auth]);
    expect(await emulator().stats()).toMatchObject({ consentPages: 1, authFlows: 1 });
  });

  test('a stopped service worker loses nothing', async ({ h }) => {
    await logIn(h, 'Alice');
    const token = await storedToken(h.popup);
    expect(token).toBeTruthy();
    // The popup's own refresh is over, so any /me from now on is the woken worker's.
    await expect.poll(() => h.popup.getByText('Checking for updates…').count(), { timeout: 15_000 }).toBe(0);
    const asked = (await emulator().stats()).meRequests;
    await h.popup.close();
    await stopServiceWorker(h);
    const popup = await h.openPopup();
    await popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    // The heading can come from the frame the last popup kept; the woken worker reading the stored connection is
    // what asks WordPress.com for its profile again, and the popup stays signed in once it has answered.
    await expect.poll(async () => (await emulator().stats()).meRequests, { timeout: 15_000 }).toBeGreaterThan(asked);
    await expect.poll(() => popup.getByText('Checking for updates…').count(), { timeout: 15_000 }).toBe(0);
    expect(await loginButton(popup).count()).toBe(0);
    expect(await storedToken(popup)).toBe(token);
    // The woken worker still runs the whole protocol: revoke works, and leaves nothing of the person.
    await popup.getByRole('button', { name: /Revoke/ }).click();
    await loginButton(popup).waitFor();
    await expect.poll(() => storageDump(popup), { timeout: 15_000 }).toEqual({ local: {}, session: {}, sync: {} });
  });

  test('while /me answers 429, the sign-in keeps its connection and says how long to wait', async ({ h }) => {
    // WordPress.com's Retry-After as an HTTP date (its form is undocumented): the popup shows it in seconds.
    const until = new Date(Date.now() + 120_000).toUTCString();
    await emulator().setBehaviour({ meFailure: 'rate_limited', wpcomRetryAfter: until });
    await logIn(h, 'Alice');
    const alert = h.popup.getByRole('alert');
    expect(await alertText(h.popup)).toMatch(
      /profile could not be loaded yet.*Try again in (2 minutes|1[01]\d seconds)\./s,
    );
    expect(await alert.getAttribute('data-code')).toBe('rate_limited');
    // Signed in, not out: the connection is stored, without a profile yet.
    expect(await loginButton(h.popup).count()).toBe(0);
    const { list } = await storedConnections(h.popup);
    expect(list).toMatchObject([{ kind: 'login', scope: ['auth'] }]);
    const asked = (await emulator().stats()).meRequests;
    expect(asked).toBeGreaterThanOrEqual(1);
    // WordPress.com would answer now, but asked to wait: a reopened popup says so, and sends nothing.
    await emulator().setBehaviour({ meFailure: null });
    await h.popup.reload();
    expect(await alertText(h.popup)).toMatch(/Try again in (2 minutes|1[01]\d seconds)\./);
    expect((await emulator().stats()).meRequests).toBe(asked);
    // Once the wait has passed (its hold gone, as time would take it), a reopened popup fills the profile in.
    await writeStorage(h.popup, 'session', { rateLimits: {} });
    await h.popup.reload();
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor({ timeout: 15_000 });
    expect((await storedConnections(h.popup)).list).toHaveLength(1);
  });

  test('a wait WordPress.com asked for counts down in the popup, as a timer, to "Try again now."', async ({ h }) => {
    await emulator().setBehaviour({ meFailure: 'rate_limited', wpcomRetryAfter: 4 });
    await logIn(h, 'Alice');
    expect(await alertText(h.popup)).toMatch(/Try again in [1-4] seconds?\./);
    // A timer inside the alert whose own live region is off: the alert does not say it again every second.
    const timer = h.popup.getByRole('alert').getByRole('timer');
    expect(await timer.getAttribute('aria-live')).toBe('off');
    // Every text the alert goes through until the wait is over.
    const seen = await h.popup.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const alert = document.querySelector('[role="alert"]');
          if (!alert) return reject(new Error('no alert'));
          const texts = [alert.textContent ?? ''];
          const done = setTimeout(() => reject(new Error(`still waiting: ${texts.join(' | ')}`)), 15_000);
          new MutationObserver(() => {
            texts.push(alert.textContent ?? '');
            if (/Try again now\./.test(alert.textContent ?? '')) {
              clearTimeout(done);
              resolve(texts);
            }
          }).observe(alert, { subtree: true, childList: true, characterData: true });
        }),
    );
    const left = [...new Set(seen.flatMap((text) => /Try again in (\d) seconds?\./.exec(text)?.[1] ?? []))].map(Number);
    // Counted down a second at a time, not jumped from the first wait to the end.
    expect(left.length).toBeGreaterThanOrEqual(2);
    expect(left).toEqual([...left].sort((a, b) => b - a));
    expect(left.at(-1)).toBe(1);
    expect(await h.popup.getByRole('timer').count()).toBe(0);
    expect(await alertText(h.popup)).not.toMatch(/Try again in/);
  });

  test('while /me answers with a redirect, it is not followed: the connection is kept, the person told, not offline', async ({
    h,
  }) => {
    await emulator().setBehaviour({ meFailure: 'redirect' });
    await logIn(h, 'Alice');
    expect(await alertText(h.popup)).toMatch(
      /profile could not be loaded yet.*answered with a redirect, which is not followed/s,
    );
    expect(await h.popup.getByRole('alert').getAttribute('data-code')).toBe('invalid_response');
    expect((await storedConnections(h.popup)).list).toMatchObject([{ kind: 'login' }]);
    // WordPress.com answered: no "Offline" marker.
    expect(await h.popup.getByText(/Offline/).count()).toBe(0);
  });

  test('with WordPress.com refusing extension origins, the sign-in and a console call work: the worker’s GETs carry no origin to refuse', async ({
    h,
  }) => {
    // Only the worker's POSTs carry `Origin: chrome-extension://…` (the code exchange, to our proxy; an "All sites"
    // revoke's disconnect). If Chromium began sending it on GETs, /me would be refused and an alert would say so.
    await emulator().setBehaviour({ extensionOriginsRefused: true });
    await logIn(h, 'Alice');
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    expect(await h.popup.getByRole('alert').count()).toBe(0);
    expect(await callEndpoint(h.popup, 'Your profile')).toContain('200 OK');
  });

  test('a sign-in that was cancelled can be retried at once', async ({ h }) => {
    const auth = await startLogin(h);
    await auth.close();
    expect(await alertText(h.popup)).toMatch(/closed/i);
    await logIn(h, 'Alice');
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    expect(await h.popup.getByRole('alert').count()).toBe(0);
  });
});
