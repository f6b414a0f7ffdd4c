/**
 * axe-core over every state of the popup and the options page, in the light and the dark scheme: zero
 * violations. The states are reached as a person would, with the emulator's switches for the failures.
 */
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
