import { describe, expect } from 'vitest';
import { watchForToolbarPopup } from '../../sandbox/toolbar-popup';
import {
  alertText,
  approveAs,
  emulator,
  type Harness,
  loginButton,
  openOptions,
  proxyLog,
  startLogin,
  storageDump,
  extensionTest as test,
} from './harness';

/**
 * After a failed sign-in: nothing of ours in any storage area. (The outcome kept for a popup that closed goes once
 * the popup has shown it: its dismissal is on its way as the alert shows.)
 */
async function expectNothingStored(h: Harness) {
  await expect.poll(async () => (await storageDump(h.popup)).session).toEqual({});
  const { local, sync } = await storageDump(h.popup);
  expect(local).toEqual({});
  expect(sync).toEqual({});
}

describe('when a sign-in fails', () => {
  test('denying on WordPress.com shows why, stores nothing, and the button works again', async ({ h }) => {
    const auth = await startLogin(h);
    await auth.getByRole('button', { name: 'Deny' }).click();
    expect(await alertText(h.popup)).toMatch(/declined/i);
    await expectNothingStored(h);
    expect((await emulator().stats()).tokenRequests).toBe(0);
    await startLogin(h); // a second window opens: the person can try again
  });

  test('a popup closed during the consent window comes back and tells how the sign-in ended, once', async ({ h }) => {
    // The test drives the popup that comes back through another extension page of the same window.
    const options = await openOptions(h);
    const auth = await startLogin(h);
    // A real toolbar popup is gone by the time WordPress.com's window closes, and the answer to its sign-in is lost.
    await h.popup.close();
    const comesBack = await watchForToolbarPopup(h, options);
    await auth.getByRole('button', { name: 'Deny' }).click();
    const back = await comesBack.next();
    await back.waitFor(`document.querySelector('[role="alert"]')?.dataset.code === 'access_denied'`, 'the alert');
    expect(await back.evaluate(`document.querySelector('[role="alert"]').textContent`)).toMatch(/declined/i);
    await expect.poll(async () => (await storageDump(options)).session).toEqual({});
    await back.close();
    // Told once: the next popup opens signed out, with no alert.
    const next = await h.openPopup();
    await loginButton(next).waitFor();
    expect(await next.getByRole('alert').count()).toBe(0);
    expect((await emulator().stats()).tokenRequests).toBe(0);
  });

  test('a person who moved on to another window meanwhile is told by the next popup they open, once', async ({ h }) => {
    const options = await openOptions(h);
    const auth = await startLogin(h);
    await h.popup.close();
    // Another browser window takes the focus: the popup does not come back into the one left behind.
    await options.evaluate(() =>
      (globalThis as unknown as { chrome: { windows: { create(o: object): Promise<unknown> } } }).chrome.windows.create(
        { url: 'about:blank', focused: true },
      ),
    );
    const comesBack = await watchForToolbarPopup(h, options);
    await auth.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(async () => (await storageDump(options)).session).toHaveProperty('outcome');
    await expect(comesBack.next({ within: 2_000 })).rejects.toThrow('Chrome opened no toolbar popup');
    const popup = await h.openPopup();
    expect(await alertText(popup)).toMatch(/declined/i);
    expect(await popup.getByRole('alert').getAttribute('data-code')).toBe('access_denied');
    await expect.poll(async () => (await storageDump(popup)).session).toEqual({});
    await popup.close();
    const next = await h.openPopup();
    await loginButton(next).waitFor();
    expect(await next.getByRole('alert').count()).toBe(0);
  });

  test('a tampered state is refused: alert, no code exchange, nothing stored', async ({ h }) => {
    await emulator().setBehaviour({ tamperState: true });
    const proxyLinesBefore = proxyLog().length;
    await approveAs(await startLogin(h), 'Alice');
    expect(await alertText(h.popup)).toMatch(/could not be verified/i);
    expect(await h.popup.getByRole('alert').getAttribute('data-code')).toBe('state_mismatch');
    expect((await emulator().stats()).tokenRequests).toBe(0);
    expect(proxyLog().slice(proxyLinesBefore)).toEqual([]);
    await expectNothingStored(h);
    await loginButton(h.popup).waitFor();
  });

  test('a sign-in page that fails to load is reported as a network problem', async ({ h }) => {
    await emulator().setBehaviour({ consentStatus: 500 });
    await loginButton(h.popup).click();
    expect(await alertText(h.popup)).toMatch(/could not be reached|could not be loaded/i);
    await expectNothingStored(h);
  });

  test('a failing token exchange is reported and nothing is stored', async ({ h }) => {
    await emulator().setBehaviour({ tokenFailure: 'server_error' });
    await approveAs(await startLogin(h), 'Alice');
    expect(await alertText(h.popup)).toMatch(
      /sign-in could not be completed.*unusable answer.*tell the extension’s publisher/is,
    );
    expect(await h.popup.getByRole('alert').getAttribute('data-code')).toBe('exchange_failed');
    await expectNothingStored(h);
  });

  test('a token damaged in storage is cleared with a message, not a crash', async ({ h }) => {
    await h.popup.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { local: { set(items: object): Promise<void> } } };
      };
      await chrome.storage.local.set({ connection: { accessToken: 42, scope: 'nonsense' } });
    });
    await h.popup.reload();
    expect(await alertText(h.popup)).toMatch(/damaged/i);
    await loginButton(h.popup).waitFor();
    await expectNothingStored(h);
  });
});
