/**
 * `npx tsx bench/browser/explore.ts [cold|popup|signin] [N]`: exploratory CPU profiles (DevTools tracing with
 * the V8 sampling profiler) of a cold start's worker thread or of a popup opening, summed over N runs and
 * printed as self time per function and a timeline of the main-thread tasks. For finding causes only.
 * `STOPPED=1` (paint and frames modes) stops the worker before each page, as `npm run bench`'s worker-stopped rows do.
 */
import { installCleanup, killAllTargets } from '../lib/children.ts';
import { signIn, timeGetState } from './flows.ts';
import { closeAllBrowsers, launchBench, POPUP_PAGE } from './launch.ts';
import { probeResult } from './probe.ts';
import { buildBenchExtension, startServices } from './services.ts';
import { sleep } from './summary.ts';
import { recordTrace, type TraceEvent } from './trace.ts';

const mode = process.argv[2] ?? 'cold';
const N = Number(process.argv[3] ?? 5);
const CATEGORIES = process.env.NO_SAMPLES
  ? [
      'devtools.timeline',
      'v8.execute',
      'disabled-by-default-devtools.timeline',
      'toplevel',
      'blink',
      'loading',
      'navigation',
      'blink.user_timing',
    ]
  : [
      'devtools.timeline',
      'v8',
      'v8.execute',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-v8.cpu_profiler',
      'toplevel',
      'blink',
      'loading',
      'navigation',
      'blink.user_timing',
    ];

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number };
  parent?: number;
}

