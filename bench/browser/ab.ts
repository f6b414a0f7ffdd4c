/**
 * `npx tsx bench/browser/ab.ts [--base REF] [--only cold-start,paint,paint-stopped,sign-in] [--runs N]`: the working tree's
 * extension (B) against the one at git REF (A, default HEAD), measured alternately in the same minutes: two
 * browsers, one per build, against the same emulator and proxy, every timed step taken once in A and once in B
 * (which goes first alternates). On a shared machine whose load comes and goes, this is how a change is judged:
 * both sides see the same load. The figures are the ones `npm run bench` takes (same probe, same flows).
 *
 * A is built from `git archive REF` in .output/ab/base (node_modules linked from this checkout).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { SANDBOX_API_CLIENT_ID, SANDBOX_CLIENT_ID, SANDBOX_EXTENSION_KEY } from '../../sandbox/sandbox-config.ts';
import { benchFlags, intFlag } from '../lib/args.ts';
import { installCleanup, killAllTargets } from '../lib/children.ts';
import { machineCpuPercent, readMachineCpu } from '../lib/machine-cpu.ts';
import { signIn, timeGetState } from './flows.ts';
import { type BenchBrowser, closeAllBrowsers, launchBench, POPUP_PAGE } from './launch.ts';
import { measurePopupPaint } from './measure-popup-paint.ts';
import { seedConnections } from './measure-scale.ts';
import { measureSignIn } from './measure-sign-in.ts';
import { probeResult } from './probe.ts';
import { type BenchServices, buildBenchExtension, OUT_BASE, ROOT, startServices } from './services.ts';
import { type Summary, sleep, summarize } from './summary.ts';

const FIGURES = ['cold-start', 'paint', 'paint-stopped', 'sign-in', 'paint-20'];
const USAGE = `npx tsx bench/browser/ab.ts [options]: the working tree's extension (B) against the one at a git ref (A),
measured in turns in the same minutes.

  --base REF     A's commit (default HEAD)
  --only LIST    some of: ${FIGURES.join(', ')} (comma-separated; default cold-start,paint,sign-in;
                 paint-20 is the popup paint with 20 connections, seeded as npm run bench seeds them, taken last)
  --runs N       timed pairs per figure (default 20)
  --warmup N     untimed pairs first (default 3)`;

const flags = benchFlags('ab', USAGE, {
  base: { type: 'string', default: 'HEAD' },
  only: { type: 'string', default: 'cold-start,paint,sign-in' },
  runs: { type: 'string' },
  warmup: { type: 'string' },
});
const only = new Set(flags.only.split(','));
const unknownFigures = [...only].filter((figure) => !FIGURES.includes(figure));
if (unknownFigures.length > 0) {
  process.stderr.write(`ab: --only: no such figure: ${unknownFigures.join(', ')}\n\n${USAGE}\n`);
  process.exit(64);
}
const runs = intFlag('runs', flags.runs, 20, 1, 200);
const warmup = intFlag('warmup', flags.warmup, 3, 0, 50);
const log = (line: string) => process.stderr.write(`[ab] ${line}\n`);

function sh(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      out += c;
    });
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')}: ${out}`)),
    );
  });
}

/** The extension at `ref`, built against the same services as the working tree's (with the blank page). */
async function buildBase(ref: string, services: BenchServices): Promise<string> {
  const src = path.join(ROOT, '.output/ab/base');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  await sh('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(src)}`], { cwd: ROOT });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'));
  const out = path.join(ROOT, '.output/ab/A');
  await sh(process.execPath, [path.join(src, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
    cwd: src,
    env: {
      ...process.env,
      CONNECT_BENCH: '1',
      CONNECT_OUT_DIR: out,
      WXT_WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
      WXT_WPCOM_API_CLIENT_ID: SANDBOX_API_CLIENT_ID,
      WXT_WPCOM_OAUTH_URL: services.urls.oauth,
      WXT_WPCOM_API_URL: services.urls.api,
      WXT_GRAVATAR_API_URL: services.urls.gravatar,
      WXT_TOKEN_PROXY_URL: services.urls.proxyToken,
      WXT_EXTENSION_KEY: SANDBOX_EXTENSION_KEY,
    },
  });
  return path.join(out, 'chrome-mv3');
}

const fmt = (s: Summary) => `${s.median.toFixed(1)} (${s.p25.toFixed(1)}–${s.p75.toFixed(1)})`;
/** Medians of each side, and the median of the paired differences (run i of B minus run i of A: same minutes). */
function report(name: string, a: number[], b: number[]) {
  const sa = summarize(a);
  const sb = summarize(b);
  const diff = summarize(b.map((value, i) => value - (a[i] ?? Number.NaN)));
  console.log(`| ${name} | ${fmt(sa)} | ${fmt(sb)} | ${fmt(diff)} | n=${sa.n}/${sb.n} |`);
}

