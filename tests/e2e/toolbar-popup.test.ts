/**
 * The popup as Chrome opens it from the toolbar (`action.openPopup()`), not `popup.html` in a tab: its size comes
 * from its content (at most 800 × 600, less when the screen is smaller), it has the focus when it opens, and it
 * closes when the person moves on; Chrome shows it only once its page has loaded. Scrollbars take room here, as
 * Chromium draws them on Linux and Windows.
 */
import { expect } from 'vitest';
import { openToolbarPopup, type ToolbarPopup } from '../../sandbox/toolbar-popup';
import {
  approveAs,
  emulator,
  extensionTestWith,
  type Harness,
  logIn,
  openOptions,
  startLogin,
  storedConnections,
} from './harness';
import {
  expectTallPopup,
  overflowingElements,
  type PopupSizes,
  popupSizesOf,
  settledSizes as settled,
} from './popup-layout';

const test = extensionTestWith({ scrollbars: true });

/** The popup's sizes once Chrome has shown it and stopped resizing it. */
async function settledSizes(popup: ToolbarPopup): Promise<PopupSizes> {
  await popup.waitFor(`document.visibilityState === 'visible'`, 'itself');
  return settled(() => popup.evaluate<PopupSizes>(popupSizesOf()));
}

const overflowing = (popup: ToolbarPopup) => popup.evaluate(overflowingElements);

const focused = (popup: ToolbarPopup) =>
  popup.evaluate<string>(
    `document.activeElement === document.body ? 'body' : document.activeElement.textContent.trim()`,
  );

