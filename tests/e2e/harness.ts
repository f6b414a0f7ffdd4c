/**
 * A page-object style harness: a fresh Chromium with the extension per test, the popup, the
 * WordPress.com consent window, the extension's storage areas, and the emulator's switches.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { type ExtensionBrowser, type LaunchOptions, launchWithExtension } from '../../sandbox/launch-chromium';
import { SANDBOX_EXTENSION_ID } from '../../sandbox/sandbox-config';
import { emulator, relay, services } from '../support/e2e-context';

export { emulator, proxyLog, relay, services } from '../support/e2e-context';

export interface Harness extends ExtensionBrowser {
  popup: Page;
}

export async function openExtension(launch: Omit<LaunchOptions, 'headless'> = {}): Promise<Harness> {
  await Promise.all([emulator().reset(), relay().reset()]);
  const browser = await launchWithExtension(services().extensionDir, { ...launch, headless: true });
  if (browser.extensionId !== SANDBOX_EXTENSION_ID) {
    await browser.close();
    throw new Error(`The manifest key did not pin the extension ID (got ${browser.extensionId}).`);
  }
  const popup = await browser.openPopup();
  await popup.getByRole('heading', { name: 'WordPress.com Connect' }).waitFor();
  // A fresh profile is signed out: the button shows once the worker has answered the popup's getState, so no
  // test starts while that first answer is still on its way (it would take notices meant for a later page).
  await loginButton(popup).waitFor({ timeout: 15_000 });
  return { ...browser, popup };
}

/** `test` with `h`: a fresh Chromium profile with the extension (launched with `launch`), closed after the test. */
export const extensionTestWith = (launch: Omit<LaunchOptions, 'headless'>) =>
  test.extend<{ h: Harness }>({
    // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from this pattern.
    h: async ({}, use) => {
      const h = await openExtension(launch);
      try {
        await use(h);
      } finally {
        await h.close();
      }
    },
  });

export const extensionTest = extensionTestWith({});

/** Clicks "Log in" and returns the WordPress.com consent window that `launchWebAuthFlow` opened. */
export async function startLogin(h: Harness): Promise<Page> {
  const authWindow = h.context.waitForEvent('page', { timeout: 15_000 });
  await loginButton(h.popup).click();
  const page = await authWindow;
  await page.waitForLoadState('domcontentloaded');
  return page;
}

export async function approveAs(auth: Page, who: 'Alice' | 'Bob'): Promise<void> {
  await auth.getByRole('radio', { name: new RegExp(who) }).check();
  await auth.getByRole('button', { name: 'Approve' }).click();
}

export async function logIn(h: Harness, who: 'Alice' | 'Bob' = 'Alice'): Promise<void> {
  await approveAs(await startLogin(h), who);
  await h.popup.getByRole('button', { name: /Revoke/ }).waitFor({ timeout: 15_000 });
}

export const loginButton = (popup: Page) => popup.getByRole('button', { name: 'Log in with WordPress.com' });

/** The alert's text, once one shows. */
export async function alertText(popup: Page): Promise<string> {
  const alert = popup.getByRole('alert');
  await alert.waitFor({ timeout: 15_000 });
  return ((await alert.textContent()) ?? '').trim();
}

/** Everything in the extension's local, session and sync storage, read from an extension page. */
export async function storageDump(page: Page): Promise<Record<'local' | 'session' | 'sync', Record<string, unknown>>> {
  return page.evaluate(async () => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const { storage } = (globalThis as unknown as { chrome: { storage: Record<'local' | 'session' | 'sync', Area> } })
      .chrome;
    return {
      local: await storage.local.get(null),
      session: await storage.session.get(null),
      sync: await storage.sync.get(null),
    };
  });
}

interface StoredConnection {
  id: string;
  accessToken: string;
  kind: string;
  scope: string[];
  blogId: number | null;
}

/** The connections the extension holds (read from storage, for leak checks), and which one is active. */
export async function storedConnections(page: Page): Promise<{ activeId: string | null; list: StoredConnection[] }> {
  const { local } = await storageDump(page);
  const store = local.connections as { activeId: string | null; connections: StoredConnection[] } | undefined;
  return { activeId: store?.activeId ?? null, list: store?.connections ?? [] };
}

/** The active connection's access token, if any. */
export async function storedToken(page: Page): Promise<string | undefined> {
  const { activeId, list } = await storedConnections(page);
  return list.find((connection) => connection.id === activeId)?.accessToken;
}

/** Writes raw values into one of the extension's storage areas from an extension page, as by hand. */
export async function writeStorage(
  page: Page,
  area: 'local' | 'session',
  items: Record<string, unknown>,
): Promise<void> {
  await page.evaluate(
    async ({ area, items }) => {
      type Area = { set(items: Record<string, unknown>): Promise<void> };
      const { storage } = (globalThis as unknown as { chrome: { storage: Record<'local' | 'session', Area> } }).chrome;
      await storage[area].set(items);
    },
    { area, items },
  );
}

/** Picks a catalogue endpoint in the popup's console by (part of) its title. */
export async function pickEndpoint(popup: Page, title: string): Promise<void> {
  const select = popup.getByLabel('Endpoint');
  const value = await select.locator('option', { hasText: title }).getAttribute('value');
  await select.selectOption(value ?? '');
}

/** Calls the endpoint with these parameters and returns the "Response" region's text. */
export async function callEndpoint(popup: Page, title: string, params: Record<string, string> = {}): Promise<string> {
  await pickEndpoint(popup, title);
  for (const [name, value] of Object.entries(params)) {
    await popup.getByRole('textbox', { name, exact: true }).fill(value);
  }
  await popup.getByRole('button', { name: 'Call' }).click();
  const call = popup.getByRole('button', { name: 'Call' });
  await expect.poll(async () => call.getAttribute('aria-busy'), { timeout: 15_000 }).not.toBe('true');
  const response = popup.getByRole('region', { name: 'Response' });
  return (await response.count()) > 0 ? ((await response.textContent()) ?? '') : '';
}

/** The options page, opened in a tab as the popup is. */
export async function openOptions(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Access settings' }).waitFor();
  return page;
}

type TargetInfo = { targetId: string; type: string; url: string };

/** Stops the extension's service worker through the DevTools protocol, as the browser does when idle. */
export async function stopServiceWorker(h: Harness): Promise<void> {
  const page = await h.context.newPage();
  const cdp = await h.context.newCDPSession(page);
  const workers = async () => {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(h.extensionId));
  };
  const [worker] = await workers();
  if (!worker) throw new Error('The extension has no running service worker to stop.');
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  for (let tries = 0; ; tries++) {
    const running = await workers();
    if (running.length === 0) break;
    if (tries > 50) throw new Error('The service worker did not stop.');
    // A page's message (an open popup keeping its frame) can start the worker again as it stops: it is stopped
    // again, so the next action finds none running.
    if (tries % 5 === 4)
      for (const again of running)
        await cdp.send('Target.closeTarget', { targetId: again.targetId }).catch(() => undefined);
    await page.waitForTimeout(100);
  }
  await cdp.detach();
  await page.close();
}
