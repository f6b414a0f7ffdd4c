import { describe, expect } from 'vitest';
import { alertText, emulator, logIn, loginButton, storageDump, storedToken, extensionTest as test } from './harness';

describe('ending a sign-in', () => {
  test('"Revoke" leaves no token in any storage area and points to Connected Apps', async ({ h }) => {
    await logIn(h, 'Alice');
    const token = await storedToken(h.popup);
    expect(token).toBeTruthy();
    await h.popup.getByRole('button', { name: /Revoke/ }).click();
    await loginButton(h.popup).waitFor();
    const dump = JSON.stringify(await storageDump(h.popup));
    expect(dump).not.toContain(String(token));
    expect(await storageDump(h.popup)).toEqual({ local: {}, session: {}, sync: {} });
    // A login token cannot end itself on WordPress.com: the person is told where to do it.
    await h.popup.getByRole('link', { name: /Connected Apps/ }).waitFor();
    // Reopened, the popup stays signed out.
    await h.popup.reload();
    await loginButton(h.popup).waitFor();
  });

  test('a token revoked on WordPress.com signs the person out with a message', async ({ h }) => {
    await logIn(h, 'Alice');
    await emulator().revokeTokens();
    await h.popup.reload();
    expect(await alertText(h.popup)).toMatch(/no longer valid/i);
    await loginButton(h.popup).waitFor();
    expect(await storageDump(h.popup)).toEqual({ local: {}, session: {}, sync: {} });
  });
});
