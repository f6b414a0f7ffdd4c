/**
 * Focus around sign-in and Revoke, in the real browser with two connections: after Enter on the active
 * connection's Revoke, focus rests on the next connection's heading, never on one of its buttons, so a second
 * Enter (or a held one) revokes nothing more.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { approveAs, logIn, storedConnections, extensionTest as test } from './harness';

/** The focused element as "tag: accessible name" (its aria-label, else its words). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return 'body';
    return `${element.tagName.toLowerCase()}: ${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim()}`;
  });

test('Enter on Revoke moves focus to the next connection’s heading, and a second Enter revokes nothing', async ({
  h,
}) => {
  const { popup } = h;
  await logIn(h, 'Alice');
  // "Log in" is gone once signed in: focus lands on the profile's heading.
  await expect.poll(() => focused(popup)).toBe('h2: Alice Example');

  const authWindow = h.context.waitForEvent('page', { timeout: 15_000 });
  await popup.getByRole('button', { name: 'Add connection' }).click();
  const auth = await authWindow;
  await auth.waitForLoadState('domcontentloaded');
  await approveAs(auth, 'Bob');
  await popup.getByRole('heading', { name: 'Bob Unverified' }).waitFor({ timeout: 15_000 });
  const alice = (await storedConnections(popup)).list.find((connection) => connection.kind === 'login');
  expect((await storedConnections(popup)).list).toHaveLength(2);

  await popup.getByRole('button', { name: 'Revoke Bob Unverified — Profile only' }).focus();
  await popup.keyboard.press('Enter');
  await popup.getByRole('heading', { name: 'Alice Example' }).waitFor({ timeout: 15_000 });
  await expect.poll(() => focused(popup)).toBe('h2: Alice Example');
  // Nothing of Alice's connection holds the focus that was on Bob's Revoke.
  const aliceButtons = popup.getByRole('button', { name: /Alice Example/ });
  expect(await aliceButtons.count()).toBeGreaterThan(0);
  for (const button of await aliceButtons.all()) {
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(false);
  }

  // The same key again: Alice's connection stays. A check asked for after it waits for any revoke under way
  // (utils/connection-health.ts), so once it has answered, a revoke that key had sent would be done.
  await popup.keyboard.press('Enter');
  await popup.getByRole('button', { name: 'Check now' }).click();
  await popup
    .getByRole('region', { name: 'Connection', exact: true })
    .getByText(/WordPress\.com confirmed the token/)
    .waitFor({ timeout: 15_000 });
  const after = await storedConnections(popup);
  expect(after.list.map((connection) => connection.id)).toEqual([alice?.id]);
  await popup.getByRole('button', { name: 'Revoke Alice Example — Profile only' }).waitFor();
});
