/** `npm run bench`'s results as data (bench/results.json) and as Markdown (bench/results.md). */
import type { TopLevelDiagnosis } from './diagnose-worker.ts';
import type { PartSize } from './measure-bundle.ts';
import type { ColdStartBreakdown, ColdStartRun } from './measure-cold-start.ts';
import type { PaintComparison, PaintRun } from './measure-popup-paint.ts';
import type { BigAnswerResult, CallRun } from './measure-scale.ts';
import { medianSteps, type SignInResult, type SignInSteps } from './measure-sign-in.ts';
import type { ToolbarPaintComparison, ToolbarPaintRun } from './measure-toolbar-paint.ts';
import type { ToolbarSignInRun } from './measure-toolbar-sign-in.ts';
import type { ProxyFigures } from './proxy-figures.ts';
import { type Summary, summarize } from './summary.ts';

export const TARGETS = {
  paintRatio: 1.2,
  signInMs: 150,
  coldStartMs: 50,
  /** "Under 20 KB gzip", read strictly: 20 000 bytes (20 KiB would be 20 480). */
  popupGzipBytes: 20_000,
  /** Scale targets are this bench's own (the issue asks only that the popup and worker keep up). */
  getStateMs: 16,
  bigAnswerMs: 1000,
  frameGapMs: 100,
};

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string;
  playwright: string;
  commit: string;
  /** 1-minute load average at the start and the end, and the machine's busy CPU during the run (% of one core). */
  loadAverage: { start: number; end: number };
  machineBusyPct: number;
}

export interface Settings {
  runs: number;
  warmup: number;
  signInRuns: number;
  signInWarmup: number;
  signInTraces: number;
  coldStartTraces: number;
  scaleConnections: number;
  bigAnswerBytes: number;
  bigAnswerRuns: number;
  only: string[] | null;
}

export interface Results {
  date: string;
  durationSec: number;
  machine: Machine;
  settings: Settings;
  bundle?: PartSize[];
  signIn?: SignInResult;
  /** Sign-ins begun from a popup that is gone by Approve, timed in the toolbar popup the worker opens again. */
  signInToolbar?: ToolbarSignInRun[];
  paint?: PaintComparison;
  /** The same with the service worker stopped before each page (the packaged popup page and its pre-paint script). */
  paintStopped?: PaintComparison;
  /** The popup as Chrome opens it from the toolbar (`action.openPopup()`), against the blank page opened so. */
  toolbarPaint?: ToolbarPaintComparison;
  /** The same with the service worker stopped before each popup. */
  toolbarPaintStopped?: ToolbarPaintComparison;
  coldStart?: { runs: ColdStartRun[]; traces: ColdStartBreakdown[]; warmOneConnection: number[] };
  diagnosis?: TopLevelDiagnosis;
  scale?: { connections: number; paint: PaintComparison; warmGetState: number[]; warmOneConnection: number[] };
  bigAnswer?: BigAnswerResult;
  proxy?: ProxyFigures[];
}

export interface Verdict {
  figure: string;
  measured: string;
  baseline: string;
  target: string;
  /** null: reported, no target. */
  pass: boolean | null;
}

// ------------------------------------------------------------------------------------------ formatting

const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const ms = (s: Summary, digits = 1) => `${f(s.median, digits)} ms (${f(s.p25, digits)}–${f(s.p75, digits)})`;
const kb = (bytes: number) => `${bytes} B (${f(bytes / 1024, 1)} KB)`;
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
const verdictWord = (pass: boolean | null) => (pass === null ? '—' : pass ? 'PASS' : 'FAIL');

const painted = (runs: PaintRun[]) => summarize(runs.map((r) => r.paintedMs));

// ------------------------------------------------------------------------------------------ verdicts

