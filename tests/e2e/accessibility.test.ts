/**
 * axe-core over every state of the popup and the options page, in the light and the dark scheme: zero
 * violations. The states are reached as a person would, with the emulator's switches for the failures.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { axeViolations, expectAccessible } from './axe';
import {
  approveAs,
  callEndpoint,
  emulator,
  logIn,
  loginButton,
  openOptions,
  startLogin,
  extensionTest as test,
} from './harness';

/**
 * The names of the elements Tab visits, in order (at most `limit`): from the top of the page, or with `fromFocused`
 * from the element that has the focus, as a person goes on.
 */
async function tabOrder(page: Page, limit = 40, fromFocused = false): Promise<string[]> {
  if (!fromFocused) await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const names: string[] = [];
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const element = document.activeElement as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }) | null;
      if (!element || element === document.body) return '';
      const label = element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ?? element.textContent;
      return `${element.tagName.toLowerCase()}: ${(label ?? '').trim().slice(0, 60)}`;
    });
    if (name === '' || names.includes(name)) break;
    names.push(name);
  }
  return names;
}

describe('keyboard', () => {
  test('signing in and every action of the signed-in popup are reached with Tab, in reading order', async ({ h }) => {
    const { popup } = h;
    expect((await tabOrder(popup)).slice(0, 2)).toEqual(['button: Log in with WordPress.com', 'a: Access settings']);
    // Enter on the focused button starts the sign-in.
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await popup.keyboard.press('Tab');
    const authWindow = h.context.waitForEvent('page', { timeout: 15_000 });
    await popup.keyboard.press('Enter');
    const auth = await authWindow;
    await auth.waitForLoadState('domcontentloaded');
    await approveAs(auth, 'Alice');
    await popup.getByRole('region', { name: 'Gravatar profile' }).waitFor({ timeout: 15_000 });
    await popup.getByRole('button', { name: 'Call' }).waitFor();

    expect(await tabOrder(popup)).toEqual([
      'summary: What does this mean?',
      'a: Mastodon',
      'a: GitHub',
      'a: View full Gravatar profile',
      'button: Check now',
      'button: Revoke Alice Example — Profile only',
      'button: Add connection',
      'a: Access settings',
      expect.stringMatching(/^select: Endpoint/),
      'a: Documentation for GET /v1.1/me',
      'button: Call',
    ]);
    // Enter on "Call" runs it; the answer's status is announced (and scrolled into view), and the next Tabs reach
    // its Copy button and its JSON, which can be scrolled from the keyboard.
    await popup.getByRole('button', { name: 'Call' }).focus();
    await popup.keyboard.press('Enter');
    const response = popup.getByRole('region', { name: 'Response' });
    await response.locator('.response-status').getByText('200 OK').waitFor({ timeout: 15_000 });
    // Said by the console's status region, which was on the page before the answer came.
    expect(await popup.locator('#call-progress[role="status"]').textContent()).toMatch(/^200 OK · \d+ ms$/);
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Call');
    expect(await tabOrder(popup, 2, true)).toEqual(['button: Copy', expect.stringMatching(/^pre: \{/)]);
  });
});

describe('accessibility (axe, light and dark)', () => {
  test('signed out, signing in, an error, signed in, and the console with a response', async ({ h }) => {
    const { popup } = h;
    // The check can fail: an image without a text alternative is a violation.
    await popup.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { id: 'probe' })));
    expect((await axeViolations(popup)).map((violation) => violation.rule)).toContain('image-alt');
    await popup.evaluate(() => document.getElementById('probe')?.remove());

    await expectAccessible(popup, 'signed out');

    const auth = await startLogin(h);
    await expect.poll(async () => loginButton(popup).getAttribute('aria-busy')).toBe('true');
    await popup.getByText('Waiting for you to approve in the WordPress.com window…').waitFor();
    await expectAccessible(popup, 'signing in');

    await auth.getByRole('button', { name: 'Deny' }).click();
    await popup.getByRole('alert').waitFor({ timeout: 15_000 });
    await expectAccessible(popup, 'error (sign-in declined)');

    await approveAs(await startLogin(h), 'Alice');
    await popup.getByRole('region', { name: 'Gravatar profile' }).waitFor({ timeout: 15_000 });
    await popup.getByText('What does this mean?').click();
    await expectAccessible(popup, 'signed in');

    expect(await callEndpoint(popup, 'Your profile')).toContain('200 OK');
    await expectAccessible(popup, 'console with a response');
  });

  test('an unverified account, another connection, and a restore offer', async ({ h }) => {
    await logIn(h, 'Bob');
    await h.popup.getByText('Not verified').waitFor();
    const authWindow = h.context.waitForEvent('page', { timeout: 15_000 });
    await h.popup.getByRole('button', { name: 'Add connection' }).click();
    const auth = await authWindow;
    await auth.waitForLoadState('domcontentloaded');
    await approveAs(auth, 'Alice');
    await h.popup.getByRole('region', { name: 'Other connections' }).waitFor({ timeout: 15_000 });
    await expectAccessible(h.popup, 'two connections, one unverified');

    await emulator().revokeTokens();
    await h.popup.getByRole('button', { name: 'Check now' }).click();
    await h.popup.getByRole('button', { name: 'Sign in again' }).first().waitFor({ timeout: 15_000 });
    await expectAccessible(h.popup, 'restore offer');
  });

  test('offline: the cached profile marked offline', async ({ h }) => {
    await logIn(h, 'Alice');
    await emulator().setBehaviour({ outage: true });
    try {
      await h.popup.reload();
      await h.popup.getByText(/^Offline — last updated /).waitFor({ timeout: 20_000 });
      await expectAccessible(h.popup, 'offline');
    } finally {
      await emulator().setBehaviour({ outage: false });
    }
  });

  test('the options page, with each access level', async ({ h }) => {
    const options = await openOptions(h);
    await expectAccessible(options, 'options');
    await options.getByRole('radio', { name: 'One site' }).check();
    await options.getByLabel('Site (address or ID)').fill('not a site!');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText(/Enter a site address/).waitFor();
    await expectAccessible(options, 'options, one site with a wrong address');
  });
});
