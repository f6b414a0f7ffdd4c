/**
 * `npm run bench:proxy`: the companion proxy on Node against a plain node:http forwarder (the baseline),
 * both exchanging real single-use codes with the emulator on loopback. Each target and the emulator run
 * in their own child process; the load generator (autocannon) runs here.
 *
 * `--soak`: 60 s at 200 connections against the proxy alone, RSS sampled every second.
 * Results: a Markdown table on stdout and in bench/results/<out>.md, the details in <out>.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { emulatorControl } from '../sandbox/emulator/control-client.ts';
import { SANDBOX_EXTENSION_ORIGIN, SANDBOX_REDIRECT_URI } from '../sandbox/sandbox-config.ts';
import { bundleForNode } from '../scripts/bundle-node.ts';
import { benchFlags, intFlag } from './lib/args.ts';
import { installCleanup, killAllTargets, startTarget, type TargetProcess } from './lib/children.ts';
import { CodePool, type PhaseResult, runPhase } from './lib/load.ts';
import { machineCpuPercent, readMachineCpu } from './lib/machine-cpu.ts';
import type { ProcessSample } from './lib/protocol.ts';
import { type NormalReport, type RunResult, renderNormal, renderSoak, type SoakReport } from './lib/report.ts';
import { MB, median, round, slope } from './lib/stats.ts';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const PROFILES_DIR = path.join(RESULTS_DIR, 'profiles');
/** How `npm run proxy` starts the proxy: its memory settings (environment and Node flags) live there. */
const PROXY_LAUNCHER = path.join(ROOT, 'proxy', 'run-node.sh');

/** The launcher's settings for the report, e.g. `MALLOC_ARENA_MAX=2, node --max-semi-space-size=2`. */
function launcherSettings(): string {
  const lines = readFileSync(PROXY_LAUNCHER, 'utf8').split('\n');
  const env = lines
    .filter((line) => line.startsWith('export '))
    .map((line) => line.replace(/^export (\w+)="\$\{\w+:-(.*)\}"$/, '$1=$2'));
  const exec = lines.find((line) => line.startsWith('exec '));
  return [...env, exec?.replace(/^exec "\$\{PROXY_NODE:-node\}"(.*) "\$@"$/, 'node$1') ?? '?'].join(', ');
}
/** Codes per mint-codes call (the route takes up to 500000; smaller answers are kinder to both sides). */
const MINT_CHUNK = 100_000;
/** Bench codes live long enough for any phase; the route caps this at one hour. */
const MINT_TTL_MS = 60 * 60 * 1000;
/** Rate assumed before anything was measured, to size the first warm-up's codes. */
const INITIAL_RATE_GUESS = 5000;

// ---------------------------------------------------------------------------------------------- options

const USAGE = `npm run bench:proxy [-- options]: the proxy against a plain node:http forwarder, real exchanges with the
emulator (bench/README.md).

  --rounds N               rounds, proxy and forwarder alternating (default 3)
  --connections N          concurrent connections (default 100; 200 with --soak)
  --duration S             seconds measured per run (default 10; 60 with --soak)
  --warmup S               seconds of warm-up per run (default 3; 5 with --soak)
  --soak                   the proxy alone, RSS sampled every second
  --out NAME               write bench/results/NAME.md and NAME.json (default proxy, or proxy-soak)
  --check                  exit 1 when a target is missed
Finding causes:
  --cpu-prof               CPU profiles into bench/results/profiles/
  --proxy-log none|noop    the proxy's log (default noop: built, not written)
  --proxy-rate-limit N     exchanges a minute per client (default 0: off)
  --forwarder-upstream fetch   the forwarder on the global fetch instead of node:http
  --forwarder-runtime launcher the forwarder started with the proxy's launcher (proxy/run-node.sh)
  --proxy-target FILE      a variant of bench/targets/proxy.ts (a built .mjs runs on plain Node)
  --proxy-node-flags=FLAGS extra Node flags for the proxy, after the launcher's`;

const flags = benchFlags('bench:proxy', USAGE, {
  soak: { type: 'boolean', default: false },
  rounds: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  out: { type: 'string' },
  'cpu-prof': { type: 'boolean', default: false },
  'proxy-log': { type: 'string', default: 'noop' },
  'proxy-rate-limit': { type: 'string', default: '0' },
  check: { type: 'boolean', default: false },
  'forwarder-upstream': { type: 'string', default: 'http' },
  'proxy-target': { type: 'string' },
  'proxy-node-flags': { type: 'string', default: '' },
  'forwarder-runtime': { type: 'string', default: 'plain' },
});

