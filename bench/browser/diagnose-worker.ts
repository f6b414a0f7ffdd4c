/**
 * Where the worker's top level spends its time, module by module. The browser's trace (measure-cold-start.ts)
 * says how long the top level of background.js runs in the worker; this says what it runs:
 *
 * 1. the extension's background built again (bench/browser/diagnose-build.ts) not minified and with every
 *    module wrapped in its own init function (Rolldown's `strictExecutionOrder`);
 * 2. that background.js and the real one run on plain Node with a stub `chrome` (fresh processes), the
 *    wrapped one under the CPU profiler (100 µs samples);
 * 3. each sample goes to the innermost module init on its stack: a module's share is its own top-level code
 *    plus everything it calls (zod's constructors building our schemas count for the module that builds them),
 *    without the modules it imports.
 *
 * Node's V8 is not the worker's, and Node compiles from source where the worker reads its code cache: the
 * shares are what this tells, the browser's trace gives the absolute time.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { bundleForNode } from '../../scripts/bundle-node.ts';
import { median } from '../lib/stats.ts';
import { OUT_BASE, ROOT } from './services.ts';

const DIR = path.join(ROOT, OUT_BASE, 'diagnose');
const CHILD_TIMEOUT_MS = 120_000;

export interface ModuleShare {
  /** A source module (`utils/messages.ts`) or a group (`zod (library)`). */
  module: string;
  ms: number;
  share: number;
}

export interface TopLevelDiagnosis {
  runs: number;
  /** The real (minified) background.js on Node: compile and top level, medians. */
  real: { compileMs: number; runMs: number; bytes: number };
  /** The wrapped, unminified build: its top level (median) and what it spent it on (mean over the profiles). */
  wrapped: { runMs: number; bytes: number };
  modules: ModuleShare[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function run(args: string[], timeoutMs = CHILD_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(args[0] as string, args.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(args[1] ?? '')} failed (${signal ?? code}): ${err.slice(-800)}`));
    });
  });
}

/** Line (0-based) of each module init in the wrapped build → the source module it initialises. */
function moduleInits(source: string): Map<number, string> {
  const inits = new Map<number, string>();
  let region = '(runtime)';
  source.split('\n').forEach((line, index) => {
    const comment = /^\t\/\/ (?:\\0)?(?:virtual:wxt-background-entrypoint\?)?(.+)$/.exec(line);
    if (comment?.[1]) region = comment[1].replace(`${ROOT}/`, '');
    if (/= __(esm|commonJS)Min\(/.test(line)) inits.set(index, region);
  });
  return inits;
}

/** Groups node_modules paths by package; keeps our own modules as they are. */
function label(module: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (!match) return module;
  return match[1] === 'zod' ? 'zod (library)' : (match[1] as string);
}

function attribute(profile: CpuProfile, url: string, inits: Map<number, string>): Map<string, number> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const owner = new Map<number, string | null>();
  const ownerOf = (id: number): string | null => {
    const known = owner.get(id);
    if (known !== undefined) return known;
    const node = nodes.get(id);
    let result: string | null = null;
    if (node?.callFrame.functionName === '(garbage collector)') result = 'garbage collection';
    else if (node?.callFrame.url === url && inits.has(node.callFrame.lineNumber)) {
      result = label(inits.get(node.callFrame.lineNumber) as string);
    } else {
      const up = parent.get(id);
      result = up === undefined ? null : ownerOf(up);
    }
    owner.set(id, result);
    return result;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const module = ownerOf(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (module) totals.set(module, (totals.get(module) ?? 0) + ms);
  });
  return totals;
}

export async function diagnoseWorkerTopLevel(realBackground: string, runs: number): Promise<TopLevelDiagnosis> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const profiles = path.join(DIR, 'profiles');
  const buildDir = path.join(DIR, 'build');
  await run([process.execPath, '--import', 'tsx', 'bench/browser/diagnose-build.ts', buildDir]);
  const wrappedBackground = path.join(buildDir, 'chrome-mv3', 'background.js');
  const child = await bundleForNode(
    path.join(ROOT, 'bench/browser/worker-toplevel-child.ts'),
    path.join(DIR, 'worker-toplevel-child.mjs'),
  );

  const real: Array<{ compileMs: number; runMs: number }> = [];
  const wrapped: Array<{ compileMs: number; runMs: number }> = [];
  for (let i = 0; i < runs; i++) {
    real.push(JSON.parse(await run([process.execPath, child, realBackground])));
    wrapped.push(
      JSON.parse(
        await run([
          process.execPath,
          '--cpu-prof',
          '--cpu-prof-interval',
          '100',
          '--cpu-prof-dir',
          profiles,
          child,
          wrappedBackground,
        ]),
      ),
    );
  }

  const source = readFileSync(wrappedBackground, 'utf8');
  const inits = moduleInits(source);
  const url = `file://${wrappedBackground}`;
  const sums = new Map<string, number>();
  const files = readdirSync(profiles).filter((file) => file.endsWith('.cpuprofile'));
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(profiles, file), 'utf8')) as CpuProfile;
    // vm.Script gives the plain path as the script's URL.
    const totals = attribute(
      profile,
      profile.nodes.some((n) => n.callFrame.url === url) ? url : wrappedBackground,
      inits,
    );
    for (const [module, ms] of totals) sums.set(module, (sums.get(module) ?? 0) + ms);
  }
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  const modules = [...sums]
    .map(([module, ms]) => ({ module, ms: ms / files.length, share: total > 0 ? ms / total : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return {
    runs,
    real: {
      compileMs: median(real.map((r) => r.compileMs)),
      runMs: median(real.map((r) => r.runMs)),
      bytes: readFileSync(realBackground).byteLength,
    },
    wrapped: { runMs: median(wrapped.map((r) => r.runMs)), bytes: source.length },
    modules,
  };
}
