/**
 * Popup paint: `chrome-extension://<id>/popup.html` opened in a new tab → the frame that shows the cached
 * profile's name painted, against the bench-only blank page (`bench-blank.html`, one static heading, no script)
 * and, when asked, the floor page (`bench-floor.html`) opened the same way, in the same browser, in turns. All are
 * timed inside the page from its navigation start by the probe (probe.ts), and by the same clock: "painted" is
 * first-contentful-paint when the first contentful frame already showed the heading (the probe checks it), as it does
 * on both pages; Element Timing, then the main-thread marker, only when it did not. (Until 2026-11-24 the popup was
 * mostly timed by the main-thread marker, which comes before the frame is presented, while the blank page was timed
 * by Element Timing: Element Timing rarely reports a heading that is in the page's first frame, as the popup's is.
 * That flattered the popup; each run now records its clock.) The probe also records what every frame before the
 * profile showed (spinner, "Loading…", an empty shell).
 *
 * With the worker running, Chromium gets popup.html from the worker with the kept frame in its HTML
 * (utils/popup-route.ts); `workerStopped` stops the worker before each page (both pages), as after 30 s idle, and
 * the packaged page with its pre-paint script is what is timed. Each run records which one it got.
 */
import type { BenchBrowser } from './launch.ts';
import { BLANK_PAGE, FLOOR_PAGE, POPUP_PAGE } from './launch.ts';
import { type FirstFrames, firstFrames, type LoadTiming, probeMessages, probeResult } from './probe.ts';
import { sleep } from './summary.ts';

/** Which clock timed a run's paint: the same on both pages unless a page lacked it. */
export type PaintClock = 'first-contentful-paint' | 'element-timing' | 'main-thread-marker';

export interface PaintRun {
  /** Navigation start → the frame that first shows the heading presented (ms), by `clock`. */
  paintedMs: number;
  clock: PaintClock;
  /** Navigation start → the task after that frame's requestAnimationFrame ran (main thread; later tasks delay it). */
  mainThreadMs: number;
  /** Navigation start → the heading in the DOM. */
  inDomMs: number;
  /** first-contentful-paint (Paint Timing), when reported. */
  fcpMs: number | null;
  frames: FirstFrames;
  /** The page's first getState: sent and answered (ms since navigation start); null on the blank page. */
  getState: { sentMs: number; answeredMs: number } | null;
  load: LoadTiming;
  /** The page's HTML came from the extension's service worker (utils/popup-route.ts), not from the packaged file. */
  fromWorker: boolean;
  /** Size of the HTML the page got (decoded): a served page with the whole kept frame is the largest. */
  htmlBytes: number | null;
}

export interface PaintComparison {
  popup: PaintRun[];
  blank: PaintRun[];
  /**
   * The floor page (`bench-floor.html`: one classic script file reading the popup's kept frame from `localStorage`,
   * then one heading), when measured: the least any extension page that paints stored data can do under MV3's CSP,
   * which allows no inline script. What the popup takes beyond it is its own; what the floor takes beyond the
   * blank page is the platform's.
   */
  floor?: PaintRun[];
}

export interface PaintOptions {
  warmup: number;
  runs: number;
  /** How long a page stays open after its paint (the popup's own refresh and health check run meanwhile). */
  settleMs: number;
  /** Stop the service worker before each page is opened (every page), as after 30 s of idleness. */
  workerStopped?: boolean;
  /** Time the floor page too (in turns with the other two). */
  floor?: boolean;
}

/** The paint's time and the clock it came from: first-contentful-paint when that frame showed the heading. */
function paintedBy(
  fcp: number | null,
  fcpShowsHeading: boolean,
  elementRender: number | null,
  marker: number,
): { paintedMs: number; clock: PaintClock } {
  if (fcp !== null && fcpShowsHeading) return { paintedMs: fcp, clock: 'first-contentful-paint' };
  if (elementRender !== null) return { paintedMs: elementRender, clock: 'element-timing' };
  return { paintedMs: marker, clock: 'main-thread-marker' };
}

async function openAndTime(browser: BenchBrowser, file: string, settleMs: number): Promise<PaintRun> {
  const page = await browser.open(file);
  try {
    const result = await probeResult(page);
    const navigation = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { workerStart: entry?.workerStart, bytes: entry?.decodedBodySize };
    });
    await sleep(settleMs);
    const getState = (await probeMessages(page)).find((m) => m.type === 'getState' && m.answeredAt >= 0);
    const frames = firstFrames(result);
    return {
      getState: getState ? { sentMs: getState.sentAt, answeredMs: getState.answeredAt } : null,
      load: result.load,
      ...paintedBy(result.fcp, frames.firstContentfulHasTarget, result.elementRender, result.paintedAt),
      mainThreadMs: result.paintedAt,
      inDomMs: result.foundAt,
      fcpMs: result.fcp,
      frames,
      fromWorker: (navigation.workerStart ?? 0) > 0,
      htmlBytes: navigation.bytes || null,
    };
  } finally {
    await page.close();
  }
}

/** Round i's pages: each page goes first, second (and third) equally often. */
function pageOrder(i: number, pages: readonly string[]): string[] {
  const shift = i % pages.length;
  const rotated = [...pages.slice(shift), ...pages.slice(0, shift)];
  // Two pages alternate; three also reverse every other cycle, so each page follows each other one equally often.
  return pages.length > 2 && Math.floor(i / pages.length) % 2 === 1 ? rotated.reverse() : rotated;
}

export async function measurePopupPaint(browser: BenchBrowser, options: PaintOptions): Promise<PaintComparison> {
  const runs = new Map<string, PaintRun[]>();
  const pages = options.floor ? [BLANK_PAGE, POPUP_PAGE, FLOOR_PAGE] : [BLANK_PAGE, POPUP_PAGE];
  for (const page of pages) runs.set(page, []);
  for (let i = 0; i < options.warmup + options.runs; i++) {
    for (const file of pageOrder(i, pages)) {
      if (options.workerStopped && (await browser.workerRunning())) await browser.stopWorker();
      const run = await openAndTime(browser, file, options.settleMs);
      if (i >= options.warmup) runs.get(file)?.push(run);
    }
  }
  const of = (page: string) => runs.get(page) ?? [];
  return { popup: of(POPUP_PAGE), blank: of(BLANK_PAGE), ...(options.floor ? { floor: of(FLOOR_PAGE) } : {}) };
}
