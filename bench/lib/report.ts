/** The bench's results as data (written to JSON) and as Markdown tables. */
import type { LatencySummary } from './load.ts';

export interface RunResult {
  label: string;
  target: 'proxy' | 'forwarder';
  pid: number;
  durationSec: number;
  exchangesPerSec: number;
  latencyMs: LatencySummary;
  successes: number;
  failures: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  codesExhausted: boolean;
  /** Tokens the emulator issued during the measured phase (cross-check of `successes`). */
  upstreamTokensIssued: number;
  /** Every response a real exchange, no error, and the emulator agrees on the count. */
  verified: boolean;
  warmup: { durationSec: number; successes: number; exchangesPerSec: number; errors: number; non2xx: number } | null;
  rss: { idleMb: number; atStartMb: number; endMb: number; sampledMaxMb: number; peakMb: number };
  /** Percent of one core over the measured phase; the machine has `machine.cpus` cores. */
  cpu: {
    targetPct: number;
    emulatorPct: number;
    loadgenPct: number;
    /** The whole machine, every process included (from /proc/stat; NaN elsewhere). */
    machinePct: number;
    targetUsPerExchange: number;
  };
  rssSeries: Array<{ tSec: number; rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number }>;
}

export interface Verdict {
  name: string;
  goal: string;
  measured: string;
  value: number;
  pass: boolean;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  autocannon: string;
  hono: string;
  honoNodeServer: string;
  commit: string;
}

export interface Settings {
  mode: 'compare' | 'soak';
  connections: number;
  durationSec: number;
  warmupSec: number;
  rounds: number;
  rssSampleMs: number;
  proxyLog: 'noop' | 'none';
  proxyRateLimitPerMinute: number;
  cpuProfile: boolean;
  forwarderUpstream: 'http' | 'fetch';
  forwarderRuntime: 'plain' | 'launcher';
  /** The launcher's memory settings, as read from proxy/run-node.sh. */
  proxyRuntime: string;
  proxyTarget: string | null;
  proxyNodeFlags: string[];
}

interface TargetMedians {
  exchangesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  maxPeakRssMb: number;
  targetCpuPct: number;
  targetUsPerExchange: number;
}

export interface NormalReport {
  date: string;
  machine: Machine;
  settings: Settings;
  runs: RunResult[];
  medians: { proxy: TargetMedians; forwarder: TargetMedians };
  valid: boolean;
  verdicts: Verdict[];
}

export interface SoakReport {
  date: string;
  machine: Machine;
  settings: Settings;
  run: RunResult;
  rss: {
    startMb: number;
    endMb: number;
    maxMb: number;
    drift: number;
    secondHalfSlopeMbPerMin: number;
    series: RunResult['rssSeries'];
  };
  valid: boolean;
  verdicts: Verdict[];
}

const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

function header(title: string, date: string, machine: Machine, settings: Settings): string {
  const proxyVariant = [
    `started by proxy/run-node.sh as \`npm run proxy\` starts it (${settings.proxyRuntime})`,
    settings.proxyLog === 'noop' ? 'no-op request log' : 'no request log',
    settings.proxyRateLimitPerMinute === 0 ? 'rate limiting off' : `rate limit ${settings.proxyRateLimitPerMinute}/min`,
    settings.cpuProfile ? 'CPU profile on' : '',
    settings.proxyTarget ? `variant ${settings.proxyTarget}` : '',
    settings.proxyNodeFlags.length > 0 ? `Node flags ${settings.proxyNodeFlags.join(' ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    `# ${title}`,
    '',
    `${date} · ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB · ${machine.os} · Node ${machine.node} · ` +
      `autocannon ${machine.autocannon} · hono ${machine.hono}, @hono/node-server ${machine.honoNodeServer} · commit ${machine.commit}`,
    '',
    `${settings.connections} connections, ${settings.warmupSec} s warm-up then ${settings.durationSec} s measured per run` +
      (settings.mode === 'compare' ? `, ${settings.rounds} rounds alternating proxy/forwarder` : '') +
      ', each connection sending its next request as soon as the last is answered' +
      `, a fresh target process per run. Proxy: ${proxyVariant}.` +
      (settings.mode === 'compare'
        ? ` Forwarder upstream client: ${settings.forwarderUpstream === 'http' ? 'node:http' : 'fetch'}; ` +
          (settings.forwarderRuntime === 'launcher'
            ? 'forwarder started by the same launcher, with the same memory settings.'
            : 'forwarder on plain `node` with Node’s default memory settings.')
        : '') +
      ' Every request redeems a fresh single-use code ' +
      'minted by the emulator; a run is verified when every response is a 200 with a token and the emulator issued as many tokens.',
  ].join('\n');
}

/** Machine CPU not used by the target, the emulator or the load generator (other processes, the kernel). */
const otherPct = (r: RunResult) =>
  Math.max(0, r.cpu.machinePct - r.cpu.targetPct - r.cpu.emulatorPct - r.cpu.loadgenPct);