function paintVerdicts(name: string, paint: PaintComparison): Verdict[] {
  const popup = painted(paint.popup);
  const blank = painted(paint.blank);
  const ratio = popup.median / blank.median;
  const floor = paint.floor && paint.floor.length > 0 ? painted(paint.floor) : null;
  const profileFirst = paint.popup.filter((r) => r.frames.firstContentfulHasTarget && r.frames.busyBefore === 0).length;
  const before = [...new Set(paint.popup.flatMap((r) => r.frames.before))];
  const busyRuns = paint.popup.filter((r) => r.frames.busyBefore > 0).length;
  return [
    {
      figure: `${name}: opened → profile painted`,
      measured: `${ms(popup)}; ratio ${f(ratio, 2)}×${floor ? ` (${f(popup.median / floor.median, 2)}× the floor)` : ''}`,
      baseline:
        `blank page ${ms(blank)}` +
        (floor ? `; floor page ${ms(floor)}, ${f(floor.median / blank.median, 2)}× blank` : ''),
      target: `≤ ${TARGETS.paintRatio}× blank`,
      pass: ratio <= TARGETS.paintRatio,
    },
    {
      figure: `${name}: first frame already shows the profile`,
      measured:
        `${profileFirst} of ${paint.popup.length} runs` +
        (before.length > 0
          ? `; ${busyRuns} showed a spinner/“Loading” first: ${before.map((t) => `“${t}”`).join(', ')}`
          : ''),
      baseline: `blank page: ${paint.blank.filter((r) => r.frames.firstContentfulHasTarget).length} of ${paint.blank.length}`,
      target: 'no spinner or empty frame before the profile',
      pass: profileFirst === paint.popup.length,
    },
  ];
}

function toolbarVerdict(name: string, paint: ToolbarPaintComparison): Verdict {
  const popup = summarize(paint.popup.map((r) => r.paintedMs));
  const blank = summarize(paint.blank.map((r) => r.paintedMs));
  const click = (runs: ToolbarPaintRun[]) => summarize(runs.map((r) => r.clickToPaintMs)).median;
  const ratio = popup.median / blank.median;
  return {
    figure: `${name}: opened → profile painted`,
    measured:
      `${ms(popup)}; ratio ${f(ratio, 2)}× ` +
      `(click → painted ${f(click(paint.popup))} ms, ${f(click(paint.popup) / click(paint.blank), 2)}×)`,
    baseline: `blank page ${ms(blank)} (click → painted ${f(click(paint.blank))} ms)`,
    // Reported, not judged: this paint is presented on the popup's frame clock (16 ms steps here), so one frame
    // more or less moves the ratio by 0.2–0.3× from run to run; the tab rows above carry the target.
    target: '— (frame-quantized; the tab rows are judged)',
    pass: null,
  };
}

