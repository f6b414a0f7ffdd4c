/**
 * `npm run bench`: the extension in Debian's Chromium (headless) against the emulator and the token proxy on
 * 127.0.0.1, each figure side by side with its baseline in the same run. Writes bench/results.json and
 * bench/results.md (also printed). How each figure is measured: bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { chromiumPath } from '../../sandbox/launch-chromium.ts';
import { benchFlags, intFlag as int } from '../lib/args.ts';
import { installCleanup, killAllTargets } from '../lib/children.ts';
import { machineCpuPercent, readMachineCpu } from '../lib/machine-cpu.ts';
import { diagnoseWorkerTopLevel } from './diagnose-worker.ts';
import { diagnose } from './diagnosis.ts';
import { signIn } from './flows.ts';
import { type BenchBrowser, BLANK_PAGE, closeAllBrowsers, launchBench, POPUP_PAGE } from './launch.ts';
import { measureBundle } from './measure-bundle.ts';
import { measureColdStart } from './measure-cold-start.ts';
import { measurePopupPaint } from './measure-popup-paint.ts';
import { measureBigAnswer, seedConnections, warmGetState } from './measure-scale.ts';
import { measureSignIn } from './measure-sign-in.ts';
import { measureToolbarPaint } from './measure-toolbar-paint.ts';
import { measureToolbarSignIn } from './measure-toolbar-sign-in.ts';
import { probeResult } from './probe.ts';
import { readProxyFigures, runProxyBench, stopProxyBench } from './proxy-figures.ts';
import { type Machine, type Results, renderMarkdown, type Settings, verdicts } from './report.ts';
import { type BenchServices, buildBenchExtension, ROOT, startServices } from './services.ts';
import { sleep } from './summary.ts';

const PHASES = ['bundle', 'sign-in', 'paint', 'cold-start', 'scale', 'big-answer', 'diagnose', 'proxy'] as const;
type Phase = (typeof PHASES)[number];
/** Nothing here should take this long; a hang ends the run (and every child) instead of waiting forever. */
const WATCHDOG_MS = 20 * 60 * 1000;

const USAGE = `npm run bench [-- options]
  --runs N           timed runs of the paint, cold-start and getState figures (default 20)
  --warmup N         warm-up runs before them (default 5)
  --sign-in-runs N   timed sign-ins (default 15, after 2 warm-up)
  --big-runs N       console calls of each kind for the big-answer figure (default 7, after 1 warm-up)
  --big-bytes N      size of the big API answer (default 1000000)
  --only LIST        some of: ${PHASES.join(', ')} (comma-separated)
  --with-proxy       re-run npm run bench:proxy first (about 2.5 minutes) instead of reading its last results
  --no-diagnose      skip the per-module profile of the worker's top level
  --out NAME         write bench/NAME.json and bench/NAME.md (default results)
  --check            exit 1 when a target is missed
  --rerender         measure nothing: write bench/NAME.md again from bench/NAME.json`;

const flags = benchFlags('npm run bench', USAGE, {
  runs: { type: 'string' },
  warmup: { type: 'string' },
  'sign-in-runs': { type: 'string' },
  'big-runs': { type: 'string' },
  'big-bytes': { type: 'string' },
  only: { type: 'string' },
  'with-proxy': { type: 'boolean', default: false },
  'no-diagnose': { type: 'boolean', default: false },
  out: { type: 'string', default: 'results' },
  check: { type: 'boolean', default: false },
  rerender: { type: 'boolean', default: false },
});

const only = flags.only?.split(',').map((p) => p.trim()) ?? null;
const unknown = only?.filter((p) => !(PHASES as readonly string[]).includes(p)) ?? [];
if (unknown.length > 0 || !/^[\w.-]+$/.test(flags.out)) {
  const wrong =
    unknown.length > 0 ? `--only: no such figure: ${unknown.join(', ')}` : '--out must be a plain file name';
  process.stderr.write(`npm run bench: ${wrong}\n\n${USAGE}\n`);
  process.exit(64);
}
const wants = (phase: Phase) =>
  (only === null || only.includes(phase)) && !(phase === 'diagnose' && flags['no-diagnose']);

