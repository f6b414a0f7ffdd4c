/**
 * `npm start`'s browser: Chromium (playwright-core) or Firefox ESR (puppeteer-core over WebDriver BiDi) with the
 * sandbox build loaded and its popup open in a tab, reported in one shape.
 */
import type { BrowserFamily } from '../utils/browser-differences';
import { launchWithExtension } from './launch-chromium';
import { launchFirefoxWithAddon } from './launch-firefox';
import {
  SANDBOX_EXTENSION_ID,
  SANDBOX_FIREFOX_REDIRECT_URI,
  SANDBOX_GECKO_ID,
  SANDBOX_REDIRECT_URI,
} from './sandbox-config';

export interface SandboxBrowser {
  /** Chromium's extension ID or Firefox's add-on ID. */
  extensionId: string;
  redirectUri: string;
  popupUrl: string;
  /** Something the person should know, e.g. an ID that will not match the sandbox's registration. */
  warning?: string;
  close(): Promise<void>;
}

export interface StartBrowserOptions {
  headless: boolean;
  /** Called once when the person closes the browser. */
  onClosed: () => void;
}

/** Runs `step` with the browser just launched; when it fails, the browser (and its profile folder) go too. */
async function closedOnFailure<T>(browser: { close(): Promise<void> }, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

async function startChromium(extensionDir: string, options: StartBrowserOptions): Promise<SandboxBrowser> {
  // Playwright's own Ctrl-C handler would exit with 130 before the servers are stopped: start.ts does it all.
  const browser = await launchWithExtension(extensionDir, { headless: options.headless, handleSignals: false });
  const popup = await closedOnFailure(browser, async () => {
    const opened = await browser.openPopup();
    for (const page of browser.context.pages()) if (page !== opened) await page.close();
    return opened;
  });
  browser.context.once('close', options.onClosed);
  return {
    extensionId: browser.extensionId,
    redirectUri: SANDBOX_REDIRECT_URI,
    popupUrl: popup.url(),
    ...(browser.extensionId === SANDBOX_EXTENSION_ID
      ? {}
      : {
          warning:
            `the extension's ID is ${browser.extensionId}, not the sandbox's ${SANDBOX_EXTENSION_ID}: ` +
            'its redirect URI will not match the one the proxy and the emulator expect.',
        }),
    close: () => browser.close(),
  };
}

async function startFirefox(extensionDir: string, options: StartBrowserOptions): Promise<SandboxBrowser> {
  const firefox = await launchFirefoxWithAddon(extensionDir, { headless: options.headless, handleSignals: false });
  await closedOnFailure(firefox, async () => {
    const popup = await firefox.openPopup();
    for (const page of await firefox.browser.pages()) if (page !== popup) await page.close();
  });
  firefox.browser.once('disconnected', options.onClosed);
  return {
    extensionId: SANDBOX_GECKO_ID,
    redirectUri: SANDBOX_FIREFOX_REDIRECT_URI,
    // (puppeteer's page.url() still says about:blank: a moz-extension navigation never completes under BiDi.)
    popupUrl: `${firefox.origin}/popup.html`,
    close: () => firefox.close(),
  };
}

export function startSandboxBrowser(
  family: BrowserFamily,
  extensionDir: string,
  options: StartBrowserOptions,
): Promise<SandboxBrowser> {
  return family === 'firefox' ? startFirefox(extensionDir, options) : startChromium(extensionDir, options);
}
