/** Ending a sign-in in Firefox, and what an idle event page loses (nothing). */
import { describe, expect } from 'vitest';
import { CONNECTED_APPS_PATH } from '../../sandbox/emulator/connected-apps-page';
import {
  approveAs,
  emulator,
  logIn,
  loginButton,
  revokeButton,
  runningPages,
  SHORT_IDLE_MS,
  services,
  shortIdleTest,
  startLogin,
  storageDump,
  storedToken,
  firefoxTest as test,
  WAIT_MS,
  waitForText,
} from './harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ending a sign-in in Firefox', () => {
  test('"Revoke" leaves nothing of ours in any storage area and points to Connected Apps', async ({ h }) => {
    await logIn(h, 'Alice');
    const token = await storedToken(h.popup);
    expect(token).toBeTruthy();
    await revokeButton(h.popup).click();
    await loginButton(h.popup).wait();
    const dump = await storageDump(h.popup);
    expect(JSON.stringify(dump)).not.toContain(String(token));
    // What the revoke did is kept for a popup that closed meanwhile, until this one, which showed it, says so.
    await expect.poll(() => storageDump(h.popup), { timeout: WAIT_MS }).toEqual({ local: {}, session: {}, sync: {} });
    // To the sandbox's Connected Apps page, the emulator's (the Chromium test follows it).
    await h.popup.locator(`a[href="${services().emulatorUrl}${CONNECTED_APPS_PATH}"]`).setTimeout(WAIT_MS).wait();

    // Reopened, the popup stays signed out.
    await h.popup.close();
    const popup = await h.openPopup();
    await loginButton(popup).wait();
    expect(await storageDump(popup)).toEqual({ local: {}, session: {}, sync: {} });
  });
});

describe('the event page', () => {
  shortIdleTest(
    'stays up while the consent window is open past its idle timeout, and once stopped loses nothing',
    async ({ h }) => {
      // Longer on the consent page than the event page may idle: the pending launchWebAuthFlow keeps it up.
      const auth = await startLogin(h);
      await sleep(SHORT_IDLE_MS * 2);
      await approveAs(auth, 'Alice');
      await waitForText(h.popup, 'Alice Example');
      const token = await storedToken(h.popup);
      expect(token).toBeTruthy();

      // Idle now: Firefox stops the event page, and its globals go with it.
      const deadline = Date.now() + WAIT_MS;
      while ((await runningPages(h.popup)).includes('/_generated_background_page.html')) {
        if (Date.now() > deadline) throw new Error('The event page did not stop when idle.');
        await sleep(200);
      }

      // A new popup wakes it: the profile comes from storage, with no new sign-in, and revoke still works.
      await h.popup.close();
      const popup = await h.openPopup();
      await waitForText(popup, 'Alice Example');
      expect(await storedToken(popup)).toBe(token);
      expect((await emulator().stats()).authFlows).toBe(1);
      await revokeButton(popup).click();
      await loginButton(popup).wait();
      await expect.poll(() => storageDump(popup), { timeout: WAIT_MS }).toEqual({ local: {}, session: {}, sync: {} });
    },
  );
});
