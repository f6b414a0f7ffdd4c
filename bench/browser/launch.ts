/**
 * One headless Chromium with the bench build loaded (sandbox/launch-chromium.ts: Debian's Chromium with the
 * flags the e2e tests use), the probe added to every page, and the DevTools-protocol handle that stops the
 * extension's service worker. Every browser opened here is closed by `closeAllBrowsers` on the way out.
 */
import type { CDPSession, Page } from 'playwright-core';
import { USERS } from '../../sandbox/emulator/users.ts';
import { type ExtensionBrowser, launchWithExtension } from '../../sandbox/launch-chromium.ts';
import { SANDBOX_EXTENSION_ID } from '../../sandbox/sandbox-config.ts';
import { type ProbeConfig, probeScript } from './probe.ts';

/** The extension page every paint is compared with (bench build only, see wxt.config.ts). */
export const BLANK_PAGE = 'bench-blank.html';
/** One script file painting one heading from the popup's kept frame: the floor for stored data (bench/browser/floor-script.ts). */
export const FLOOR_PAGE = 'bench-floor.html';
export const POPUP_PAGE = 'popup.html';
/** What the probe waits for: the profile heading with a person's name, or the blank or floor page's one heading. */
export const PROFILE_TEXTS = [...USERS.map((user) => user.displayName), 'Blank', 'Floor'];
const PROBE_CONFIG: ProbeConfig = { selector: '#profile-name', texts: PROFILE_TEXTS, maxFrames: 240 };
const STOP_POLL_MS = 20;
const STOP_TIMEOUT_MS = 10_000;

export interface BenchBrowser extends ExtensionBrowser {
  /** Opens `chrome-extension://<id>/<file>` in a new tab, as the e2e tests open the popup. */
  open(file: string): Promise<Page>;
  /** Stops the extension's service worker (Target.closeTarget), polls until it is gone; resolves with the ms it took. */
  stopWorker(): Promise<number>;
  workerRunning(): Promise<boolean>;
}

const open = new Set<ExtensionBrowser>();

type TargetInfo = { targetId: string; type: string; url: string };

export interface BenchLaunchOptions {
  /**
   * Let Playwright follow the worker's network (needed for `context.route` on the worker's requests). Off by
   * default: a real browser has no DevTools client reading every request of the worker.
   */
  workerNetwork?: boolean;
}

export async function launchBench(extensionDir: string, options: BenchLaunchOptions = {}): Promise<BenchBrowser> {
  // Read by playwright-core (in this process) whenever it attaches to a service worker, restarts included.
  if (options.workerNetwork) delete process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK;
  else process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  // Pinned: the toolbar figures time the popup as a person who uses the extension from the toolbar opens it.
  const browser = await launchWithExtension(extensionDir, {
    headless: true,
    handleSignals: false,
    pinnedExtensionId: SANDBOX_EXTENSION_ID,
  });
  open.add(browser);
  try {
    if (browser.extensionId !== SANDBOX_EXTENSION_ID) {
      throw new Error(`The manifest key did not pin the extension ID (got ${browser.extensionId}).`);
    }
    await browser.context.addInitScript({ content: probeInitScript(PROBE_CONFIG) });
    // The first tab stays open (and in the background) for the whole run: the DevTools session lives there.
    const keeper = browser.context.pages()[0] ?? (await browser.context.newPage());
    const cdp: CDPSession = await browser.context.newCDPSession(keeper);
    const workers = async () => {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      return targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
    };
    return {
      ...browser,
      async open(file) {
        const page = await browser.context.newPage();
        await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
        return page;
      },
      async stopWorker() {
        const started = performance.now();
        const running = await workers();
        for (const worker of running) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
        while ((await workers()).length > 0) {
          if (performance.now() - started > STOP_TIMEOUT_MS) throw new Error('The service worker did not stop.');
          await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
        }
        return performance.now() - started;
      },
      async workerRunning() {
        return (await workers()).length > 0;
      },
      async close() {
        open.delete(browser);
        await cdp.detach().catch(() => {});
        await browser.close();
      },
    };
  } catch (error) {
    open.delete(browser);
    await browser.close();
    throw error;
  }
}

/** The probe as source text, with a stand-in for the `__name` helper tsx adds (see `inPage`). */
function probeInitScript(config: ProbeConfig): string {
  return `(() => { const __name = (fn) => fn; (${probeScript.toString()})(${JSON.stringify(config)}); })();`;
}

/** Closes every browser still open (on the way out, whatever the way). */
export async function closeAllBrowsers(): Promise<void> {
  const closing = [...open].map((browser) => browser.close().catch(() => {}));
  open.clear();
  await Promise.all(closing);
}