/** Picks a catalogue endpoint as Playwright's `selectOption` does: the value, then the `change` event. */
const pickEndpoint = (popup: ToolbarPopup, id: string) =>
  popup.evaluate(`(() => {
    const select = document.querySelector('#endpoint');
    select.value = ${JSON.stringify(id)};
    select.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);

async function saveAccess(h: Harness, level: 'All sites'): Promise<void> {
  const options = await openOptions(h);
  await options.getByRole('radio', { name: level }).check();
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved').waitFor();
  await options.close();
}

test('it opens with the focus in it: Tab reaches "Log in", Enter starts the sign-in, which the worker finishes with the popup closed', async ({
  h,
}) => {
  const popup = await openToolbarPopup(h, h.popup);
  await popup.waitFor(`document.querySelector('button.primary')`, 'the log-in button');
  await popup.waitFor(`document.visibilityState === 'visible'`, 'itself');
  // Nothing takes the focus on its own: a screen reader starts at the top, and the first Tab reaches the one action.
  expect(await popup.evaluate('document.hasFocus()')).toBe(true);
  expect(await focused(popup)).toBe('body');
  await popup.press('Tab');
  expect(await focused(popup)).toBe('Log in with WordPress.com');

  const authWindow = h.context.waitForEvent('page', { timeout: 15_000 });
  await popup.press('Enter');
  const auth = await authWindow;
  await auth.waitForLoadState('domcontentloaded');
  // On a desktop the popup is gone once WordPress.com's window closes (tests/e2e/desktop.test.ts); headless Chromium
  // moves no window focus, so it is closed here by hand.
  await popup.close();
  await approveAs(auth, 'Alice');
  await expect.poll(async () => (await storedConnections(h.popup)).list.length, { timeout: 15_000 }).toBe(1);

  const next = await openToolbarPopup(h, h.popup);
  await next.waitFor(
    `[...document.querySelectorAll('h2')].some((h) => h.textContent === 'Alice Example')`,
    'the profile',
  );
  await next.close();
});

test('it is as wide as its content, 360 px; taller than Chrome allows, it scrolls up and down, its scrollbar inside, never sideways', async ({
  h,
}) => {
  const signedOut = await openToolbarPopup(h, h.popup);
  await signedOut.waitFor(`document.querySelector('button.primary')`, 'the log-in button');
  // Everything fits: no scrollbar, and the popup is the content's size.
  const fits = await settledSizes(signedOut);
  expect(fits).toMatchObject({ width: 360, clientWidth: 360, scrollWidth: 360 });
  expect(fits.height).toBe(fits.scrollHeight);
  await signedOut.close();

  await saveAccess(h, 'All sites');
  await approveAs(await startLogin(h), 'Alice');
  await expect.poll(async () => (await storedConnections(h.popup)).list.length, { timeout: 15_000 }).toBe(1);
  const popup = await openToolbarPopup(h, h.popup);
  await popup.waitFor(`document.querySelector('#endpoint')`, 'the console');
  await popup.click('button.primary[type="submit"]');
  await popup.waitFor(`document.querySelector('.response-status')`, 'the answer');

  // Taller than the screen lets Chrome make it. (Content that kept 360 px made Chrome widen the popup by the
  // scrollbar as the answer arrived; in Firefox it scrolled sideways.)
  const tall = await settledSizes(popup);
  expectTallPopup(tall);
  expect(await overflowing(popup)).toEqual([]);
  // The answer's status is in view.
  const status = await popup.evaluate<{ top: number; bottom: number }>(
    `(({ top, bottom }) => ({ top, bottom }))(document.querySelector('.response-status').getBoundingClientRect())`,
  );
  expect(status.top).toBeGreaterThanOrEqual(0);
  expect(status.bottom).toBeLessThanOrEqual(tall.height);
  // The check can fail: an unbreakable line sticks out.
  await popup.evaluate(
    `document.querySelector('main').append(Object.assign(document.createElement('code'), { id: 'probe', textContent: 'x'.repeat(200) }))`,
  );
  expect(await overflowing(popup)).toEqual([expect.stringContaining('id="probe"')]);
  await popup.close();
});

test('it closes as its Documentation link opens a tab, and the next one shows the console as it was left', async ({
  h,
}) => {
  await saveAccess(h, 'All sites');
  await approveAs(await startLogin(h), 'Alice');
  await expect.poll(async () => (await storedConnections(h.popup)).list.length, { timeout: 15_000 }).toBe(1);
  const popup = await openToolbarPopup(h, h.popup);
  await popup.waitFor(`document.querySelector('#endpoint') && document.visibilityState === 'visible'`, 'the console');
  await pickEndpoint(popup, 'site-posts');
  await popup.waitFor(`document.querySelector('#param-number')`, 'the posts endpoint’s fields');
  await popup.click('#param-site');
  await popup.type('5001');
  await popup.click('#param-number');
  await popup.type('37');

  const tabsBefore = await popup.openTabs();
  await popup.click('.console a[target="_blank"]');
  await expect.poll(async () => popup.isClosed(), { timeout: 15_000 }).toBe(true);
  expect(await popup.openTabs()).toBe(tabsBefore + 1);

  const next = await openToolbarPopup(h, h.popup);
  await next.waitFor(`document.querySelector('#endpoint')`, 'the console');
  expect(
    await next.evaluate(
      `['#endpoint', '#param-site', '#param-number'].map((selector) => document.querySelector(selector).value)`,
    ),
  ).toEqual(['site-posts', '5001', '37']);
  // Nothing was called meanwhile.
  expect(Object.keys((await emulator().stats()).restRequests).filter((path) => path.endsWith('/posts'))).toEqual([]);
  await next.close();
});

test('a slow Gravatar does not hold it back: Chrome shows it before the avatar arrives, which then fills its circle', async ({
  h,
}) => {
  await logIn(h, 'Alice');
  // Chrome shows a toolbar popup once its page has loaded; an avatar that took part in that load would keep the
  // whole popup hidden until Gravatar answered. Here Gravatar takes 8 s (opening and reading the popup must come
  // first, however busy the machine), and nothing is in the browser's cache.
  await emulator().setBehaviour({ avatarDelayMs: 8000 });
  const cdp = await h.context.newCDPSession(h.popup);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();

  const popup = await openToolbarPopup(h, h.popup);
  await popup.waitFor(`document.visibilityState === 'visible'`, 'itself (Chrome kept it hidden)');
  expect(
    await popup.evaluate(`(() => {
      const avatar = document.querySelector('img.avatar');
      return {
        name: document.querySelector('#profile-name')?.textContent,
        avatar: avatar && { loading: avatar.loading, arrived: avatar.complete },
      };
    })()`),
  ).toEqual({ name: 'Alice Example', avatar: { loading: 'lazy', arrived: false } });
  await popup.waitFor(`document.querySelector('img.avatar').complete`, 'the avatar');
  expect(await popup.evaluate(`document.querySelector('img.avatar').naturalWidth`)).toBeGreaterThan(0);
  await popup.close();
});
