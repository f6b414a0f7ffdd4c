/**
 * The profile a person expects: Gravatar details (and the option that turns them off), the connection
 * health check with its offer to sign in again, and the cached profile when WordPress.com is down.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  emulator,
  logIn,
  loginButton,
  openOptions,
  pickEndpoint,
  storageDump,
  storedToken,
  extensionTest as test,
} from './harness';

describe('the profile', () => {
  test('shows the public Gravatar profile of the signed-in person', async ({ h }) => {
    await logIn(h, 'Alice');
    const gravatar = h.popup.getByRole('region', { name: 'Gravatar profile' });
    await gravatar.waitFor({ timeout: 15_000 });
    await gravatar.getByText('Lisbon, Portugal').waitFor();
    await gravatar.getByText('Technical writer at Example Press').waitFor();
    await gravatar.getByText(/she\/her/).waitFor();
    expect(await gravatar.getByRole('link', { name: 'Mastodon' }).getAttribute('href')).toBe(
      'https://mastodon.example/@alicewrites',
    );
    await gravatar.getByRole('link', { name: 'GitHub' }).waitFor();
    await h.popup.getByRole('link', { name: 'View full Gravatar profile' }).waitFor();
    expect((await emulator().stats()).gravatarRequests).toBe(1);
  });

  test('an account WordPress.com has not verified: no Gravatar section, and Gravatar is asked nothing', async ({
    h,
  }) => {
    await logIn(h, 'Bob');
    await h.popup.getByRole('heading', { name: 'Bob Unverified' }).waitFor();
    // A popup opened again refreshes the profile, and that refresh answers after its Gravatar step
    // (utils/profile-refresh.ts): once the popup no longer says it is checking for updates, anything the sign-in or
    // the refresh would ask of Gravatar has been asked.
    await h.popup.reload();
    await h.popup.getByRole('heading', { name: 'Bob Unverified' }).waitFor();
    await expect.poll(async () => (await emulator().stats()).meRequests).toBeGreaterThan(1);
    await expect.poll(() => h.popup.getByText('Checking for updates…').count()).toBe(0);
    expect((await emulator().stats()).gravatarRequests).toBe(0);
    expect(await h.popup.getByRole('region', { name: 'Gravatar profile' }).count()).toBe(0);
  });

  test('"Show Gravatar profile" off: the cache is cleared and Gravatar is never asked again', async ({ h }) => {
    await logIn(h, 'Alice');
    await h.popup.getByRole('region', { name: 'Gravatar profile' }).waitFor({ timeout: 15_000 });
    expect((await storageDump(h.popup)).local).toHaveProperty('gravatar');
    // The popup keeps its first frame for the next one, Gravatar's details in it.
    const pageStorage = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage }));
    await expect.poll(() => pageStorage(h.popup)).toContain('Lisbon, Portugal');
    // No popup is open while the setting changes: only the options page and the worker can see to what it kept.
    const popupUrl = h.popup.url();
    await h.popup.goto('about:blank');

    const options = await openOptions(h);
    const show = options.getByRole('checkbox', { name: 'Show Gravatar profile' });
    expect(await show.isChecked()).toBe(true);
    await show.uncheck();
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved').waitFor();
    expect(await pageStorage(options)).not.toContain('Lisbon');
    await expect.poll(async () => Object.keys((await storageDump(options)).local)).not.toContain('gravatar');
    await options.close();

    const requests = (await emulator().stats()).gravatarRequests;
    // Neither the page the worker serves nor the kept frame paints Gravatar's details any more.
    const page = await h.popup.goto(popupUrl);
    expect(await page?.text()).not.toContain('Lisbon');
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    // The reopened popup refreshed the profile from WordPress.com, but asked Gravatar nothing.
    await expect.poll(async () => (await emulator().stats()).meRequests).toBeGreaterThan(1);
    // The refresh answers after its Gravatar step (utils/profile-refresh.ts): once the popup no longer says it is
    // checking for updates, it has that answer, and anything asked of Gravatar has been.
    await expect.poll(() => h.popup.getByText('Checking for updates…').count()).toBe(0);
    expect((await emulator().stats()).gravatarRequests).toBe(requests);
    expect(await h.popup.getByRole('region', { name: 'Gravatar profile' }).count()).toBe(0);
  });

  test('"Check now" finds a token revoked on WordPress.com, removes it and offers to sign in again', async ({ h }) => {
    await logIn(h, 'Alice');
    const token = await storedToken(h.popup);
    const before = (await emulator().stats()).tokenInfoRequests;

    await emulator().revokeTokens();
    await h.popup.getByRole('button', { name: 'Check now' }).click();
    await h.popup.getByText(/is no longer valid on WordPress\.com and was removed/).waitFor({ timeout: 15_000 });
    expect((await emulator().stats()).tokenInfoRequests).toBeGreaterThan(before);
    expect(JSON.stringify(await storageDump(h.popup))).not.toContain(String(token));
    await loginButton(h.popup).waitFor();

    // One click signs in again, with the same access.
    const authWindow = h.context.waitForEvent('page', { timeout: 15_000 });
    await h.popup.getByRole('button', { name: 'Sign in again' }).click();
    const auth = await authWindow;
    expect(new URL(auth.url()).pathname).toBe('/oauth2/authenticate');
    await auth.getByRole('button', { name: 'Approve' }).click();
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor({ timeout: 15_000 });
    expect(await h.popup.getByRole('button', { name: 'Sign in again' }).count()).toBe(0);
  });

  test('a console call finding the token revoked removes it and offers to sign in again, as the check does', async ({
    h,
  }) => {
    await logIn(h, 'Alice');
    const token = await storedToken(h.popup);
    await emulator().revokeTokens();
    await pickEndpoint(h.popup, 'Your profile');
    await h.popup.getByRole('button', { name: 'Call' }).click();
    await h.popup.getByRole('button', { name: 'Sign in again' }).waitFor({ timeout: 15_000 });
    await h.popup.getByText(/is no longer valid on WordPress\.com and was removed/).waitFor();
    await loginButton(h.popup).waitFor();
    expect(JSON.stringify(await storageDump(h.popup))).not.toContain(String(token));
  });

  test('a valid token passes the check without starting any flow', async ({ h }) => {
    await logIn(h, 'Alice');
    const status = h.popup.getByRole('region', { name: 'Connection', exact: true });
    const { consentPages, tokenInfoRequests } = await emulator().stats();
    await h.popup.getByRole('button', { name: 'Check now' }).click();
    await status.getByText(/WordPress\.com confirmed the token/).waitFor({ timeout: 15_000 });
    expect((await emulator().stats()).tokenInfoRequests).toBe(tokenInfoRequests + 1);
    expect((await emulator().stats()).consentPages).toBe(consentPages);
    expect(h.context.pages().filter((page) => page.url().includes('/oauth2/')).length).toBe(0);
    expect(await h.popup.getByRole('button', { name: 'Sign in again' }).count()).toBe(0);
  });

  test('with WordPress.com down, the reopened popup shows the cached profile marked offline, and keeps it', async ({
    h,
  }) => {
    await logIn(h, 'Alice');
    await h.popup.getByRole('region', { name: 'Gravatar profile' }).waitFor({ timeout: 15_000 });
    const before = await storageDump(h.popup);
    await emulator().setBehaviour({ outage: true });
    try {
      await h.popup.reload();
      // Painted from the cache at once, then marked offline when the refresh fails.
      await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
      await h.popup.getByText(/^Offline — last updated /).waitFor({ timeout: 20_000 });
      await h.popup.getByText('Lisbon, Portugal').waitFor();
      expect(await loginButton(h.popup).count()).toBe(0);
      expect((await emulator().stats()).droppedRequests).toBeGreaterThan(0);
      const after = await storageDump(h.popup);
      expect(after.local.connections).toEqual(before.local.connections);
    } finally {
      await emulator().setBehaviour({ outage: false });
    }
    // Back online: the next refresh clears the marker.
    await h.popup.reload();
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    await expect.poll(async () => h.popup.getByText(/^Offline — /).count(), { timeout: 15_000 }).toBe(0);
  });
});