export function verdicts(results: Results): Verdict[] {
  const list: Verdict[] = [];
  if (results.paint) list.push(...paintVerdicts('Popup paint, worker running', results.paint));
  if (results.paintStopped) list.push(...paintVerdicts('Popup paint, worker stopped', results.paintStopped));
  if (results.toolbarPaint) list.push(toolbarVerdict('Toolbar popup paint, worker running', results.toolbarPaint));
  if (results.toolbarPaintStopped) {
    list.push(toolbarVerdict('Toolbar popup paint, worker stopped', results.toolbarPaintStopped));
  }
  if (results.signIn) {
    const latency = summarize(results.signIn.runs.map((r) => r.latencyMs));
    list.push({
      figure: 'Sign-in: Approve clicked → profile painted',
      measured: ms(latency),
      baseline: 'emulator and proxy on 127.0.0.1',
      target: `< ${TARGETS.signInMs} ms`,
      pass: latency.median < TARGETS.signInMs,
    });
  }
  if (results.signInToolbar && results.signInToolbar.length > 0) {
    const runs = results.signInToolbar;
    const total = summarize(runs.map((r) => r.latencyMs));
    const ours = summarize(runs.map((r) => r.toOpenPopupMs + r.pageMs));
    const browserPart = summarize(runs.map((r) => r.browserOpenMs));
    const named = runs.filter((r) => r.nameInFirstFrame).length;
    const pinned = runs.every((r) => r.pinned);
    list.push({
      figure: 'Sign-in, toolbar: Approve clicked → the popup that comes back painted with the profile',
      measured: `${ms(total)}; the name in its first frame: ${named} of ${runs.length}`,
      baseline: `ours ${ms(ours)}; Chrome's openPopup() → navigation ${ms(browserPart)} (button ${pinned ? 'pinned' : 'not pinned'})`,
      target: `< ${TARGETS.signInMs} ms, the name in the first frame`,
      pass: total.median < TARGETS.signInMs && named === runs.length,
    });
  }
  if (results.coldStart) {
    const cold = summarize(results.coldStart.runs.map((r) => r.coldMs));
    const warm = summarize(results.coldStart.runs.map((r) => r.warmMs));
    list.push({
      figure: 'Worker cold start: stopped → getState answered',
      measured: ms(cold),
      baseline: `warm round trip ${ms(warm, 2)}`,
      target: `< ${TARGETS.coldStartMs} ms`,
      pass: cold.median < TARGETS.coldStartMs,
    });
  }
  for (const part of results.bundle ?? []) {
    const popup = part.part === 'popup';
    list.push({
      figure: `Bundle: ${part.part}${part.part === 'background' ? ' worker' : ' page'} (gzip -9${popup || part.part === 'options' ? ', loaded before it runs' : ''})`,
      measured: `${kb(part.eagerGzip)} in ${part.eager.length} files, ${part.eagerBytes} B raw`,
      baseline: part.lazy.length > 0 ? `+ ${kb(part.lazyGzip)} fetched later (${part.lazy.length} chunks)` : '—',
      target: popup ? `< ${TARGETS.popupGzipBytes} B (20 KB)` : '—',
      pass: popup ? part.eagerGzip < TARGETS.popupGzipBytes : null,
    });
  }
  for (const proxy of results.proxy ?? []) {
    for (const v of proxy.verdicts) {
      list.push({
        figure: `Proxy (${proxy.connections} conn.): ${v.name}`,
        measured: v.measured,
        baseline: `plain node:http forwarder; ${proxy.file}, ${proxy.date.slice(0, 16).replace('T', ' ')} UTC`,
        target: v.goal,
        pass: v.pass,
      });
    }
  }
  if (results.scale) {
    list.push(...paintVerdicts(`Scale, ${results.scale.connections} connections: popup paint`, results.scale.paint));
    const twenty = summarize(results.scale.warmGetState);
    const one = summarize(results.scale.warmOneConnection);
    list.push({
      figure: `Scale, ${results.scale.connections} connections: getState round trip (warm)`,
      measured: ms(twenty, 2),
      baseline: `1 connection ${ms(one, 2)}`,
      target: `< ${TARGETS.getStateMs} ms (one frame)`,
      pass: twenty.median < TARGETS.getStateMs,
    });
  }
  if (results.bigAnswer) {
    const big = results.bigAnswer.big;
    const normal = results.bigAnswer.normal;
    const bytes = big[0]?.answerBytes ?? 0;
    const gaps = summarize(big.map((r) => r.callMaxGapMs));
    const longest = summarize(big.map((r) => r.longestTaskMs)).median;
    list.push({
      figure: `Scale, ${f(bytes / 1e6, 2)} MB API answer: Call → Response painted`,
      measured: ms(summarize(big.map((r) => r.paintedMs))),
      baseline: `emulator's /me ${ms(summarize(normal.map((r) => r.paintedMs)))}`,
      target: `< ${TARGETS.bigAnswerMs} ms`,
      pass: summarize(big.map((r) => r.paintedMs)).median < TARGETS.bigAnswerMs,
    });
    list.push({
      figure: `Scale, ${f(bytes / 1e6, 2)} MB API answer: longest frame gap during the call`,
      measured: `${ms(gaps)}; longest task over 50 ms: ${longest > 0 ? `${f(longest)} ms` : 'none'} (median of runs)`,
      baseline: `same page idle ${ms(summarize(big.map((r) => r.idleMaxGapMs)))}; emulator's /me ${ms(summarize(normal.map((r) => r.callMaxGapMs)))}`,
      target: `< ${TARGETS.frameGapMs} ms (stays responsive)`,
      pass: gaps.median < TARGETS.frameGapMs,
    });
  }
  return list;
}

// ------------------------------------------------------------------------------------------ details

function runsLine(values: number[], digits = 1): string {
  const s = summarize(values);
  return `n = ${s.n}, median ${f(s.median, digits)}, p25 ${f(s.p25, digits)}, p75 ${f(s.p75, digits)}, min ${f(s.min, digits)}, max ${f(s.max, digits)} ms`;
}