const settings: Settings = {
  runs: int('runs', flags.runs, 20, 1, 200),
  warmup: int('warmup', flags.warmup, 5, 0, 50),
  signInRuns: int('sign-in-runs', flags['sign-in-runs'], 15, 1, 100),
  signInWarmup: 2,
  signInTraces: 3,
  coldStartTraces: 5,
  scaleConnections: 20,
  bigAnswerBytes: int('big-bytes', flags['big-bytes'], 1_000_000, 1000, 50_000_000),
  bigAnswerRuns: int('big-runs', flags['big-runs'], 7, 1, 50),
  only,
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

// ------------------------------------------------------------------------------------------ cleanup

let services: BenchServices | undefined;
let interrupted = false;
async function stopEverything(): Promise<void> {
  stopProxyBench();
  await closeAllBrowsers();
  await services?.stop();
  killAllTargets();
}
installCleanup((signal) => {
  interrupted = true;
  log(`${signal}: stopping the browsers and every child process`);
  void stopEverything().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
});
const watchdog = setTimeout(() => {
  log(`still running after ${WATCHDOG_MS / 60_000} minutes: giving up`);
  void stopEverything().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

// ------------------------------------------------------------------------------------------ the run

function machine(): Omit<Machine, 'loadAverage' | 'machineBusyPct'> {
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
      .version;
  const quiet = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  let commit = quiet('git', ['rev-parse', '--short', 'HEAD']);
  if (quiet('git', ['status', '--porcelain', '--', 'entrypoints', 'components', 'utils']) !== '') {
    commit += ' (with uncommitted changes)';
  }
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: quiet(chromiumPath() ?? '/usr/bin/chromium', ['--version']),
    playwright: version('playwright-core'),
    commit,
  };
}

/** A popup page, signed in, painted and left to settle (its own refresh and health check). */
async function settledPopup(browser: BenchBrowser, settleMs: number) {
  const popup = await browser.open(POPUP_PAGE);
  await probeResult(popup);
  await sleep(settleMs);
  return popup;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadStart = os.loadavg()[0] ?? Number.NaN;
  const cpuStart = readMachineCpu();
  const info = machine();
  log(`${info.cpus} × ${info.cpuModel}, ${info.chromium}, load ${loadStart.toFixed(2)}; ${JSON.stringify(settings)}`);
  const results: Partial<Results> = {};

  if (flags['with-proxy'] && wants('proxy')) {
    log('running npm run bench:proxy (about 2.5 minutes)');
    await runProxyBench();
  }
  if (wants('proxy')) results.proxy = readProxyFigures();

  const browserPhases: Phase[] = ['sign-in', 'paint', 'cold-start', 'scale', 'big-answer'];
  const needsBuild = browserPhases.some(wants) || wants('bundle') || wants('diagnose');
  if (needsBuild) {
    services = await startServices();
    log(`emulator ${services.urls.emulator}, proxy ${services.proxy.url}; building into .output/bench-browser`);
    const extensionDir = await buildBenchExtension(services);
    if (wants('bundle')) results.bundle = measureBundle(extensionDir);

    if (['sign-in', 'paint', 'cold-start', 'scale'].some((p) => wants(p as Phase))) {
      const browser = await launchBench(extensionDir);
      try {
        if (wants('sign-in')) {
          log(
            `sign-in: ${settings.signInWarmup} + ${settings.signInRuns} whole flows, ${settings.signInTraces} traced`,
          );
          results.signIn = await measureSignIn(browser, {
            warmup: settings.signInWarmup,
            runs: settings.signInRuns,
            traced: settings.signInTraces,
            settleMs: 300,
          });
          log(`sign-in through the toolbar popup: ${settings.signInWarmup} + ${settings.signInRuns} whole flows`);
          const opener = await browser.open(BLANK_PAGE);
          results.signInToolbar = await measureToolbarSignIn(browser, opener, {
            warmup: settings.signInWarmup,
            runs: settings.signInRuns,
            settleMs: 300,
          });
          await opener.close();
        }
        // Signed in once, through the real flow: the profile is cached from here on.
        const first = await browser.open(POPUP_PAGE);
        await signIn(browser.context, first, 'Alice');
        await sleep(500);
        await first.close();
        if (wants('paint')) {
          log(`popup paint: ${settings.warmup} + ${settings.runs} rounds (popup, blank page, floor page)`);
          results.paint = await measurePopupPaint(browser, { ...settings, settleMs: 300, floor: true });
          log(`popup paint, worker stopped before each page: ${settings.warmup} + ${settings.runs} rounds`);
          results.paintStopped = await measurePopupPaint(browser, {
            ...settings,
            settleMs: 300,
            workerStopped: true,
            floor: true,
          });
          // The toolbar popups open in the window of an extension page kept in a tab meanwhile.
          const opener = await browser.open(BLANK_PAGE);
          log(`toolbar popup paint: ${settings.warmup} + ${settings.runs} pairs (popup, blank page)`);
          results.toolbarPaint = await measureToolbarPaint(browser, opener, { ...settings, settleMs: 300 });
          log(`toolbar popup paint, worker stopped before each popup: ${settings.warmup} + ${settings.runs} pairs`);
          results.toolbarPaintStopped = await measureToolbarPaint(browser, opener, {
            ...settings,
            settleMs: 300,
            workerStopped: true,
          });
          await opener.close();
        }
        if (wants('cold-start') || wants('scale')) {
          const popup = await settledPopup(browser, 1000);
          log(
            `worker cold start: ${settings.warmup} + ${settings.runs} cold/warm pairs, ${settings.coldStartTraces} traced`,
          );
          const cold = await measureColdStart(browser, popup, {
            warmup: settings.warmup,
            runs: settings.runs,
            traced: settings.coldStartTraces,
            pauseMs: 100,
          });
          const warmOne = await warmGetState(popup, settings.runs);
          results.coldStart = { ...cold, warmOneConnection: warmOne };
          if (wants('scale')) {
            log(`scale: seeding ${settings.scaleConnections} connections`);
            const connections = await seedConnections(
              browser,
              popup,
              services.control,
              services.urls.proxyToken,
              settings.scaleConnections,
            );
            await popup.close();
            // The first popup with the new connections checks all their tokens; the warm-up absorbs it.
            const paint = await measurePopupPaint(browser, { ...settings, settleMs: 300 });
            const settled = await settledPopup(browser, 1500);
            const warmTwenty = await warmGetState(settled, settings.runs);
            await settled.close();
            results.scale = { connections, paint, warmGetState: warmTwenty, warmOneConnection: warmOne };
          } else {
            await popup.close();
          }
        }
      } finally {
        await browser.close();
      }
    }

    if (wants('big-answer')) {
      log(`big answer: ${settings.bigAnswerRuns} console calls of each kind (${settings.bigAnswerBytes} B and /me)`);
      // Its own browser: context.route needs Playwright to follow the worker's requests.
      const browser = await launchBench(extensionDir, { workerNetwork: true });
      try {
        const first = await browser.open(POPUP_PAGE);
        await signIn(browser.context, first, 'Alice');
        await sleep(500);
        await first.close();
        results.bigAnswer = await measureBigAnswer(browser, services.urls.api, {
          warmup: 1,
          runs: settings.bigAnswerRuns,
          bytes: settings.bigAnswerBytes,
        });
      } finally {
        await browser.close();
      }
    }
    await services.stop();
    services = undefined;

    if (wants('diagnose')) {
      log("diagnosis: the worker's top level, module by module (Node, CPU profiler)");
      results.diagnosis = await diagnoseWorkerTopLevel(path.join(extensionDir, 'background.js'), 5);
    }
  }

  const full: Results = {
    date: new Date().toISOString(),
    durationSec: (performance.now() - started) / 1000,
    machine: {
      ...info,
      loadAverage: { start: loadStart, end: os.loadavg()[0] ?? Number.NaN },
      machineBusyPct: machineCpuPercent(cpuStart, readMachineCpu()),
    },
    settings,
    ...results,
  };
  const list = verdicts(full);
  const markdown = renderMarkdown(full, list, diagnose(full));
  writeFileSync(path.join(ROOT, 'bench', `${flags.out}.md`), markdown);
  writeFileSync(
    path.join(ROOT, 'bench', `${flags.out}.json`),
    `${JSON.stringify({ ...full, verdicts: list }, null, 2)}\n`,
  );
  // In the project's JSON style, so `npm run lint` (biome) accepts the file as written.
  try {
    execFileSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', `bench/${flags.out}.json`], {
      cwd: ROOT,
      stdio: 'ignore',
    });
  } catch {
    log('biome could not format the JSON results (they are written all the same)');
  }
  process.stdout.write(markdown);
  log(`wrote bench/${flags.out}.md and bench/${flags.out}.json in ${full.durationSec.toFixed(0)} s`);
  if (flags.check && list.some((v) => v.pass === false)) process.exitCode = 1;
}

/** `--rerender`: the Markdown again from the JSON of an earlier run (after a change to the report's wording). */
function rerender(): void {
  const file = path.join(ROOT, 'bench', `${flags.out}.json`);
  const { verdicts: _old, ...results } = JSON.parse(readFileSync(file, 'utf8')) as Results & { verdicts: unknown };
  const markdown = renderMarkdown(results, verdicts(results), diagnose(results));
  writeFileSync(path.join(ROOT, 'bench', `${flags.out}.md`), markdown);
  process.stdout.write(markdown);
}

(flags.rerender ? Promise.resolve().then(rerender) : main())
  .catch(async (error: unknown) => {
    // Stopped from outside: the browsers closing under a step is expected, not a failure to report.
    if (interrupted) return;
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopEverything();
    clearTimeout(watchdog);
  });
