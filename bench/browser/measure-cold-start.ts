/**
 * Worker cold start: the extension's service worker stopped through the DevTools protocol
 * (Target.closeTarget, polled until it is gone, as the e2e tests do) → the popup's `getState` answered.
 * Timed in the open popup page from the moment it sends the message while the worker is stopped; the warm
 * round trip (the worker running) is timed right after, in the same iteration.
 *
 * The breakdown comes from DevTools traces of a few more cold starts (they are not among the timed runs: a
 * trace slows things down): on the worker's thread, starting the thread and its V8 isolate, reading the
 * script, compiling it (from the code cache), running its top level (GC included), then everything until
 * the thread goes quiet (answering the message). The rest of the round trip is the browser's and the
 * messaging's (starting the worker, routing the message, the answer back).
 */
import type { Page } from 'playwright-core';
import { timeGetState } from './flows.ts';
import type { BenchBrowser } from './launch.ts';
import { sleep } from './summary.ts';
import { recordTrace, type TraceEvent } from './trace.ts';

export interface ColdStartRun {
  coldMs: number;
  warmMs: number;
  /** How long stopping the worker took (close + polling until gone). */
  stopMs: number;
}

export interface ColdStartBreakdown {
  /** The whole round trip as the page timed it (traced, so a little slower than the timed runs). */
  roundTripMs: number;
  /** Worker thread and V8 isolate started, script read from the installed-scripts cache. */
  threadStartMs: number;
  compileMs: number;
  /** background.js's top level (v8.run), garbage collection during it included. */
  topLevelMs: number;
  gcInTopLevelMs: number;
  /** From the end of the top level until the worker thread's last task (the message answered). */
  afterTopLevelMs: number;
  /** The rest: the browser starting the worker, routing the message and the answer. */
  outsideWorkerThreadMs: number;
}

export interface ColdStartResult {
  runs: ColdStartRun[];
  traces: ColdStartBreakdown[];
}

export interface ColdStartOptions {
  warmup: number;
  runs: number;
  traced: number;
  /** Pause after the worker is gone and before the message (the browser finishes tearing it down). */
  pauseMs: number;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'toplevel'];

/** What the worker thread did, from a trace of one cold start. */
export function breakdown(events: TraceEvent[], roundTripMs: number): ColdStartBreakdown | null {
  // The worker that started during the trace: the service-worker thread that evaluated a script.
  const threads = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'ServiceWorker thread',
  );
  const onThread = threads
    .map((thread) =>
      events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts),
    )
    .find((list) => list.some((e) => e.name === 'EvaluateScript'));
  const evaluate = onThread?.find((e) => e.name === 'EvaluateScript');
  const first = onThread?.[0];
  if (!onThread || !evaluate || !first) return null;
  const within = (e: TraceEvent) => e.ts >= evaluate.ts && e.ts + (e.dur ?? 0) <= evaluate.ts + (evaluate.dur ?? 0);
  const ms = (us: number) => us / 1000;
  const compile = onThread.find((e) => e.name === 'v8.compile' && within(e));
  const run = onThread.find((e) => e.name === 'v8.run' && within(e));
  const gc = onThread.filter((e) => (e.name === 'MinorGC' || e.name === 'MajorGC') && within(e));
  const end = Math.max(...onThread.map((e) => e.ts + (e.dur ?? 0)));
  const evaluateEnd = evaluate.ts + (evaluate.dur ?? 0);
  const span = ms(end - first.ts);
  return {
    roundTripMs,
    threadStartMs: ms(evaluate.ts - first.ts),
    compileMs: ms(compile?.dur ?? 0),
    topLevelMs: ms(run?.dur ?? evaluate.dur ?? 0),
    gcInTopLevelMs: ms(gc.reduce((sum, e) => sum + (e.dur ?? 0), 0)),
    afterTopLevelMs: ms(end - evaluateEnd),
    outsideWorkerThreadMs: roundTripMs - span,
  };
}

async function coldRoundTrip(browser: BenchBrowser, page: Page, pauseMs: number) {
  const stopMs = await browser.stopWorker();
  await sleep(pauseMs);
  const cold = await timeGetState(page);
  if (!cold.ok) throw new Error('getState failed after a cold start');
  return { stopMs, coldMs: cold.ms };
}

/** `page`: an open extension page (the popup), idle. */
export async function measureColdStart(
  browser: BenchBrowser,
  page: Page,
  options: ColdStartOptions,
): Promise<ColdStartResult> {
  const runs: ColdStartRun[] = [];
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const { stopMs, coldMs } = await coldRoundTrip(browser, page, options.pauseMs);
    await sleep(50);
    const warm = await timeGetState(page);
    if (i >= options.warmup) runs.push({ coldMs, warmMs: warm.ms, stopMs });
    await sleep(50);
  }
  const traces: ColdStartBreakdown[] = [];
  const cdp = await browser.context.newCDPSession(page);
  try {
    for (let i = 0; i < options.traced; i++) {
      await browser.stopWorker();
      await sleep(options.pauseMs);
      const { events, result } = await recordTrace(cdp, TRACE_CATEGORIES, async () => (await timeGetState(page)).ms);
      const parsed = breakdown(events, result);
      if (parsed) traces.push(parsed);
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
  return { runs, traces };
}