const present = (values: Array<number | null>) => values.filter((v): v is number => v !== null);

function loadLines(name: string, runs: PaintRun[]): string[] {
  return [
    `  - ${name} HTML received: ${runsLine(present(runs.map((r) => r.load.htmlMs)))}`,
    `  - ${name} DOMContentLoaded (parsed, and its module scripts, if any, run): ${runsLine(present(runs.map((r) => r.load.domContentLoadedMs)))}`,
  ];
}

function toolbarDetails(paint: ToolbarPaintComparison): string[] {
  const line = (name: string, runs: ToolbarPaintRun[]) => [
    `- ${name} first-contentful-paint (its first visible frame): ${runsLine(runs.map((r) => r.paintedMs))}`,
    `- ${name} openPopup() → that paint: ${runsLine(runs.map((r) => r.clickToPaintMs))}`,
    `- ${name} load event end (Chrome shows a toolbar popup after it): ${runsLine(runs.map((r) => r.loadMs))}`,
    `- ${name} shown (visibility-state "visible"): ${runsLine(runs.flatMap((r) => (r.visibleMs === null ? [] : [r.visibleMs])))}`,
  ];
  const withName = paint.popup.filter((r) => r.heading !== null && r.heading !== 'Blank').length;
  return [
    `Opened with \`action.openPopup()\` from an extension page in the same window, as the toolbar button opens it ` +
      '(sandbox/toolbar-popup.ts); the blank page the same way after `action.setPopup`. Chrome keeps such a popup ' +
      'hidden until its page has loaded, so its first contentful paint is its first visible frame.',
    '',
    `- popup page from the worker (kept frame in its HTML): ${paint.popup.filter((r) => r.fromWorker).length} of ${paint.popup.length} runs; otherwise the packaged page and its pre-paint script`,
    `- the profile's name in the page once loaded: ${withName} of ${paint.popup.length} runs`,
    ...line('popup', paint.popup),
    ...line('blank', paint.blank),
  ];
}

/** How many runs each clock timed, in the order first-contentful-paint / Element Timing / marker. */
const clocks = (runs: PaintRun[]) =>
  (['first-contentful-paint', 'element-timing', 'main-thread-marker'] as const)
    .map((clock) => runs.filter((run) => run.clock === clock).length)
    .join(' / ');

function paintDetails(paint: PaintComparison): string[] {
  const timed = paint.popup.flatMap((r) => (r.getState ? [r.getState] : []));
  const fcp = (runs: PaintRun[]) => runs.map((r) => r.fcpMs).filter((v): v is number => v !== null);
  const fromWorker = paint.popup.filter((r) => r.fromWorker).length;
  return [
    `- popup page from the worker (kept frame in its HTML): ${fromWorker} of ${paint.popup.length} runs; otherwise the packaged page and its pre-paint script`,
    `- clocks (first-contentful-paint / Element Timing / main-thread marker): popup ${clocks(paint.popup)}, blank ${clocks(paint.blank)}`,
    `- popup painted: ${runsLine(paint.popup.map((r) => r.paintedMs))}`,
    `- popup, the task after that frame on the main thread: ${runsLine(paint.popup.map((r) => r.mainThreadMs))}`,
    `- popup heading in the DOM: ${runsLine(paint.popup.map((r) => r.inDomMs))}`,
    `- popup first-contentful-paint: ${runsLine(fcp(paint.popup))}`,
    ...loadLines('popup', paint.popup),
    `- blank painted: ${runsLine(paint.blank.map((r) => r.paintedMs))}`,
    `- blank, the task after that frame on the main thread: ${runsLine(paint.blank.map((r) => r.mainThreadMs))}`,
    ...loadLines('blank', paint.blank),
    `- blank first-contentful-paint: ${runsLine(fcp(paint.blank))}`,
    ...(paint.floor && paint.floor.length > 0
      ? [
          `- floor painted (one script file, one heading from the kept frame): ${runsLine(paint.floor.map((r) => r.paintedMs))}`,
          `- floor heading in the DOM: ${runsLine(paint.floor.map((r) => r.inDomMs))}`,
          `- clocks, floor: ${clocks(paint.floor)}`,
        ]
      : []),
    `- popup frames with text before the profile: ${runsLine(
      paint.popup.map((r) => r.frames.contentfulBefore),
      0,
    ).replaceAll(' ms', '')}`,
    ...(timed.length > 0
      ? [
          `- popup's getState sent (its script running): ${runsLine(timed.map((g) => g.sentMs))}`,
          `- popup's getState answered: ${runsLine(timed.map((g) => g.answeredMs))}`,
          `- popup's getState round trip: ${runsLine(
            timed.map((g) => g.answeredMs - g.sentMs),
            2,
          )}`,
        ]
      : []),
  ];
}