async function main() {
  const cpuStart = readMachineCpu();
  const load = os.loadavg()[0] ?? Number.NaN;
  const services = await startServices();
  installCleanup(() => {
    void closeAllBrowsers()
      .then(() => services.stop())
      .finally(() => process.exit(130));
  });
  try {
    log(`building A (${flags.base}) and B (working tree)`);
    const dirB = await buildBenchExtension(services);
    const copyB = path.join(ROOT, '.output/ab/B');
    rmSync(copyB, { recursive: true, force: true });
    cpSync(dirB, copyB, { recursive: true });
    const dirA = await buildBase(flags.base, services);
    const browsers: Record<'A' | 'B', BenchBrowser> = {
      A: await launchBench(dirA),
      B: await launchBench(copyB),
    };
    const sides = ['A', 'B'] as const;
    const order = (i: number) => (i % 2 === 0 ? sides : ([...sides].reverse() as ['B', 'A']));
    console.log(`\nA = ${flags.base}, B = working tree; load ${load.toFixed(2)}; medians (p25–p75), ms\n`);
    console.log('| figure | A | B | B − A, paired | runs |\n| --- | --- | --- | --- | --- |');

    if (only.has('sign-in')) {
      const res: Record<string, number[]> = { A: [], B: [] };
      for (let i = 0; i < warmup + runs; i++) {
        for (const side of order(i)) {
          const r = await measureSignIn(browsers[side], { warmup: 0, runs: 1, traced: 0, settleMs: 300 });
          if (i >= warmup) res[side]?.push(...r.runs.map((x) => x.latencyMs));
        }
      }
      report('sign-in: Approve → profile painted', res.A ?? [], res.B ?? []);
    }
    for (const side of sides) {
      const first = await browsers[side].open(POPUP_PAGE);
      await signIn(browsers[side].context, first, 'Alice');
      await sleep(500);
      await first.close();
    }
    /** One paint figure: each run opens the popup and the blank page once in A and once in B. */
    const paintFigure = async (key: string, workerStopped: boolean) => {
      const popup: Record<string, number[]> = { A: [], B: [] };
      const blank: Record<string, number[]> = { A: [], B: [] };
      const served: Record<string, number> = { A: 0, B: 0 };
      for (let i = 0; i < warmup + runs; i++) {
        for (const side of order(i)) {
          const r = await measurePopupPaint(browsers[side], { warmup: 0, runs: 1, settleMs: 300, workerStopped });
          if (i < warmup) continue;
          if (r.popup[0]?.fromWorker) served[side] = (served[side] ?? 0) + 1;
          popup[side]?.push(r.popup[0]?.paintedMs ?? Number.NaN);
          blank[side]?.push(r.blank[0]?.paintedMs ?? Number.NaN);
        }
      }
      const label = workerStopped ? ', worker stopped' : key === 'paint-20' ? ', 20 connections' : '';
      report(`popup painted${label}`, popup.A ?? [], popup.B ?? []);
      report(`blank painted${label}`, blank.A ?? [], blank.B ?? []);
      const ra = summarize(popup.A ?? []).median / summarize(blank.A ?? []).median;
      const rb = summarize(popup.B ?? []).median / summarize(blank.B ?? []).median;
      console.log(`| popup ÷ blank${label} (ratio of medians) | ${ra.toFixed(2)}× | ${rb.toFixed(2)}× | | |`);
      console.log(`| popup page from the worker${label} | ${served.A}/${runs} | ${served.B}/${runs} | | |`);
      report(
        `popup − blank, same pair${label}`,
        popup.A?.map((p, i) => p - (blank.A?.[i] ?? 0)) ?? [],
        popup.B?.map((p, i) => p - (blank.B?.[i] ?? 0)) ?? [],
      );
    };
    if (only.has('paint')) await paintFigure('paint', false);
    if (only.has('paint-stopped')) await paintFigure('paint-stopped', true);
    if (only.has('cold-start')) {
      const pages = {
        A: await browsers.A.open(POPUP_PAGE),
        B: await browsers.B.open(POPUP_PAGE),
      };
      for (const side of sides) await probeResult(pages[side]);
      await sleep(1000);
      const cold: Record<string, number[]> = { A: [], B: [] };
      const warm: Record<string, number[]> = { A: [], B: [] };
      for (let i = 0; i < warmup + runs; i++) {
        for (const side of order(i)) {
          await browsers[side].stopWorker();
          await sleep(100);
          const c = await timeGetState(pages[side]);
          if (!c.ok) throw new Error(`getState failed in ${side}`);
          await sleep(50);
          const w = await timeGetState(pages[side]);
          if (i >= warmup) {
            cold[side]?.push(c.ms);
            warm[side]?.push(w.ms);
          }
        }
      }
      report('worker cold start → getState answered', cold.A ?? [], cold.B ?? []);
      report('getState warm', warm.A ?? [], warm.B ?? []);
    }
    if (only.has('paint-20')) {
      // Last: the other figures are taken with Alice's one connection.
      for (const side of sides) {
        const page = await browsers[side].open(POPUP_PAGE);
        await seedConnections(browsers[side], page, services.control, services.urls.proxyToken, 20);
        await page.close();
      }
      await paintFigure('paint-20', false);
    }
    console.log(
      `\nmachine busy ${machineCpuPercent(cpuStart, readMachineCpu()).toFixed(0)}% of 200%, load ${load.toFixed(2)} → ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
    );
  } finally {
    await closeAllBrowsers();
    await services.stop();
    killAllTargets();
  }
}

await main();
void OUT_BASE;