/** Self time per function (ms) on one thread between t0 and t1 (trace µs), from ProfileChunk events. */
function selfTimes(events: TraceEvent[], pid: number, tid: number, t0: number, t1: number) {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.args?.data);
  const id = (profile as unknown as { id?: string })?.id;
  const nodes = new Map<number, Node>();
  let ts = Number((profile?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0);
  const totals = new Map<string, number>();
  for (const chunk of chunks) {
    if (id && (chunk as unknown as { id?: string }).id !== id) continue;
    const data = chunk.args?.data as {
      cpuProfile?: { nodes?: Node[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    samples.forEach((sample, i) => {
      const delta = deltas[i] ?? 0;
      ts += delta;
      if (ts < t0 || ts > t1) return;
      const node = nodes.get(sample);
      const f = node?.callFrame;
      const key = f
        ? `${f.functionName || '(anon)'} ${(f.url ?? '').split('/').pop()}:${f.lineNumber ?? ''}:${f.columnNumber ?? ''}`
        : '?';
      totals.set(key, (totals.get(key) ?? 0) + (deltas[i + 1] ?? delta) / 1000);
    });
  }
  return totals;
}

function add(into: Map<string, number>, from: Map<string, number>) {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function print(title: string, totals: Map<string, number>, runs: number, top = 40) {
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`\n== ${title}: ${(sum / runs).toFixed(1)} ms sampled per run`);
  for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(v / runs).toFixed(2).padStart(7)}  ${k.slice(0, 150)}`);
  }
}

/** Milestones of one page load in a trace, ms after its navigationStart. */
function milestones(events: TraceEvent[], file: string, painted: number): Record<string, number> {
  const nav = events.find(
    (e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').includes(file),
  );
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && String((e.args?.beginData as { url?: string } | undefined)?.url).includes(file),
  );
  if (!nav || !parse) return {};
  const t0 = nav.ts;
  const at = (ts: number) => (ts - t0) / 1000;
  const on = events
    .filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ts >= t0 && e.ts < t0 + painted * 1000 + 50_000)
    .sort((a, b) => a.ts - b.ts);
  const out: Record<string, number> = {};
  const first = (name: string, key = name, end = false) => {
    const e = on.find((x) => x.name === name);
    if (e) out[key] = at(e.ts + (end ? (e.dur ?? 0) : 0));
  };
  const sum = (name: string, key: string, before = painted) => {
    out[key] = on.filter((x) => x.name === name && at(x.ts) <= before).reduce((a, x) => a + (x.dur ?? 0) / 1000, 0);
  };
  const mark = (name: string, key = name) => {
    const e = events.find((x) => x.name === name && x.pid === parse.pid && x.ts >= t0);
    if (e) out[key] = at(e.ts);
  };
  mark('responseEnd');
  const sends = events.filter((e) => e.name === 'ResourceSendRequest' && e.ts >= t0 && e.ts < t0 + painted * 1000);
  for (const send of sends) {
    const id = send.args?.data?.requestId;
    const url =
      String(send.args?.data?.url ?? '')
        .split('/')
        .pop() ?? '';
    if (url.includes('popup.html') || url.includes('blank.html')) continue;
    const done = events.find((e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === id);
    const name = url.replace(/-(?=[\w-]*[A-Z0-9_])[\w-]{8}\.(js|css)$/, '.$1');
    out[`req ${name} sent`] = at(send.ts);
    if (done) out[`req ${name} done`] = at(done.ts);
  }
  first('RenderFrameImpl::CommitNavigation', 'renderer commit start');
  first('ParseHTML', 'parse start');
  const evals = on.filter((x) => x.name === 'v8.evaluateModule' || x.name === 'EvaluateScript');
  if (evals[0]) out['first script run start'] = at(evals[0].ts);
  const last = evals.filter((x) => at(x.ts) < painted).at(-1);
  if (last) out['last script run end'] = at(last.ts + (last.dur ?? 0));
  sum('v8.evaluateModule', 'Σ module evaluation');
  sum('v8.compileModule', 'Σ module compile');
  sum('ParseAuthorStyleSheet', 'Σ parse style sheets');
  mark('domContentLoadedEventStart', 'DOMContentLoaded');
  first('Document::BeginLifecycleUpdatesIfRenderingReady', 'rendering unblocked');
  sum('UpdateLayoutTree', 'Σ style recalc');
  sum('Layout', 'Σ layout');
  sum('Paint', 'Σ paint');
  const paints = on.filter((x) => x.name === 'Paint' && at(x.ts) <= painted);
  if (paints[0]) out['first Paint (main thread)'] = at(paints[0].ts);
  const commits = on.filter((x) => x.name === 'Commit' && at(x.ts) <= painted);
  if (commits.at(-1)) out['last Commit before painted'] = at(commits.at(-1)?.ts ?? 0);
  mark('firstContentfulPaint', 'FCP (presented)');
  out['probe: painted'] = painted;
  out['Σ main-thread tasks until painted'] = on
    .filter((x) => x.name === 'ThreadControllerImpl::RunTask' && at(x.ts) <= painted)
    .reduce((a, x) => a + (x.dur ?? 0) / 1000, 0);
  return out;
}

/** Opens `file` while tracing; `painted` is when its element (or first paint) was presented. Settles `settleMs`. */
async function traceOpening(
  cdp: Parameters<typeof recordTrace>[0],
  browser: Awaited<ReturnType<typeof launchBench>>,
  file: string,
  settleMs: number,
): Promise<{ events: TraceEvent[]; painted: number }> {
  let painted = 0;
  const { events } = await recordTrace(cdp, CATEGORIES, async () => {
    const page = await browser.open(file);
    const r = await probeResult(page);
    painted = r.elementRender ?? r.paintedAt;
    await sleep(settleMs);
    await page.close();
  });
  return { events, painted };
}

async function main() {
  const services = await startServices();
  installCleanup(() => {
    void closeAllBrowsers().then(() => services.stop());
  });
  try {
    const dir = await buildBenchExtension(services);
    const browser = await launchBench(dir);
    const first = await browser.open(POPUP_PAGE);
    await signIn(browser.context, first, 'Alice');
    await sleep(500);
    await first.close();
    if (mode === 'cold') {
      const page = await browser.open(POPUP_PAGE);
      await probeResult(page);
      await sleep(1000);
      const cdp = await browser.context.newCDPSession(page);
      const before = new Map<string, number>();
      const after = new Map<string, number>();
      const tasks: string[] = [];
      for (let i = 0; i < N + 1; i++) {
        await browser.stopWorker();
        await sleep(100);
        const { events, result } = await recordTrace(cdp, CATEGORIES, async () => (await timeGetState(page)).ms);
        const thread = events.find(
          (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'ServiceWorker thread',
        );
        if (!thread) continue;
        const on = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
        const evaluate = on.find((e) => e.name === 'EvaluateScript');
        if (!evaluate) continue;
        const end = evaluate.ts + (evaluate.dur ?? 0);
        if (i === 0) continue; // warm-up
        add(before, selfTimes(events, thread.pid, thread.tid, evaluate.ts, end));
        add(after, selfTimes(events, thread.pid, thread.tid, end, end + 200_000));
        const first = Math.min(...on.filter((e) => e.ph === 'X').map((e) => e.ts));
        tasks.push(
          `run ${i}: ${result.toFixed(1)} ms; ` +
            on
              .filter((e) => e.ph === 'X' && (e.dur ?? 0) > 300)
              .sort((a, b) => a.ts - b.ts)
              .map((e) => `${e.name}@${((e.ts - first) / 1000).toFixed(1)}+${((e.dur ?? 0) / 1000).toFixed(1)}`)
              .join(' '),
        );
      }
      for (const t of tasks) console.log(t);
      print('worker top level', before, N);
      print('after the top level', after, N);
    } else if (mode === 'paint') {
      const keeper = browser.context.pages()[0];
      if (!keeper) throw new Error('no keeper page');
      const cdp = await browser.context.newCDPSession(keeper);
      const rows: Record<string, Record<string, number[]>> = {};
      for (let i = 0; i < N + 1; i++) {
        for (const file of i % 2 ? [POPUP_PAGE, 'bench-blank.html'] : ['bench-blank.html', POPUP_PAGE]) {
          if (process.env.STOPPED && (await browser.workerRunning())) await browser.stopWorker();
          const { events, painted } = await traceOpening(cdp, browser, file, 200);
          if (i === 0) continue;
          const m = milestones(events, file, painted);
          const row = rows[file] ?? {};
          rows[file] = row;
          for (const [k, v] of Object.entries(m)) row[k] = [...(row[k] ?? []), v];
        }
      }
      const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] ?? Number.NaN;
      const keys = [...new Set(Object.values(rows).flatMap((r) => Object.keys(r)))];
      console.log(`milestone (ms from navigationStart, medians of ${N}) | popup | blank`);
      for (const k of keys) {
        console.log(
          `${k.padEnd(40)} ${med(rows[POPUP_PAGE]?.[k] ?? [])
            .toFixed(1)
            .padStart(7)} ${med(rows['bench-blank.html']?.[k] ?? [])
            .toFixed(1)
            .padStart(7)}`,
        );
      }
    } else if (mode === 'frames') {
      // One popup opening, every thread of its renderer (and the GPU/viz process) from DOMContentLoaded to FCP.
      const keeper = browser.context.pages()[0];
      if (!keeper) throw new Error('no keeper page');
      const cdp = await browser.context.newCDPSession(keeper);
      for (let i = 0; i < N + 1; i++) {
        const file = process.env.PAGE ?? POPUP_PAGE;
        if (process.env.STOPPED && (await browser.workerRunning())) await browser.stopWorker();
        const { events, painted } = await traceOpening(cdp, browser, file, 200);
        if (i === 0) continue;
        const nav = events.find(
          (e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').includes(file),
        );
        const parse = events.find(
          (e) =>
            e.name === 'ParseHTML' && String((e.args?.beginData as { url?: string } | undefined)?.url).includes(file),
        );
        if (!nav || !parse) continue;
        const t0 = nav.ts;
        const names = new Map<string, string>();
        for (const e of events) {
          if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
          if (e.ph === 'M' && e.name === 'process_name') names.set(`${e.pid}`, String(e.args?.name));
        }
        const from = Number(process.env.FROM ?? 0) * 1000 + t0;
        const to = t0 + (painted + 5) * 1000;
        console.log(`\nrun ${i}: ${file} painted ${painted.toFixed(1)}`);
        const shown = events
          .filter((e) => e.ph === 'X' && e.ts >= from && e.ts <= to && (e.dur ?? 0) >= Number(process.env.MIN ?? 300))
          .filter(
            (e) =>
              !/^(ThreadControllerImpl::RunTask|ThreadPool_RunTask|SimpleWatcher::OnHandleReady|Receive mojo message|Receive mojo reply|TaskGraphRunner::RunTask)$/.test(
                e.name,
              ),
          )
          .sort((a, b) => a.ts - b.ts);
        for (const e of shown) {
          const thread = names.get(`${e.pid}:${e.tid}`) ?? `${e.tid}`;
          const proc = e.pid === parse.pid ? 'R' : (names.get(`${e.pid}`) ?? String(e.pid)).slice(0, 8);
          const url = String(e.args?.data?.url ?? e.args?.data?.functionName ?? e.args?.data?.type ?? '');
          console.log(
            `${((e.ts - t0) / 1000).toFixed(1).padStart(7)} +${((e.dur ?? 0) / 1000).toFixed(1).padStart(5)} ${proc}/${thread.slice(0, 22).padEnd(22)} ${e.name} ${url.split('/').pop()}`,
          );
        }
        for (const e of events.filter(
          (x) => /firstContentfulPaint|domContentLoadedEventStart/.test(x.name) && x.pid === parse.pid && x.ts >= t0,
        )) {
          console.log(`${((e.ts - t0) / 1000).toFixed(1).padStart(7)}  mark ${e.name}`);
        }
      }
    } else if (mode === 'popup') {
      const keeper = browser.context.pages()[0];
      if (!keeper) throw new Error('no keeper page');
      const cdp = await browser.context.newCDPSession(keeper);
      const totals = new Map<string, number>();
      for (let i = 0; i < N + 1; i++) {
        const { events, painted } = await traceOpening(cdp, browser, POPUP_PAGE, 300);
        if (i === 0) continue;
        const nav = events.find(
          (e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').includes('popup.html'),
        );
        const commit = events.filter(
          (e) =>
            e.name === 'ParseHTML' &&
            String(e.args?.beginData && (e.args.beginData as { url?: string }).url).includes('popup.html'),
        );
        const main = commit[0];
        if (!main) {
          console.log('no ParseHTML found');
          continue;
        }
        const t0 = nav?.ts ?? main.ts;
        const on = events
          .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= t0 - 50_000)
          .sort((a, b) => a.ts - b.ts);
        console.log(`\nrun ${i}: painted ${painted.toFixed(1)} (nav found ${!!nav})`);
        const KEEP = new Set([
          'ParseHTML',
          'EvaluateScript',
          'v8.evaluateModule',
          'v8.compileModule',
          'v8.compile',
          'FunctionCall',
          'UpdateLayoutTree',
          'Layout',
          'Paint',
          'PrePaint',
          'Layerize',
          'Commit',
          'TimerFire',
          'FireAnimationFrame',
          'RunMicrotasks',
          'ResourceSendRequest',
          'ResourceFinish',
          'ResourceReceiveResponse',
          'MarkDOMContent',
          'firstContentfulPaint',
          'BeginMainFrame',
          'WebFrameWidgetImpl::BeginMainFrame',
          'Document::BeginLifecycleUpdatesIfRenderingReady',
          'ParseAuthorStyleSheet',
          'ScheduleStyleRecalculation',
          'EventDispatch',
          'HTMLDocumentParser::RunScriptsForPausedTreeBuilder',
          'LocalWindowProxy::Initialize',
          'DocumentLoader::CommitNavigation',
          'RenderFrameImpl::CommitNavigation',
        ]);
        const marks = events
          .filter(
            (e) => (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b') && e.ts >= t0 && e.ts < t0 + 400_000,
          )
          .filter((e) =>
            /firstContentfulPaint|firstPaint|MarkDOMContent|MarkLoad|domContentLoaded|navigationStart|PaintTimingVisualizer|largestContentfulPaint|commitNavigationEnd|responseEnd/.test(
              e.name,
            ),
          );
        for (const e of marks)
          console.log(
            `  ${((e.ts - t0) / 1000).toFixed(1).padStart(7)}  [mark ${e.ph}] ${e.name} ${e.pid === main.pid ? '' : 'other'}`,
          );
        for (const e of on) {
          if (!KEEP.has(e.name) || (e.dur ?? 0) < 200) continue;
          const url = String(
            e.args?.data?.url ??
              (e.args?.beginData as { url?: string } | undefined)?.url ??
              e.args?.data?.functionName ??
              e.args?.data?.type ??
              '',
          );
          console.log(
            `  ${((e.ts - t0) / 1000).toFixed(1).padStart(7)} +${((e.dur ?? 0) / 1000).toFixed(1).padStart(5)} ${e.name} ${url.split('/').pop()}`,
          );
        }
        const others = events.filter(
          (e) =>
            e.ph === 'X' &&
            e.ts >= t0 &&
            e.ts < t0 + painted * 1000 &&
            (e.pid !== main.pid || e.tid !== main.tid) &&
            (e.dur ?? 0) > 2000,
        );
        for (const e of others.slice(0, 30)) {
          console.log(
            `  [${e.pid}:${e.tid}] ${((e.ts - t0) / 1000).toFixed(1).padStart(7)} +${((e.dur ?? 0) / 1000).toFixed(1).padStart(5)} ${e.name}`,
          );
        }
        add(totals, selfTimes(events, main.pid, main.tid, t0, t0 + painted * 1000));
      }
      print('popup main thread, navigation → painted', totals, N);
    }
    await browser.close();
  } finally {
    await closeAllBrowsers();
    await services.stop();
    killAllTargets();
  }
}

await main();
