/**
 * Proxy: the latest figures of `npm run bench:proxy` (bench/results/proxy.json, and proxy-1conn.json when
 * there is one), with their date. Not re-run by default (it takes about 2.5 minutes); `--with-proxy` runs
 * `bench/proxy-bench.ts` first, as a child process that is stopped with the bench.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './services.ts';

export interface ProxyFigures {
  file: string;
  date: string;
  connections: number;
  valid: boolean;
  medians: {
    proxy: { exchangesPerSec: number; p50Ms: number; p99Ms: number; maxPeakRssMb: number };
    forwarder: { exchangesPerSec: number; p50Ms: number; p99Ms: number; maxPeakRssMb: number };
  };
  verdicts: Array<{ name: string; goal: string; measured: string; pass: boolean }>;
}

const FILES = ['proxy.json', 'proxy-1conn.json'];
let running: ChildProcess | undefined;

export function readProxyFigures(): ProxyFigures[] {
  return FILES.map((file) => path.join(ROOT, 'bench', 'results', file))
    .filter((file) => existsSync(file))
    .map((file) => {
      const report = JSON.parse(readFileSync(file, 'utf8')) as Omit<ProxyFigures, 'file' | 'connections'> & {
        settings: { connections: number };
      };
      return {
        file: path.relative(ROOT, file),
        date: report.date,
        connections: report.settings.connections,
        valid: report.valid,
        medians: report.medians,
        verdicts: report.verdicts,
      };
    });
}

/** `npm run bench:proxy` (its defaults), output passed through; rejects if it fails. */
export function runProxyBench(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/proxy-bench.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    running = child;
    child.on('close', (code, signal) => {
      running = undefined;
      if (code === 0) resolve();
      else reject(new Error(`bench:proxy failed (${signal ?? `exit ${code}`})`));
    });
  });
}

export function stopProxyBench(): void {
  running?.kill('SIGTERM');
}
