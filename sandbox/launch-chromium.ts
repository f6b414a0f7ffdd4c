/** Starts Debian's Chromium with the unpacked extension loaded, under playwright-core. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** CHROME_PATH when set (and nothing else then: a path set on purpose is not replaced), else Debian's Chromium. */
export function chromiumPath(): string | undefined {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /**
   * Opens `chrome-extension://<id>/popup.html` in a tab. (Playwright drives no toolbar popup: the tests that need
   * one open it with `action.openPopup()` and drive it through the DevTools protocol, `sandbox/toolbar-popup.ts`.)
   */
  openPopup(): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless: boolean;
  /** Let Playwright close the browser and exit on Ctrl-C (tests); `npm start` stops things itself. */
  handleSignals?: boolean;
  /**
   * The browser's language, e.g. `de` (tests of the extension's translations). On Linux Chromium takes its UI
   * language, which `i18n.getMessage` follows, from `LANGUAGE`; `--lang` is for the other platforms.
   */
  locale?: string;
  /**
   * Scrollbars that take room, as Chromium draws them on Linux and Windows. Playwright hides them in headless mode
   * (`--hide-scrollbars`), and a toolbar popup taller than Chrome allows is then sized as if they took room while
   * they take none.
   */
  scrollbars?: boolean;
  /**
   * The extension's toolbar button pinned, as a person who uses it from the toolbar has it (the ID, pinned in the
   * new profile's preferences before the first start). Unpinned, Chrome pops the button out into the toolbar before
   * it opens the popup, which takes ~260 ms in this headless Chromium (bench/results/extension-diagnosis.md).
   */
  pinnedExtensionId?: string;
  /**
   * An X display to show the browser on (headed), e.g. a virtual desktop's (`sandbox/virtual-desktop.ts`); `headless`
   * is then ignored.
   */
  display?: string;
}

export async function launchWithExtension(extensionDir: string, options: LaunchOptions): Promise<ExtensionBrowser> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error('Chromium was not found. Install it (Debian: apt-get install chromium) or set CHROME_PATH.');
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'wpcom-connect-chromium-'));
  const env = {
    ...(options.locale ? { LANGUAGE: options.locale } : {}),
    ...(options.display ? { DISPLAY: options.display } : {}),
  };
  // As launch-firefox.ts: a launch that fails leaves no browser and no profile folder behind.
  const forget = () => rm(userDataDir, { recursive: true, force: true });
  if (options.pinnedExtensionId) {
    await mkdir(join(userDataDir, 'Default'), { recursive: true });
    const preferences = { extensions: { pinned_extensions: [options.pinnedExtensionId] } };
    await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(preferences));
  }
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: options.display === undefined && options.headless,
      ...(options.scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
      handleSIGINT: options.handleSignals ?? true,
      handleSIGTERM: options.handleSignals ?? true,
      handleSIGHUP: options.handleSignals ?? true,
      ...(Object.keys(env).length > 0 ? { env: { ...process.env, ...env } } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
      args: [
        ...(options.locale ? [`--lang=${options.locale}`] : []),
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    await forget();
    throw error;
  }
  let extensionId: string;
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
  } catch (error) {
    await context.close().catch(() => undefined);
    await forget();
    throw error;
  }
  return {
    context,
    extensionId,
    async openPopup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async close() {
      await context.close();
      await forget();
    },
  };
}