const SIGN_IN_STEPS: Array<[keyof SignInSteps, string]> = [
  ['latencyMs', 'Approve → profile painted (traced)'],
  ['clickToPost', 'the click reaches the browser as the consent form’s POST'],
  ['consentAnswer', 'the emulator answers the POST with the redirect to chromiumapp.org'],
  ['redirectToExchange', 'the identity API catches the redirect → the worker sends the code to the proxy'],
  ['exchange', 'POST /token at the proxy (which exchanges the code with the emulator)'],
  ['exchangeToMe', 'the token answer read → GET /me sent'],
  ['me', 'GET /me'],
  ['meToPainted', '/me read → the popup’s frame with the profile painted (connection stored, popup answered)'],
  ['meToGravatar', '(not on the path) /me read → the Gravatar look-up sent, after the answer'],
  ['gravatar', '(not on the path) the Gravatar look-up'],
];

function signInDetails(signIn: SignInResult): string[] {
  const lines = [
    `- Approve → profile painted: ${runsLine(signIn.runs.map((r) => r.latencyMs))}`,
    `- Approve → profile in the popup's DOM: ${runsLine(signIn.runs.map((r) => r.toDomMs))}`,
    `- clock alignment between the two pages: ${runsLine(
      signIn.runs.map((r) => r.clockSkewMs),
      2,
    )}`,
  ];
  if (signIn.steps.length > 0) {
    const medians = medianSteps(signIn.steps);
    lines.push(
      '',
      `Where a sign-in goes (medians of ${signIn.steps.length} DevTools-traced sign-ins, not among the timed runs; tracing slows every step, so read the shares; each run's steps on the path add up to its traced total):`,
      '',
      table(
        ['step', 'ms (median)', 'min–max'],
        SIGN_IN_STEPS.map(([key, label]) => {
          const s = summarize(signIn.steps.map((step) => step[key]));
          return [label, f(medians[key]), `${f(s.min)}–${f(s.max)}`];
        }),
      ),
    );
  }
  return lines;
}

function coldDetails(cold: NonNullable<Results['coldStart']>): string[] {
  const lines = [
    `- cold: ${runsLine(cold.runs.map((r) => r.coldMs))}`,
    `- warm (right after): ${runsLine(
      cold.runs.map((r) => r.warmMs),
      2,
    )}`,
    `- warm (settled, 1 connection): ${runsLine(cold.warmOneConnection, 2)}`,
    `- stopping the worker (closeTarget + polling): ${runsLine(cold.runs.map((r) => r.stopMs))}`,
  ];
  if (cold.traces.length > 0) {
    const keys: Array<[keyof ColdStartBreakdown, string]> = [
      ['roundTripMs', 'round trip (traced)'],
      ['outsideWorkerThreadMs', 'outside the worker thread: starting the worker, routing the message and answer'],
      ['threadStartMs', 'worker thread + V8 isolate start, script read'],
      ['compileMs', 'compile background.js (from the code cache)'],
      ['topLevelMs', 'run background.js’s top level'],
      ['gcInTopLevelMs', '… of which garbage collection'],
      ['afterTopLevelMs', 'after the top level: the getState answer (storage reads, parsing)'],
    ];
    lines.push(
      '',
      `Where a cold start goes (medians of ${cold.traces.length} DevTools-traced cold starts, not among the timed runs; tracing slows them a little):`,
      '',
      table(
        ['step', 'ms (median)', 'min–max'],
        keys.map(([key, label]) => {
          const s = summarize(cold.traces.map((t) => t[key]));
          return [label, f(s.median), `${f(s.min)}–${f(s.max)}`];
        }),
      ),
    );
  }
  return lines;
}