const soak = flags.soak === true;
const settings = {
  mode: soak ? ('soak' as const) : ('compare' as const),
  connections: intFlag('connections', flags.connections, soak ? 200 : 100, 1, 1000),
  durationSec: intFlag('duration', flags.duration, soak ? 60 : 10, 1, 600),
  warmupSec: intFlag('warmup', flags.warmup, soak ? 5 : 3, 0, 60),
  rounds: soak ? 1 : intFlag('rounds', flags.rounds, 3, 1, 10),
  rssSampleMs: soak ? 1000 : 250,
  proxyLog: flags['proxy-log'] === 'none' ? ('none' as const) : ('noop' as const),
  proxyRateLimitPerMinute: intFlag('proxy-rate-limit', flags['proxy-rate-limit'], 0, 0, 1_000_000_000),
  cpuProfile: flags['cpu-prof'] === true,
  forwarderUpstream: flags['forwarder-upstream'] === 'fetch' ? ('fetch' as const) : ('http' as const),
  /** A variant of bench/targets/proxy.ts to run instead (experiments); same arguments and IPC protocol. */
  proxyTarget: flags['proxy-target'] === undefined ? null : path.resolve(flags['proxy-target']),
  /**
   * The forwarder on plain `node` with Node's defaults (`plain`, the baseline as before), or started
   * through the proxy's launcher with the same memory settings (`launcher`).
   */
  proxyRuntime: launcherSettings(),
  forwarderRuntime: flags['forwarder-runtime'] === 'launcher' ? ('launcher' as const) : ('plain' as const),
  /**
   * Extra Node flags for the proxy child (experiments, e.g. `--max-semi-space-size=4`), after the
   * launcher's own (V8 takes the last value of a flag given twice).
   */
  proxyNodeFlags: (flags['proxy-node-flags'] ?? '').split(/\s+/).filter((flag) => flag !== ''),
};
const outName = flags.out ?? (soak ? 'proxy-soak' : 'proxy');
if (!/^[\w.-]+$/.test(outName)) {
  process.stderr.write('bench: --out must be a plain file name\n');
  process.exit(64);
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

// ---------------------------------------------------------------------------------------------- cleanup

let interrupted = false;
installCleanup((signal) => {
  interrupted = true;
  log(`${signal}: stopping every child process`);
  killAllTargets();
  process.exit(signal === 'SIGINT' ? 130 : 143);
});

// ---------------------------------------------------------------------------------------------- helpers

function machine() {
  const cpus = os.cpus();
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
      .version;
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'proxy'], { cwd: ROOT, encoding: 'utf8' });
    if (dirty.trim() !== '') commit += ' (proxy/ has uncommitted changes)';
  } catch {
    // Not a git checkout: leave it unknown.
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    autocannon: version('autocannon'),
    hono: version('hono'),
    honoNodeServer: version('@hono/node-server'),
    commit,
  };
}

function cpuPercent(before: ProcessSample, after: ProcessSample, wallMs: number): number {
  const usedUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
  return (usedUs / 1000 / wallMs) * 100;
}

interface RssPoint {
  tSec: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** Samples a target every `intervalMs` until stopped; never more than one request in flight. */
function startSampler(target: TargetProcess, intervalMs: number, started: number) {
  const points: RssPoint[] = [];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    target
      .sample()
      .then((s) =>
        points.push({
          tSec: (performance.now() - started) / 1000,
          rssMb: s.rss / MB,
          heapUsedMb: s.heapUsed / MB,
          heapTotalMb: s.heapTotal / MB,
          externalMb: s.external / MB,
        }),
      )
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return points;
    },
  };
}

// ---------------------------------------------------------------------------------------------- the bench

