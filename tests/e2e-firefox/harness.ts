/**
 * The Firefox harness, a page-object style twin of tests/e2e/harness.ts: a fresh Firefox ESR profile with the
 * add-on per test (puppeteer-core over WebDriver BiDi), the popup, the WordPress.com consent window, the
 * add-on's storage areas. Every wait is bounded.
 */
import type { Page } from 'puppeteer-core';
import { test } from 'vitest';
import { type FirefoxWithAddon, launchFirefoxWithAddon } from '../../sandbox/launch-firefox';
import { emulator, relay, services } from '../support/e2e-context';

export { emulator, proxyLog, services } from '../support/e2e-context';

/** The longest any single step may take: a window to open, a page to change. */
export const WAIT_MS = 15_000;

/** Firefox's event-page idle timeout in the tests that check what an idle stop loses (the default is 30 s). */
export const SHORT_IDLE_MS = 2000;

export interface FirefoxHarness extends FirefoxWithAddon {
  popup: Page;
}

export async function openAddon(prefs: Record<string, unknown> = {}): Promise<FirefoxHarness> {
  await Promise.all([emulator().reset(), relay().reset()]);
  const firefox = await launchFirefoxWithAddon(services().extensionDir, { headless: true, prefs });
  try {
    const popup = await firefox.openPopup();
    // A fresh profile is signed out: the button shows once the background has answered the popup's first
    // getState, so no test starts while that answer is still on its way.
    await loginButton(popup).wait();
    return { ...firefox, popup };
  } catch (error) {
    await firefox.close();
    throw error;
  }
}

const withAddon =
  (prefs: Record<string, unknown>) =>
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from this pattern.
  async ({}, use: (h: FirefoxHarness) => Promise<void>) => {
    const h = await openAddon(prefs);
    try {
      await use(h);
    } finally {
      await h.close();
    }
  };

/** `test` with `h`: a fresh Firefox profile with the add-on, closed after the test. */
export const firefoxTest = test.extend<{ h: FirefoxHarness }>({ h: withAddon({}) });

/** The same, with the event page stopped after `SHORT_IDLE_MS` of idleness. */
export const shortIdleTest = test.extend<{ h: FirefoxHarness }>({
  h: withAddon({ 'extensions.background.idle.timeout': SHORT_IDLE_MS }),
});

/** A button by its accessible name. */
export const button = (page: Page, name: string) =>
  page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`).setTimeout(WAIT_MS);

export const loginButton = (popup: Page) => button(popup, 'Log in with WordPress.com');

/** The active connection's "Revoke" (its label names the connection). */
export const revokeButton = (popup: Page) => popup.locator('button[aria-label^="Revoke"]').setTimeout(WAIT_MS);

/** Waits until some element's own text is exactly `text` (or matches it). */
export async function waitForText(page: Page, text: string | RegExp): Promise<void> {
  const pattern =
    typeof text === 'string' ? { source: `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' } : text;
  await page.waitForFunction(
    (source: string, flags: string) => {
      const wanted = new RegExp(source, flags);
      return [...document.querySelectorAll('body *')].some(
        (element) => element.children.length === 0 && wanted.test((element.textContent ?? '').trim()),
      );
    },
    { timeout: WAIT_MS, polling: 50 },
    pattern.source,
    pattern.flags,
  );
}

/** How many leaf elements show exactly `text` now. */
export function countText(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted: string) =>
      [...document.querySelectorAll('body *')].filter(
        (element) => element.children.length === 0 && (element.textContent ?? '').trim() === wanted,
      ).length,
    text,
  );
}

/** Clicks "Log in" and returns the WordPress.com consent window that `launchWebAuthFlow` opened. */
export async function startLogin(h: FirefoxHarness): Promise<Page> {
  const opened = h.browser.waitForTarget((target) => /\/oauth2\/(authenticate|authorize)\?/.test(target.url()), {
    timeout: WAIT_MS,
  });
  await loginButton(h.popup).click();
  const auth = await (await opened).page();
  if (!auth) throw new Error('The consent window has no page.');
  await auth.waitForSelector('button[value="approve"]', { timeout: WAIT_MS });
  return auth;
}

export async function approveAs(auth: Page, who: 'Alice' | 'Bob'): Promise<void> {
  await auth.click(`input[name="user"][value="${who.toLowerCase()}"]`);
  await auth.click('button[value="approve"]');
}

export async function logIn(h: FirefoxHarness, who: 'Alice' | 'Bob' = 'Alice'): Promise<void> {
  await approveAs(await startLogin(h), who);
  await revokeButton(h.popup).wait();
}

/** The alert's text and its `data-code`, once one shows. */
export async function alertShown(popup: Page): Promise<{ text: string; code: string | null }> {
  const alert = await popup.waitForSelector('[role="alert"]', { timeout: WAIT_MS });
  if (!alert) throw new Error('No alert showed.');
  return alert.evaluate((element) => ({
    text: (element.textContent ?? '').trim(),
    code: element.getAttribute('data-code'),
  }));
}

type Areas = Record<'local' | 'session' | 'sync', Record<string, unknown>>;

/** Everything in the add-on's local, session and sync storage, read from one of its pages. */
export function storageDump(page: Page): Promise<Areas> {
  return page.evaluate(async () => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const { storage } = (globalThis as unknown as { browser: { storage: Record<keyof Areas, Area> } }).browser;
    return {
      local: await storage.local.get(null),
      session: await storage.session.get(null),
      sync: await storage.sync.get(null),
    };
  });
}

/** The active connection's access token, if any (read from storage, for leak checks). */
export async function storedToken(page: Page): Promise<string | undefined> {
  const { local } = await storageDump(page);
  const store = local.connections as
    | { activeId: string | null; connections: Array<{ id: string; accessToken: string }> }
    | undefined;
  return store?.connections.find((connection) => connection.id === store.activeId)?.accessToken;
}

/** The add-on's pages that are running now (the event page among them while it is up). */
export function runningPages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { browser: { extension: { getViews(): Array<{ location: Location }> } } }
    ).browser.extension
      .getViews()
      .map((view) => view.location.pathname),
  );
}