const CORES_NOTE =
  'All three processes (load generator, target, emulator) share the same cores: the CPU columns are percent of one core ' +
  '(the machine has 100% per core), so their sum shows how saturated it was; "other" is the rest of the machine\'s busy time ' +
  '(processes outside the bench, the kernel). Absolute rates are those of this shared machine, ' +
  'not of the target alone.';

const SATURATION_NOTE =
  'Each connection sends its next request as soon as the last is answered, so both targets run saturated and latency is ' +
  "mostly queueing: p50 ≈ connections ÷ exchanges/s (Little's law), and the p99 difference follows the throughput " +
  'difference. A run with one connection (`-- --connections 1`) shows the per-request overhead without queueing.';

export function renderNormal(report: NormalReport): string {
  const runs = table(
    [
      'run',
      'exchanges/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'ok',
      'errors',
      'non-2xx',
      'peak RSS MB',
      'CPU target %',
      'CPU emulator %',
      'CPU loadgen %',
      'CPU other %',
      'target CPU µs/exchange',
      'verified',
    ],
    report.runs.map((r) => [
      r.label,
      f(r.exchangesPerSec, 0),
      f(r.latencyMs.p50, 2),
      f(r.latencyMs.p99, 2),
      f(r.latencyMs.max, 1),
      String(r.successes),
      String(r.errors),
      String(r.non2xx),
      f(r.rss.peakMb),
      f(r.cpu.targetPct, 0),
      f(r.cpu.emulatorPct, 0),
      f(r.cpu.loadgenPct, 0),
      f(otherPct(r), 0),
      f(r.cpu.targetUsPerExchange, 0),
      r.verified ? 'yes' : 'NO',
    ]),
  );
  const { proxy, forwarder } = report.medians;
  const medians = table(
    ['target (median)', 'exchanges/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'CPU target %', 'target CPU µs/exchange'],
    [
      ['proxy (Hono on @hono/node-server)', proxy, 'proxy'],
      ['plain node:http forwarder', forwarder, 'forwarder'],
    ].map(([name, m]) => {
      const t = m as TargetMedians;
      return [
        name as string,
        f(t.exchangesPerSec, 0),
        f(t.p50Ms, 2),
        f(t.p99Ms, 2),
        f(t.peakRssMb),
        f(t.targetCpuPct, 0),
        f(t.targetUsPerExchange, 0),
      ];
    }),
  );
  const verdicts = table(
    ['issue 3 target', 'goal', 'measured', 'verdict'],
    report.verdicts.map((v) => [v.name, v.goal, v.measured, v.pass ? 'PASS' : 'FAIL']),
  );
  return [
    header('Proxy benchmark: proxy vs plain node:http forwarder', report.date, report.machine, report.settings),
    '',
    '## Runs',
    '',
    runs,
    '',
    '## Medians',
    '',
    medians,
    '',
    '## Targets',
    '',
    verdicts,
    '',
    report.valid ? 'All runs verified.' : '**Some runs are not verified: the comparison is not valid.**',
    '',
    CORES_NOTE,
    '',
    SATURATION_NOTE,
    '',
  ].join('\n');
}

export function renderSoak(report: SoakReport): string {
  const r = report.run;
  const summary = table(
    [
      'exchanges/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'ok',
      'errors',
      'non-2xx',
      'RSS after warm-up MB',
      'RSS end MB',
      'RSS max MB',
      'peak RSS (maxrss) MB',
      'CPU target %',
      'CPU emulator %',
      'CPU loadgen %',
      'CPU other %',
    ],
    [
      [
        f(r.exchangesPerSec, 0),
        f(r.latencyMs.p50, 2),
        f(r.latencyMs.p99, 2),
        f(r.latencyMs.max, 1),
        String(r.successes),
        String(r.errors),
        String(r.non2xx),
        f(report.rss.startMb),
        f(report.rss.endMb),
        f(report.rss.maxMb),
        f(r.rss.peakMb),
        f(r.cpu.targetPct, 0),
        f(r.cpu.emulatorPct, 0),
        f(r.cpu.loadgenPct, 0),
        f(otherPct(r), 0),
      ],
    ],
  );
  const every10 = report.rss.series.filter((_, i) => i % 10 === 9);
  const series = table(
    ['t (s)', ...every10.map((p) => f(p.tSec, 0))],
    [
      ['RSS MB', ...every10.map((p) => f(p.rssMb))],
      ['heap used MB', ...every10.map((p) => f(p.heapUsedMb))],
    ],
  );
  const verdicts = table(
    ['soak target', 'goal', 'measured', 'verdict'],
    report.verdicts.map((v) => [v.name, v.goal, v.measured, v.pass ? 'PASS' : 'FAIL']),
  );
  return [
    header('Proxy soak', report.date, report.machine, report.settings),
    '',
    `RSS sampled every ${report.settings.rssSampleMs} ms (${report.rss.series.length} samples; every tenth below, full series in the JSON).`,
    '',
    summary,
    '',
    series,
    '',
    verdicts,
    '',
    report.valid ? '' : '**The code pool ran dry: the soak is not valid.**',
    CORES_NOTE,
    '',
  ].join('\n');
}