async function main(): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const info = machine();
  log(`${info.cpus} × ${info.cpuModel}, Node ${info.node}; ${JSON.stringify(settings)}`);

  // Both targets run as they would ship: bundled, on plain Node (as `npm run proxy` runs the proxy).
  const bundles = {
    proxy: await bundleForNode(path.join(ROOT, 'bench/targets/proxy.ts'), path.join(ROOT, '.output/bench/proxy.mjs')),
    forwarder: await bundleForNode(
      path.join(ROOT, 'bench/targets/forwarder.ts'),
      path.join(ROOT, '.output/bench/forwarder.mjs'),
    ),
  };
  const emulator = await startTarget('emulator', 'emulator.ts');
  const control = emulatorControl(emulator.url);
  const tokenUrl = `${emulator.url}/oauth2/token`;
  let rateEstimate = INITIAL_RATE_GUESS;

  const mintInto = async (pool: CodePool, count: number) => {
    let left = Math.ceil(count);
    while (left > 0) {
      const chunk = Math.min(left, MINT_CHUNK);
      pool.add(await control.mintCodes({ count: chunk, ttlMs: MINT_TTL_MS }));
      left -= chunk;
    }
  };

  const startTargetProcess = (kind: 'proxy' | 'forwarder', label: string) => {
    const nodeFlags = kind === 'proxy' ? [...settings.proxyNodeFlags] : [];
    if (settings.cpuProfile) {
      mkdirSync(PROFILES_DIR, { recursive: true });
      nodeFlags.push('--cpu-prof', '--cpu-prof-dir', PROFILES_DIR, '--cpu-prof-name', `${label}.cpuprofile`);
    }
    const args = ['--token-url', tokenUrl];
    if (kind === 'proxy') {
      args.push('--log', settings.proxyLog, '--rate-limit', String(settings.proxyRateLimitPerMinute));
    } else {
      args.push('--upstream', settings.forwarderUpstream);
    }
    const file = kind === 'proxy' ? (settings.proxyTarget ?? bundles.proxy) : bundles.forwarder;
    const launcher = kind === 'proxy' || settings.forwarderRuntime === 'launcher' ? PROXY_LAUNCHER : undefined;
    return startTarget(kind, file, { nodeFlags, args, launcher });
  };

  const phase = (target: TargetProcess, pool: CodePool, durationSec: number): Promise<PhaseResult> =>
    runPhase({
      url: target.url,
      connections: settings.connections,
      durationSec,
      pool,
      origin: SANDBOX_EXTENSION_ORIGIN,
      redirectUri: SANDBOX_REDIRECT_URI,
    });

  /** Fresh target process, warm-up, then the measured phase with RSS and CPU samples. */
  const measure = async (kind: 'proxy' | 'forwarder', label: string) => {
    await control.reset();
    const target = await startTargetProcess(kind, label);
    try {
      const idle = await target.sample();
      const pool = new CodePool();
      let warmup: PhaseResult | undefined;
      if (settings.warmupSec > 0) {
        await mintInto(pool, rateEstimate * settings.warmupSec * 2 + settings.connections * 2);
        warmup = await phase(target, pool, settings.warmupSec);
        rateEstimate = Math.max(rateEstimate, warmup.exchangesPerSec);
      }
      // Twice the best rate seen so far: the pool must not run dry (a dry pool voids the run).
      await mintInto(pool, rateEstimate * settings.durationSec * 2 + settings.connections * 2);

      const statsBefore = await control.stats();
      const [targetBefore, emulatorBefore] = await Promise.all([target.sample(), emulator.sample()]);
      const loadgenBefore = process.cpuUsage();
      const machineBefore = readMachineCpu();
      const started = performance.now();
      const sampler = startSampler(target, settings.rssSampleMs, started);
      const result = await phase(target, pool, settings.durationSec);
      const rssPoints = sampler.stop();
      const wallMs = performance.now() - started;
      const loadgenUsed = process.cpuUsage(loadgenBefore);
      const machineAfter = readMachineCpu();
      const [targetAfter, emulatorAfter] = await Promise.all([target.sample(), emulator.sample()]);
      const statsAfter = await control.stats();
      rateEstimate = Math.max(rateEstimate, result.exchangesPerSec);

      const tokensIssued = statsAfter.tokensIssued - statsBefore.tokensIssued;
      // Requests cut at the end of a phase may still reach the emulator: allow one per connection per phase edge.
      const verified =
        !result.codesExhausted &&
        result.failures === 0 &&
        result.errors === 0 &&
        result.non2xx === 0 &&
        result.successes > 0 &&
        tokensIssued >= result.successes &&
        tokensIssued <= result.successes + 2 * settings.connections;
      const usedUs =
        targetAfter.cpuUserUs + targetAfter.cpuSystemUs - targetBefore.cpuUserUs - targetBefore.cpuSystemUs;
      const run: RunResult = {
        label,
        target: kind,
        pid: target.pid,
        durationSec: result.durationSec,
        exchangesPerSec: result.exchangesPerSec,
        latencyMs: result.latencyMs,
        successes: result.successes,
        failures: result.failures,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes: result.statusCodes,
        codesExhausted: result.codesExhausted,
        upstreamTokensIssued: tokensIssued,
        verified,
        warmup: warmup
          ? {
              durationSec: warmup.durationSec,
              successes: warmup.successes,
              exchangesPerSec: warmup.exchangesPerSec,
              errors: warmup.errors,
              non2xx: warmup.non2xx,
            }
          : null,
        rss: {
          idleMb: idle.rss / MB,
          atStartMb: targetBefore.rss / MB,
          endMb: targetAfter.rss / MB,
          sampledMaxMb: Math.max(targetAfter.rss, ...rssPoints.map((p) => p.rssMb * MB)) / MB,
          peakMb: targetAfter.maxRss / MB,
        },
        cpu: {
          targetPct: cpuPercent(targetBefore, targetAfter, wallMs),
          emulatorPct: cpuPercent(emulatorBefore, emulatorAfter, wallMs),
          loadgenPct: ((loadgenUsed.user + loadgenUsed.system) / 1000 / wallMs) * 100,
          machinePct: machineCpuPercent(machineBefore, machineAfter),
          targetUsPerExchange: result.successes > 0 ? usedUs / result.successes : Number.NaN,
        },
        rssSeries: rssPoints,
      };
      log(
        `${label}: ${result.exchangesPerSec.toFixed(0)} exchanges/s, p50 ${result.latencyMs.p50.toFixed(2)} ms, ` +
          `p99 ${result.latencyMs.p99.toFixed(2)} ms, ${result.successes} ok, ${result.errors} errors, ` +
          `${result.non2xx} non-2xx, peak RSS ${run.rss.peakMb.toFixed(1)} MB, CPU target ${run.cpu.targetPct.toFixed(0)}% ` +
          `emulator ${run.cpu.emulatorPct.toFixed(0)}% loadgen ${run.cpu.loadgenPct.toFixed(0)}% machine ${run.cpu.machinePct.toFixed(0)}%` +
          `${verified ? '' : ' [NOT VERIFIED]'}`,
      );
      return run;
    } finally {
      await target.stop();
    }
  };

  try {
    if (!soak) {
      const runs: RunResult[] = [];
      for (let round = 1; round <= settings.rounds && !interrupted; round++) {
        for (const kind of ['proxy', 'forwarder'] as const) {
          runs.push(await measure(kind, `${kind}-${round}`));
        }
      }
      const report: NormalReport = {
        date: new Date().toISOString(),
        machine: info,
        settings,
        runs,
        ...summarize(runs),
      };
      publish(renderNormal(report), report);
      if (flags.check && !(report.valid && report.verdicts.every((v) => v.pass))) process.exitCode = 1;
    } else {
      const run = await soakRun(measure);
      publish(renderSoak(run), run);
      if (flags.check && !(run.valid && run.verdicts.every((v) => v.pass))) process.exitCode = 1;
    }
  } finally {
    await emulator.stop();
  }

  function summarize(runs: RunResult[]) {
    const of = (kind: 'proxy' | 'forwarder') => runs.filter((run) => run.target === kind);
    const med = (kind: 'proxy' | 'forwarder') => {
      const list = of(kind);
      return {
        exchangesPerSec: median(list.map((r) => r.exchangesPerSec)),
        p50Ms: median(list.map((r) => r.latencyMs.p50)),
        p99Ms: median(list.map((r) => r.latencyMs.p99)),
        peakRssMb: median(list.map((r) => r.rss.peakMb)),
        maxPeakRssMb: Math.max(...list.map((r) => r.rss.peakMb)),
        targetCpuPct: median(list.map((r) => r.cpu.targetPct)),
        targetUsPerExchange: median(list.map((r) => r.cpu.targetUsPerExchange)),
      };
    };
    const proxy = med('proxy');
    const forwarder = med('forwarder');
    const ratio = proxy.exchangesPerSec / forwarder.exchangesPerSec;
    const overhead = proxy.p99Ms - forwarder.p99Ms;
    return {
      medians: { proxy, forwarder },
      valid: runs.every((run) => run.verified),
      verdicts: [
        {
          name: 'Throughput',
          goal: 'proxy ≥ 0.8 × forwarder',
          measured: `${round(ratio, 3)} × (${proxy.exchangesPerSec.toFixed(0)} vs ${forwarder.exchangesPerSec.toFixed(0)} exchanges/s)`,
          value: ratio,
          pass: ratio >= 0.8,
        },
        {
          name: 'p99 overhead',
          goal: 'proxy p99 − forwarder p99 < 2 ms',
          measured: `${overhead.toFixed(2)} ms (${proxy.p99Ms.toFixed(2)} − ${forwarder.p99Ms.toFixed(2)})`,
          value: overhead,
          pass: overhead < 2,
        },
        {
          name: `Proxy RSS at ${settings.connections} connections`,
          goal: '< 100 MB',
          measured: `${proxy.maxPeakRssMb.toFixed(1)} MB (highest peak of ${of('proxy').length} runs; median ${proxy.peakRssMb.toFixed(1)})`,
          value: proxy.maxPeakRssMb,
          pass: proxy.maxPeakRssMb < 100,
        },
      ],
    };
  }

  async function soakRun(measureFn: typeof measure): Promise<SoakReport> {
    const run = await measureFn('proxy', 'proxy-soak');
    const series = run.rssSeries;
    const startMb = run.rss.atStartMb;
    const endMb = run.rss.endMb;
    const maxMb = Math.max(run.rss.sampledMaxMb, startMb);
    const drift = (endMb - startMb) / startMb;
    // Slope over the second half, when the heap has settled: a leak keeps climbing there.
    const half = series.filter((p) => p.tSec >= settings.durationSec / 2);
    const slopeMbPerMin = slope(half.map((p) => ({ x: p.tSec, y: p.rssMb }))) * 60;
    const halfStartMb = half[0]?.rssMb ?? startMb;
    return {
      date: new Date().toISOString(),
      machine: info,
      settings,
      run,
      rss: { startMb, endMb, maxMb, drift, secondHalfSlopeMbPerMin: slopeMbPerMin, series },
      // Errors are what the soak looks for, so they do not void it; a dry code pool does.
      valid: !run.codesExhausted,
      verdicts: [
        {
          name: 'Errors',
          goal: 'zero errors and non-2xx',
          measured: `${run.errors} errors, ${run.timeouts} timeouts, ${run.non2xx} non-2xx, ${run.failures} failed exchanges of ${run.successes + run.failures}`,
          value: run.errors + run.non2xx + run.failures,
          pass: run.errors === 0 && run.non2xx === 0 && run.failures === 0,
        },
        {
          name: 'RSS flat',
          goal: 'end within 15% of the value after warm-up',
          measured: `${startMb.toFixed(1)} → ${endMb.toFixed(1)} MB (${drift >= 0 ? '+' : ''}${(drift * 100).toFixed(1)}%), max ${maxMb.toFixed(1)} MB, second half ${halfStartMb.toFixed(1)} → ${endMb.toFixed(1)} MB (${slopeMbPerMin >= 0 ? '+' : ''}${slopeMbPerMin.toFixed(2)} MB/min)`,
          value: drift,
          pass: Math.abs(drift) <= 0.15,
        },
        {
          // The first verdict also catches the heap growing to its working size under a new load; this one
          // asks only whether memory keeps climbing once it got there (what a leak does).
          name: 'RSS steady',
          goal: 'second half of the soak grows by less than 5%',
          measured: `${halfStartMb.toFixed(1)} → ${endMb.toFixed(1)} MB (${(((endMb - halfStartMb) / halfStartMb) * 100).toFixed(1)}%)`,
          value: (endMb - halfStartMb) / halfStartMb,
          pass: (endMb - halfStartMb) / halfStartMb < 0.05,
        },
      ],
    };
  }
}

function publish(markdown: string, json: unknown): void {
  writeFileSync(path.join(RESULTS_DIR, `${outName}.md`), markdown);
  writeFileSync(path.join(RESULTS_DIR, `${outName}.json`), `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(markdown);
  log(`wrote bench/results/${outName}.md and bench/results/${outName}.json`);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  killAllTargets();
  process.exit(1);
});
