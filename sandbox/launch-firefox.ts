/**
 * Starts Debian's Firefox ESR with the add-on installed, under puppeteer-core over WebDriver BiDi (Playwright
 * cannot install Firefox add-ons). The add-on's internal UUID is fixed by a pref, so its pages and its requests'
 * `Origin` are `moz-extension://<SANDBOX_FIREFOX_UUID>`: the origin the sandbox proxy and emulator list.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { SANDBOX_FIREFOX_UUID, SANDBOX_GECKO_ID } from './sandbox-config';

/** FIREFOX_PATH when set (and nothing else then: a path set on purpose is not replaced), else Debian's Firefox ESR. */
export function firefoxPath(): string | undefined {
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  return existsSync(path) ? path : undefined;
}

export interface FirefoxWithAddon {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  origin: string;
  /**
   * Opens `moz-extension://<uuid>/popup.html` in a tab (a toolbar popup cannot be driven headless; on a desktop,
   * sandbox/firefox-toolbar.ts clicks it open).
   */
  openPopup(): Promise<Page>;
  /** Opens any of the add-on's pages (`options.html`, …) in a tab. */
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  headless: boolean;
  /** Let puppeteer close Firefox on Ctrl-C (tests); `npm start` stops things itself. */
  handleSignals?: boolean;
  /** More prefs, e.g. a short `extensions.background.idle.timeout`. */
  prefs?: Record<string, unknown>;
  /**
   * An X display to show Firefox on (headed), e.g. a virtual desktop's (`sandbox/virtual-desktop.ts`); `headless` is
   * then ignored.
   */
  display?: string;
}

/** How long Firefox may take to start, install the add-on or open one of its pages. */
const STEP_TIMEOUT_MS = 30_000;

/**
 * `page.goto()` on a moz-extension:// URL never resolves under BiDi here: start the navigation, then wait until
 * the document at that address has loaded.
 */
async function openExtensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.goto(url).catch(() => undefined);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    try {
      await page.waitForFunction(
        (expected: string) => location.href === expected && document.readyState === 'complete',
        { timeout: Math.max(1, deadline - Date.now()), polling: 50 },
        url,
      );
      return page;
    } catch (error) {
      // A poll that lands as the blank page gives way to the extension's can fail inside Firefox's BiDi ("right-hand
      // side of 'in' should be an object"): asked again, until the step's time is up.
      if ((error instanceof Error && error.name === 'TimeoutError') || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Resolves when `child` has exited (at once if it has, or if there is none), or after `timeoutMs`. */
async function processEnded(child: ChildProcess | null, timeoutMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}

export async function launchFirefoxWithAddon(
  addonDir: string,
  options: FirefoxLaunchOptions,
): Promise<FirefoxWithAddon> {
  const executablePath = firefoxPath();
  if (!executablePath) {
    throw new Error('Firefox was not found. Install it (Debian: apt-get install firefox-esr) or set FIREFOX_PATH.');
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'wpcom-connect-firefox-'));
  const signals = options.handleSignals ?? true;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: options.display === undefined && options.headless,
      ...(options.display ? { env: { ...process.env, DISPLAY: options.display } } : {}),
      userDataDir,
      timeout: STEP_TIMEOUT_MS,
      handleSIGINT: signals,
      handleSIGTERM: signals,
      handleSIGHUP: signals,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [SANDBOX_GECKO_ID]: SANDBOX_FIREFOX_UUID }),
        ...options.prefs,
      },
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    await browser.close().catch(() => undefined);
    // Firefox may still be writing its profile as it goes (after a signal to the whole process group it is already
    // going, and close() returns at once): remove the folder once the process has ended, and try again while a file
    // appears in it under rm's feet (ENOTEMPTY), or the folder stays behind.
    await processEnded(browser.process(), 5_000);
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  try {
    const id = await browser.installExtension(addonDir);
    if (id !== SANDBOX_GECKO_ID) throw new Error(`The add-on was installed as ${id}, not ${SANDBOX_GECKO_ID}.`);
  } catch (error) {
    await close();
    throw error;
  }
  const origin = `moz-extension://${SANDBOX_FIREFOX_UUID}`;
  return {
    browser,
    origin,
    openPopup: () => openExtensionPage(browser, `${origin}/popup.html`),
    openPage: (path) => openExtensionPage(browser, `${origin}/${path}`),
    close,
  };
}