function diagnosisDetails(d: TopLevelDiagnosis): string[] {
  const ours = d.modules.filter((m) => /^(utils|components|entrypoints)\//.test(m.module));
  const share = (list: typeof d.modules) => list.reduce((sum, m) => sum + m.share, 0);
  const zod = d.modules.filter((m) => m.module === 'zod (library)');
  const gc = d.modules.filter((m) => m.module === 'garbage collection');
  const top = d.modules.slice(0, 12);
  return [
    `The top level of background.js, module by module (bench/browser/diagnose-worker.ts: the same code built unminified with one init function per module, run on Node under the CPU profiler, ${d.runs} runs; a module's time is its own top level and what it calls, such as zod building its schemas, without the modules it imports). On Node the real background.js (${d.real.bytes} B) compiles in ${f(d.real.compileMs)} ms and runs its top level in ${f(d.real.runMs)} ms (no code cache there; the wrapped build runs in ${f(d.wrapped.runMs)} ms).`,
    '',
    `- our modules (utils/, entrypoints/) building their zod schemas and constants: ${f(share(ours) * 100, 0)}% of the top level`,
    `- zod's own modules loading: ${f(share(zod) * 100, 0)}%`,
    `- garbage collection: ${f(share(gc) * 100, 0)}%`,
    '',
    table(
      ['module', 'share of the top level', 'ms on Node (profiled)'],
      top.map((m) => [m.module, `${f(m.share * 100, 1)}%`, f(m.ms, 1)]),
    ),
  ];
}

function bundleDetails(parts: PartSize[]): string[] {
  const rows = parts.flatMap((part) => [
    ...part.eager.map((file) => [part.part, file.file, 'eager', String(file.bytes), String(file.gzipBytes)]),
    ...part.lazy.map((file) => [part.part, file.file, 'later (import())', String(file.bytes), String(file.gzipBytes)]),
  ]);
  return [table(['part', 'file', 'loaded', 'bytes', 'gzip -9 bytes'], rows)];
}

function callDetails(runs: CallRun[]): string[] {
  return [
    `  - Call → Response painted: ${runsLine(runs.map((r) => r.paintedMs))}`,
    `  - longest frame gap, idle before the click: ${runsLine(runs.map((r) => r.idleMaxGapMs))}`,
    `  - longest frame gap, from the click to 300 ms after: ${runsLine(runs.map((r) => r.callMaxGapMs))}`,
    `  - longest task over 50 ms (0: none): ${runsLine(runs.map((r) => r.longestTaskMs))}; all of them together: ${runsLine(runs.map((r) => r.longTasksMs))}`,
    `  - characters shown in the Response region: ${summarize(runs.map((r) => r.shownChars)).median}`,
  ];
}

// ------------------------------------------------------------------------------------------ the document

export function renderMarkdown(results: Results, list: Verdict[], diagnosis: string[]): string {
  const m = results.machine;
  const s = results.settings;
  const out: string[] = [
    '# Browser benchmarks (`npm run bench`)',
    '',
    `${results.date} · ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB · ${m.os} · ${m.chromium} (headless) · ` +
      `playwright-core ${m.playwright} · Node ${m.node} · commit ${m.commit} · ${f(results.durationSec, 0)} s`,
    '',
    `Load average ${f(m.loadAverage.start, 2)} at the start, ${f(m.loadAverage.end, 2)} at the end; the machine was ` +
      `${f(m.machineBusyPct, 0)}% busy (of ${m.cpus * 100}%, the bench itself included) during the run. The machine is shared: figures are ` +
      'medians with p25–p75, each against its baseline measured in the same run.',
    '',
    `Runs: ${s.runs} timed after ${s.warmup} warm-up (paint, cold start), sign-in ${s.signInRuns} after ${s.signInWarmup}, ` +
      `${s.coldStartTraces} traced cold starts, ${s.scaleConnections} connections, ${s.bigAnswerRuns} console calls ` +
      `of ${s.bigAnswerBytes} B.${s.only ? ` Only: ${s.only.join(', ')}.` : ''}`,
    '',
    '## Targets',
    '',
    table(
      ['figure', 'measured: median (p25–p75)', 'baseline, same run', 'target', 'verdict'],
      list.map((v) => [v.figure, v.measured, v.baseline, v.target, verdictWord(v.pass)]),
    ),
    '',
  ];
  if (diagnosis.length > 0) out.push('## Why the misses miss', '', ...diagnosis, '');
  if (results.paint) out.push('## Popup paint, worker running', '', ...paintDetails(results.paint), '');
  if (results.paintStopped) {
    out.push('## Popup paint, worker stopped before each page', '', ...paintDetails(results.paintStopped), '');
  }
  for (const [title, paint] of [
    ['## Toolbar popup paint, worker running', results.toolbarPaint],
    ['## Toolbar popup paint, worker stopped before each popup', results.toolbarPaintStopped],
  ] as const) {
    if (paint) out.push(title, '', ...toolbarDetails(paint), '');
  }
  if (results.signIn) out.push('## Sign-in', '', ...signInDetails(results.signIn), '');
  if (results.signInToolbar && results.signInToolbar.length > 0) {
    const runs = results.signInToolbar;
    out.push(
      '## Sign-in, toolbar popup',
      '',
      'The popup that clicked "Log in" is closed before Approve (a toolbar popup is gone by then); the worker opens the ' +
        'toolbar popup again, and its own entries time it: Element Timing of the name, first-contentful-paint.',
      '',
      `- Approve → the name painted in the popup that came back: ${runsLine(runs.map((r) => r.latencyMs))}`,
      `- Approve → the worker calls \`action.openPopup()\` (the sign-in, then the worker's own steps): ${runsLine(runs.map((r) => r.toOpenPopupMs))}`,
      `- \`openPopup()\` → the popup's navigation starts (Chrome's own part): ${runsLine(runs.map((r) => r.browserOpenMs))}`,
      `- the popup's navigation → the name painted: ${runsLine(runs.map((r) => r.pageMs))}`,
      `- ours (Approve → \`openPopup()\`, plus navigation → painted): ${runsLine(runs.map((r) => r.toOpenPopupMs + r.pageMs))}`,
      `- its first contentful frame showed the name: ${runs.filter((r) => r.nameInFirstFrame).length} of ${runs.length}`,
      `- its page came from the worker, with the state in it: ${runs.filter((r) => r.fromWorker).length} of ${runs.length}`,
      `- the extension's button pinned to the toolbar: ${runs.filter((r) => r.pinned).length} of ${runs.length} (unpinned, Chrome pops it out before it opens the popup: ~260 ms here)`,
      '',
    );
  }
  if (results.coldStart) out.push('## Worker cold start', '', ...coldDetails(results.coldStart), '');
  if (results.diagnosis) out.push('### The worker’s top level', '', ...diagnosisDetails(results.diagnosis), '');
  if (results.bundle) out.push('## Bundle', '', ...bundleDetails(results.bundle), '');
  if (results.scale) {
    out.push(
      `## Scale: ${results.scale.connections} connections`,
      '',
      ...paintDetails(results.scale.paint),
      `- getState warm, ${results.scale.connections} connections: ${runsLine(results.scale.warmGetState, 2)}`,
      `- getState warm, 1 connection: ${runsLine(results.scale.warmOneConnection, 2)}`,
      '',
    );
  }
  if (results.bigAnswer) {
    out.push(
      '## Scale: a big API answer in the console',
      '',
      `- ${results.bigAnswer.big[0]?.answerBytes ?? 0} B answer (context.route on the console's /me call):`,
      ...callDetails(results.bigAnswer.big),
      "- the emulator's own /me answer:",
      ...callDetails(results.bigAnswer.normal),
      '',
    );
  }
  out.push(
    '## How to reproduce',
    '',
    '`npm run bench` (Debian’s Chromium at /usr/bin/chromium or `CHROME_PATH`); `npm run bench -- --help` for the options; ' +
      'how each figure is measured: [bench/README.md](README.md). What was found and changed for the popup paint, the ' +
      'sign-in and the worker cold start, with before/after measured in turns: ' +
      '[results/extension-diagnosis.md](results/extension-diagnosis.md).',
    '',
  );
  return out.join('\n');
}
