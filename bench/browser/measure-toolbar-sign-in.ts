/**
 * Sign-in latency as a person meets it from the toolbar: "Approve" clicked on the emulator's consent page → the
 * toolbar popup that the worker opens again (utils/popup-reopen.ts) painted with the profile. The sign-in figure
 * (`measure-sign-in.ts`) keeps its popup open in a tab, which a toolbar popup never is by then: Chrome closes it when
 * WordPress.com's window takes the focus. Here the popup that clicked "Log in" is closed before Approve, as it would
 * be, and the one that comes back is timed.
 *
 * Playwright adds no init script to a toolbar popup, so the probe is not in it. The popup's own entries are read
 * instead: Element Timing of the name (the heading carries `elementtiming="profile-name"`), first-contentful-paint,
 * and whether the worker served the page (`workerStart`). The name's render time equal to the first contentful
 * paint means the first frame Chrome presented had the name in it.
 */
import type { Page } from 'playwright-core';
import { watchForToolbarPopup } from '../../sandbox/toolbar-popup.ts';
import { approve, loginButton, openConsent, revokeActive } from './flows.ts';
import type { BenchBrowser } from './launch.ts';
import { POPUP_PAGE } from './launch.ts';
import { sleep } from './summary.ts';

export interface ToolbarSignInRun {
  /** Approve clicked → the name painted in the popup that came back (ms). */
  latencyMs: number;
  /** Approve clicked → the popup's navigation started (Chrome opening it: the worker's part and the browser's). */
  toOpenMs: number;
  /** Approve clicked → the worker called `action.openPopup()`: the sign-in and the worker's steps after it. */
  toOpenPopupMs: number;
  /** `action.openPopup()` called → the popup's navigation started: the browser's own part, the same for any page. */
  browserOpenMs: number;
  /** The popup's navigation started → the name painted: the page's part. */
  pageMs: number;
  /**
   * The extension's button was pinned to the toolbar (`action.getUserSettings().isOnToolbar`): unpinned, Chrome pops
   * it out first, and `browserOpenMs` holds that (~260 ms here).
   */
  pinned: boolean;
  /** The first contentful frame of that popup already showed the name. */
  nameInFirstFrame: boolean;
  /** Its page came from the worker, with the state in it (utils/popup-route.ts `keepPopupState`). */
  fromWorker: boolean;
}

export interface ToolbarSignInOptions {
  warmup: number;
  runs: number;
  settleMs: number;
}

type Read = { name: number | null; fcp: number | null; timeOrigin: number; fromWorker: boolean };

type ActionApi = { action: { openPopup(...args: unknown[]): Promise<unknown> } };

/**
 * Notes in the worker when it calls `action.openPopup()` (a wrapper put on from outside, by the DevTools protocol;
 * nothing of it is in the extension), and reads it back.
 */
async function watchOpenPopup(browser: BenchBrowser): Promise<() => Promise<number | null>> {
  const worker = browser.context
    .serviceWorkers()
    .find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`));
  if (!worker) return async () => null;
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { chrome: ActionApi; __openPopupAt?: number; __openPopup?: unknown };
    scope.__openPopupAt = undefined;
    if (scope.__openPopup) return;
    const open = scope.chrome.action.openPopup.bind(scope.chrome.action);
    scope.__openPopup = open;
    scope.chrome.action.openPopup = (...args: unknown[]) => {
      scope.__openPopupAt = performance.timeOrigin + performance.now();
      return open(...args);
    };
  });
  return () =>
    worker
      .evaluate(() => (globalThis as unknown as { __openPopupAt?: number }).__openPopupAt ?? null)
      .catch(() => null);
}

/** The popup's own entries, once the name has been painted (null while it has not). */
const READ = `new Promise((resolve) => {
  const done = (entries) => {
    const name = entries.find((e) => e.identifier === 'profile-name');
    const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
    resolve({
      name: name ? name.renderTime : null,
      fcp: fcp ? fcp.startTime : null,
      timeOrigin: performance.timeOrigin,
      fromWorker: performance.getEntriesByType('navigation')[0].workerStart > 0,
    });
  };
  new PerformanceObserver((list) => done(list.getEntries())).observe({ type: 'element', buffered: true });
  setTimeout(() => done([]), 200);
})`;

/** `opener`: an extension page in a tab, in the window the sign-ins begin in (it stays open throughout). */
export async function measureToolbarSignIn(
  browser: BenchBrowser,
  opener: Page,
  options: ToolbarSignInOptions,
): Promise<ToolbarSignInRun[]> {
  const runs: ToolbarSignInRun[] = [];
  const pinned = await opener.evaluate(async () => {
    const action = (
      globalThis as unknown as { chrome: { action: { getUserSettings(): Promise<{ isOnToolbar: boolean }> } } }
    ).chrome.action;
    return (await action.getUserSettings()).isOnToolbar;
  });
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const popup = await browser.open(POPUP_PAGE);
    await loginButton(popup).waitFor({ timeout: 15_000 });
    const auth = await openConsent(browser.context, popup);
    // Gone by the time WordPress.com's window closes, as a toolbar popup is.
    await popup.close();
    const comesBack = await watchForToolbarPopup(browser, opener);
    const openPopupAt = await watchOpenPopup(browser);
    const approvedAt = await approve(auth, 'Alice');
    const back = await comesBack.next();
    try {
      let read: Read | undefined;
      for (let tries = 0; read?.name == null; tries++) {
        if (tries > 75) throw new Error('the popup that came back painted no name within 15 s');
        read = await back.evaluate<Read>(READ);
      }
      const calledAt = (await openPopupAt()) ?? Number.NaN;
      if (i >= options.warmup) {
        runs.push({
          latencyMs: read.timeOrigin + read.name - approvedAt,
          toOpenMs: read.timeOrigin - approvedAt,
          toOpenPopupMs: calledAt - approvedAt,
          browserOpenMs: read.timeOrigin - calledAt,
          pageMs: read.name,
          pinned,
          nameInFirstFrame: read.fcp !== null && Math.abs(read.name - read.fcp) < 1,
          fromWorker: read.fromWorker,
        });
      }
      // The Gravatar look-up, the refresh and the health check the popup asks for finish before the revoke.
      await sleep(options.settleMs);
    } finally {
      await back.close();
    }
    const revoking = await browser.open(POPUP_PAGE);
    await revokeActive(revoking);
    await revoking.close();
  }
  return runs;
}
