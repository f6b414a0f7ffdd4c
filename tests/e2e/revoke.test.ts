import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { SANDBOX_API_CLIENT_ID, SANDBOX_CLIENT_ID } from '../../sandbox/sandbox-config';
import {
  alertText,
  emulator,
  logIn,
  loginButton,
  openOptions,
  services,
  storageDump,
  storedToken,
  extensionTest as test,
} from './harness';

describe('ending a sign-in', () => {
  test('"Revoke" leaves no token in any storage area and points to Connected Apps', async ({ h }) => {
    await logIn(h, 'Alice');
    const token = await storedToken(h.popup);
    expect(token).toBeTruthy();
    await h.popup.getByRole('button', { name: /Revoke/ }).click();
    await loginButton(h.popup).waitFor();
    const dump = JSON.stringify(await storageDump(h.popup));
    expect(dump).not.toContain(String(token));
    // What the revoke did is kept for a popup that closed meanwhile, until this one, which showed it, says so.
    await expect.poll(() => storageDump(h.popup)).toEqual({ local: {}, session: {}, sync: {} });
    // Nor the page storage where the popup keeps its first frame: nothing of the person is left.
    expect(await h.popup.evaluate(() => Object.keys(localStorage))).toEqual([]);
    // A login token cannot end itself on WordPress.com: the person is told where to do it, and it is still live there.
    const tokenInfo = async () => {
      const query = new URLSearchParams({ client_id: SANDBOX_CLIENT_ID, token: String(token) });
      return (await fetch(`${services().emulatorUrl}/oauth2/token-info?${query}`)).status;
    };
    expect(await tokenInfo()).toBe(200);
    const link = h.popup.getByRole('link', { name: /Connected Apps/ });
    // The sandbox build links to the emulator's Connected Apps page, where removing the app ends that token.
    const [page] = await Promise.all([h.context.waitForEvent('page', { timeout: 15_000 }), link.click()]);
    await page.getByRole('heading', { name: 'Connected Applications' }).waitFor();
    const alice = page.locator('li', { hasText: SANDBOX_CLIENT_ID });
    await alice.getByRole('button', { name: 'Remove' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Removed .* for Alice Example\.$/ })
      .waitFor();
    expect(await tokenInfo()).toBe(400);
    await page.close();
    // Reopened, the popup stays signed out.
    await h.popup.reload();
    await loginButton(h.popup).waitFor();
  });

  test('a popup closed during a slow revoke: the next one says what the revoke did, once', async ({ h }) => {
    const options = await openOptions(h);
    await options.getByRole('radio', { name: 'All sites' }).check();
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved').waitFor();
    await options.close();
    await logIn(h, 'Alice');
    // WordPress.com answers the disconnect slowly, and then says it ended nothing.
    await emulator().setBehaviour({ appDeleteDelayMs: 1500, appDeleteFailure: 'not_done' });
    await h.popup.getByRole('button', { name: /Revoke/ }).click();
    // A real toolbar popup closes as soon as the person clicks elsewhere; the answer to its revoke is lost.
    await h.popup.close();
    const popup = await h.openPopup();
    await popup.getByRole('link', { name: /Connected Apps/ }).waitFor({ timeout: 15_000 });
    expect(await popup.getByText(/To remove the app from your account as well/).count()).toBe(1);
    expect((await emulator().stats()).restRequests).toMatchObject({
      [`/rest/v1.1/me/connected-applications/${SANDBOX_API_CLIENT_ID}/delete`]: 1,
    });
    await expect.poll(async () => (await storageDump(popup)).session).toEqual({});
    await popup.close();
    // Told once.
    const next = await h.openPopup();
    await loginButton(next).waitFor();
    expect(await next.getByRole('link', { name: /Connected Apps/ }).count()).toBe(0);
  });

  test('a token revoked on WordPress.com signs the person out with a message and an offer to sign in again', async ({
    h,
  }) => {
    await logIn(h, 'Alice');
    const token = await storedToken(h.popup);
    await emulator().revokeTokens();
    await h.popup.reload();
    expect(await alertText(h.popup)).toMatch(/no longer accepts this connection/i);
    await loginButton(h.popup).waitFor();
    await h.popup.getByRole('button', { name: 'Sign in again' }).waitFor();
    // Said in the status region that is always on the page (a region added with its words in it is not reliably
    // announced).
    await h.popup
      .locator('main > p[role="status"].visually-hidden', {
        hasText: /Your connection .+ is no longer valid on WordPress\.com and was removed\./,
      })
      .waitFor({ timeout: 15_000 });
    const dump = await storageDump(h.popup);
    expect(JSON.stringify(dump)).not.toContain(String(token));
    // Only the offer is kept: what access to ask for again, and whose connection it was.
    expect(Object.keys(dump.local)).toEqual(['restore']);
    expect(dump.session).toEqual({});
    expect(dump.sync).toEqual({});
  });

  test("a connection removed while no popup is open takes the popup's kept first frame with it (offscreen document)", async ({
    h,
  }) => {
    await logIn(h, 'Alice');
    const pageStorage = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage }));
    await expect.poll(() => pageStorage(h.popup)).toContain('connect:popup-frame');
    expect(await pageStorage(h.popup)).toContain('Alice Example');
    // No popup open; the options page sends the check itself, outside its own code, which would keep the state it
    // gets back (as a health check at browser start, with no page open at all).
    await h.popup.goto('about:blank');
    const page = await openOptions(h);
    await emulator().revokeTokens();
    const answer = await page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'checkHealth', force: true }),
    );
    expect(answer).toMatchObject({ ok: true, state: { connections: [] } });
    await expect.poll(() => pageStorage(page)).toBe('{}');
    // The offscreen document was closed again.
    const offscreenDocuments = () =>
      page.evaluate(async () => {
        type Runtime = { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]> };
        const { runtime } = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome;
        return (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
      });
    await expect.poll(offscreenDocuments).toBe(0);
  });
});
