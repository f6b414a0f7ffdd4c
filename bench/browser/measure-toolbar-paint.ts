/**
 * Toolbar popup paint: the popup as Chrome opens it from the toolbar (`action.openPopup()`, sandbox/toolbar-popup.ts),
 * not popup.html in a tab, against the bench's blank page opened the same way (`action.setPopup` to it first), in
 * turns. Chrome keeps a toolbar popup hidden until its page has loaded, then shows it; nothing is painted before.
 * So its first contentful paint is its first visible frame, and that frame holds what the page drew by then: the
 * kept profile (the served page or the pre-paint script, before the modules run), or the blank page's heading.
 * Playwright adds no init script to such a popup, so the probe is not in it: the figures come from the page's own
 * Paint Timing, Navigation Timing and visibility-state entries, read once it has loaded.
 *
 * - **painted**: navigation start → first contentful paint (as the tab figure, from the page's own clock);
 * - **click → painted**: `openPopup()` called in the opening page → that paint, on the browser's shared clock
 *   (`performance.timeOrigin`), which is what a person waits for after the click.
 */
import type { Page } from 'playwright-core';
import { openToolbarPopup, setToolbarPopup } from '../../sandbox/toolbar-popup.ts';
import type { BenchBrowser } from './launch.ts';
import { BLANK_PAGE, POPUP_PAGE } from './launch.ts';
import { sleep } from './summary.ts';

export interface ToolbarPaintRun {
  /** Navigation start → first contentful paint (ms). */
  paintedMs: number;
  /** `openPopup()` called → first contentful paint (ms). */
  clickToPaintMs: number;
  /** Navigation start → shown (the visibility-state entry `visible`). */
  visibleMs: number | null;
  /** Navigation start → the load event's end (Chrome shows the popup after it). */
  loadMs: number;
  /** What the page held when it had loaded: the profile's name (popup) or the blank page's heading. */
  heading: string | null;
  /** The page came from the extension's service worker (utils/popup-route.ts), not from the packaged file. */
  fromWorker: boolean;
}

export interface ToolbarPaintComparison {
  popup: ToolbarPaintRun[];
  blank: ToolbarPaintRun[];
}

export interface ToolbarPaintOptions {
  warmup: number;
  runs: number;
  /** How long a popup stays open after its paint (the popup's own refresh and health check run meanwhile). */
  settleMs: number;
  workerStopped?: boolean;
}

const READ = `(() => {
  const paint = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  const nav = performance.getEntriesByType('navigation')[0];
  if (!paint || !nav || nav.loadEventEnd === 0) return null;
  const visible = performance.getEntriesByType('visibility-state').find((e) => e.name === 'visible');
  const heading = document.querySelector('#profile-name');
  return {
    fcp: paint.startTime,
    paintedAt: performance.timeOrigin + paint.startTime,
    visibleMs: visible ? visible.startTime : null,
    loadMs: nav.loadEventEnd,
    heading: heading ? heading.textContent.trim() : null,
    fromWorker: nav.workerStart > 0,
  };
})()`;

type Read = {
  fcp: number;
  paintedAt: number;
  visibleMs: number | null;
  loadMs: number;
  heading: string | null;
  fromWorker: boolean;
};

async function openAndTime(browser: BenchBrowser, from: Page, file: string, settleMs: number) {
  const popup = await openToolbarPopup(browser, from, file);
  try {
    let read: Read | null = null;
    for (let tries = 0; !read; tries++) {
      if (tries > 300) throw new Error(`${file} as a toolbar popup: no first paint within 15 s`);
      read = await popup.evaluate<Read | null>(READ);
      if (!read) await sleep(50);
    }
    await sleep(settleMs);
    return {
      paintedMs: read.fcp,
      clickToPaintMs: read.paintedAt - popup.openedAt,
      visibleMs: read.visibleMs,
      loadMs: read.loadMs,
      heading: read.heading,
      fromWorker: read.fromWorker,
    } satisfies ToolbarPaintRun;
  } finally {
    await popup.close();
  }
}

/** `from`: an extension page in a tab, whose window the popups open in (it stays open for the whole figure). */
export async function measureToolbarPaint(
  browser: BenchBrowser,
  from: Page,
  options: ToolbarPaintOptions,
): Promise<ToolbarPaintComparison> {
  const popup: ToolbarPaintRun[] = [];
  const blank: ToolbarPaintRun[] = [];
  try {
    for (let i = 0; i < options.warmup + options.runs; i++) {
      const order = i % 2 === 0 ? [BLANK_PAGE, POPUP_PAGE] : [POPUP_PAGE, BLANK_PAGE];
      for (const file of order) {
        if (options.workerStopped && (await browser.workerRunning())) await browser.stopWorker();
        const run = await openAndTime(browser, from, file, options.settleMs);
        if (i < options.warmup) continue;
        (file === POPUP_PAGE ? popup : blank).push(run);
      }
    }
  } finally {
    // The toolbar button opens the popup again, whatever happened.
    await setToolbarPopup(from, POPUP_PAGE);
  }
  return { popup, blank };
}
