/**
 * Target child processes, each a plain `node --import tsx FILE` (one process, so its RSS and CPU are
 * the target's alone: the `tsx` CLI would add a wrapper process). Every child started here is
 * tracked and killed when the bench exits, however it exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { isChildMessage, type ParentMessage, type ProcessSample } from './protocol.ts';

const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STARTUP_TIMEOUT_MS = 30_000;
const SAMPLE_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;

const live = new Set<ChildProcess>();

export interface TargetProcess {
  name: string;
  url: string;
  pid: number;
  node: string;
  sample(): Promise<ProcessSample>;
  stop(): Promise<void>;
}

export interface StartTargetOptions {
  /** Extra Node flags for the child, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  args?: string[];
  /**
   * A shell launcher that ends in `exec node …` (`proxy/run-node.sh`): the child is started as
   * `sh LAUNCHER [nodeFlags] FILE [args]` with `PROXY_NODE` set to this Node, so it runs with the launcher's
   * environment and flags, as in production. `exec` keeps the process (pid, IPC channel) the same.
   */
  launcher?: string;
}

/** Starts `bench/targets/<file>` (or an absolute path) and resolves once it listens. */
export function startTarget(name: string, file: string, options: StartTargetOptions = {}): Promise<TargetProcess> {
  const script = path.resolve(BENCH_DIR, 'targets', file);
  // TypeScript goes through tsx's loader; an already built .js/.mjs file runs on plain Node.
  const loader = /\.[cm]?js$/.test(script) ? [] : ['--import', 'tsx'];
  const nodeArgs = [...(options.nodeFlags ?? []), ...loader, script, ...(options.args ?? [])];
  const [command, commandArgs] = options.launcher
    ? ['sh', [options.launcher, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(command, commandArgs, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production', PROXY_NODE: process.execPath },
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => live.delete(child));

  const pending = new Map<number, (sample: ProcessSample) => void>();
  let nextId = 1;
  child.on('message', (message: unknown) => {
    if (isChildMessage(message) && message.type === 'sample') {
      pending.get(message.id)?.(message.sample);
      pending.delete(message.id);
    }
  });
  const send = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${name} did not start within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
    function fail(error: Error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.kill('SIGKILL');
      reject(error);
    }
    child.once('exit', onExit);
    child.on('message', function onReady(message: unknown) {
      if (!isChildMessage(message)) return;
      if (message.type === 'failed') fail(new Error(`${name} failed to start: ${message.message}`));
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('message', onReady);
      resolve({
        name,
        url: message.url,
        pid: message.pid,
        node: message.node,
        sample: () =>
          new Promise((done, sampleFailed) => {
            const id = nextId++;
            const timeout = setTimeout(() => {
              pending.delete(id);
              sampleFailed(new Error(`${name} did not answer a sample request`));
            }, SAMPLE_TIMEOUT_MS);
            pending.set(id, (sample) => {
              clearTimeout(timeout);
              done(sample);
            });
            send({ type: 'sample', id });
          }),
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          send({ type: 'stop' });
          const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timeout);
        },
      });
    });
  });
}

/** Kills every child still running (SIGKILL: used on the way out, when there is no time to wait). */
export function killAllTargets(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** Children die with the bench: on normal exit, on an uncaught error, on Ctrl-C or SIGTERM. */
export function installCleanup(onSignal: (signal: NodeJS.Signals) => void): void {
  process.on('exit', killAllTargets);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => onSignal(signal));
  }
}
