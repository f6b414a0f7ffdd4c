/**
 * Chromium headed on a virtual desktop (Xvfb with a window manager), clicked with real X input: windows take and
 * lose the focus as on a person's desktop, which headless Chromium never does. This is where a sign-in is seen as a
 * person does it from the toolbar: WordPress.com's window over the browser, the popup gone once they are back, and
 * the popup brought back by the worker with the outcome.
 *
 * Seen here (Chromium 156, X11): the toolbar popup stays open behind WordPress.com's window, and closes when the
 * browser window is active again, as that window closes. (On Windows and macOS Chrome closes it as soon as another
 * window takes the focus.) Either way no popup is left to show the outcome.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, test as base, beforeAll, expect } from 'vitest';
import { openToolbarPopup, type ToolbarPopup, watchForToolbarPopup } from '../../sandbox/toolbar-popup';
import { type ScreenPoint, startVirtualDesktop, type VirtualDesktop } from '../../sandbox/virtual-desktop';
import { type Harness, openExtension, openOptions, storageDump, storedConnections } from './harness';

let desktop: VirtualDesktop;
beforeAll(async () => {
  desktop = await startVirtualDesktop();
});
afterAll(async () => {
  await desktop?.close();
});

/**
 * A fresh Chromium on the desktop, with the options page open in its window and no page of the popup: the
 * harness's popup tab would show every outcome by itself.
 */
const test = base.extend<{ h: Harness; options: Page }>({
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from this pattern.
  h: async ({}, use) => {
    const h = await openExtension({ display: desktop.display, scrollbars: true });
    try {
      await use(h);
    } finally {
      await h.close();
    }
  },
  options: async ({ h }, use) => {
    const options = await openOptions(h);
    await h.popup.close();
    await use(options);
  },
});

type MouseSeen = { offset: ScreenPoint; over: boolean } | null;

/**
 * Listens for the page's next mouse move (before this returns, so the mouse may move right after); the function
 * returned gives where the viewport is on the screen and whether the mouse was over `element`, or null when no
 * move came within a second.
 */
async function watchMouse(element: Locator): Promise<() => Promise<MouseSeen>> {
  const watching = await element.evaluateHandle((target) => ({
    seen: new Promise<MouseSeen>((resolve) => {
      setTimeout(() => resolve(null), 1_000);
      addEventListener(
        'mousemove',
        (event) =>
          resolve({
            offset: { x: event.screenX - event.clientX, y: event.screenY - event.clientY },
            over: target.contains(event.target as Node),
          }),
        { once: true },
      );
    }),
  }));
  return () => watching.evaluate((w) => w.seen);
}

/**
 * A real click on `element` in a browser window. A page knows where its window is on the screen, not where its
 * viewport sits in it (toolbars, info bars, the window manager's frame): the mouse is moved over the page first to
 * learn that.
 */
const clickForReal = (page: Page, element: Locator) =>
  desktop.clickWhenOver(String(element), async () => {
    const middle = await page.evaluate(() => ({ x: screenX + outerWidth / 2, y: screenY + outerHeight / 2 }));
    const overPage = await watchMouse(element);
    desktop.move(middle);
    desktop.move({ x: middle.x + 1, y: middle.y + 1 });
    const seen = await overPage();
    const box = await element.boundingBox();
    if (!seen || !box) return null;
    const overElement = await watchMouse(element);
    return {
      point: { x: seen.offset.x + box.x + box.width / 2, y: seen.offset.y + box.y + box.height / 2 },
      seenOver: async () => (await overElement())?.over === true,
    };
  });

/** A real click on `selector` in the toolbar popup (which has no toolbars: its viewport is its window). */
const clickInPopupForReal = (popup: ToolbarPopup, selector: string) =>
  desktop.clickWhenOver(`${selector} in the toolbar popup`, async () => {
    const point = await popup.screenPoint(selector);
    await popup.evaluate(`(() => {
      const target = document.querySelector(${JSON.stringify(selector)});
      globalThis.__over = new Promise((resolve) => {
        setTimeout(() => resolve(false), 1000);
        addEventListener('mousemove', (event) => resolve(target.contains(event.target)), { once: true });
      });
    })()`);
    return { point, seenOver: () => popup.evaluate<boolean>('globalThis.__over') };
  });

/**
 * WordPress.com's window, once the browser has it. Looked for among the browser's pages rather than awaited as an
 * event, so that a window opened before the wait began is found too; the error says what the browser had instead.
 */
async function consentWindow(h: Harness, within = 15_000): Promise<Page> {
  const deadline = Date.now() + within;
  for (;;) {
    const auth = h.context.pages().find((page) => page.url().includes('/oauth2/authenticate'));
    if (auth) return auth;
    if (Date.now() > deadline) {
      const pages = h.context.pages().map((page) => page.url());
      throw new Error(`No WordPress.com window within ${within / 1000} s; the browser's pages: ${pages.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the toolbar popup and clicks "Log in" in it, for real; returns the popup and WordPress.com's window. */
async function logInFromToolbar(h: Harness, options: Page): Promise<{ popup: ToolbarPopup; auth: Page }> {
  const popup = await openToolbarPopup(h, options);
  await popup.waitFor(`document.querySelector('button.primary') && document.visibilityState === 'visible'`, 'Log in');
  await clickInPopupForReal(popup, 'button.primary');
  const auth = await consentWindow(h);
  await auth.waitForLoadState('domcontentloaded');
  await expect.poll(() => auth.evaluate(() => document.hasFocus()), { timeout: 5_000 }).toBe(true);
  return { popup, auth };
}

test('after Approve in WordPress.com’s window, the toolbar popup comes back showing the profile', async ({
  h,
  options,
}) => {
  const { popup, auth } = await logInFromToolbar(h, options);
  const comesBack = await watchForToolbarPopup(h, options);
  await clickForReal(auth, auth.getByRole('button', { name: 'Approve' }));
  const back = await comesBack.next();
  await back.waitFor(`document.querySelector('#profile-name')?.textContent === 'Alice Example'`, 'the profile');
  await back.waitFor(`document.visibilityState === 'visible'`, 'itself');
  expect(await popup.isClosed()).toBe(true);
  expect((await storedConnections(options)).list).toHaveLength(1);
  await back.close();
});

test('a person who closes WordPress.com’s window has chosen to stop: no popup comes back', async ({ h, options }) => {
  const { auth } = await logInFromToolbar(h, options);
  const comesBack = await watchForToolbarPopup(h, options);
  desktop.key('ctrl+w');
  // The sign-in has ended once its stored flow is gone; the popup would be opened right after.
  await expect.poll(async () => 'pendingFlow' in (await storageDump(options)).session, { timeout: 15_000 }).toBe(false);
  expect(auth.isClosed()).toBe(true);
  await expect(comesBack.next({ within: 2_000 })).rejects.toThrow('Chrome opened no toolbar popup');
  expect((await storedConnections(options)).list).toEqual([]);
});
