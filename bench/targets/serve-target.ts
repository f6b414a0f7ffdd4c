/**
 * The child side of a bench target: starts a server, tells the parent its URL over IPC, answers
 * memory/CPU sample requests, and exits on `stop`, on SIGINT/SIGTERM, or when the parent goes away.
 */
import process from 'node:process';
import type { ChildMessage, ParentMessage, ProcessSample } from '../lib/protocol.ts';

export interface StartedTarget {
  url: string;
  close(): Promise<void>;
}

function sample(): ProcessSample {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rss: memory.rss,
    // maxRSS is in kilobytes.
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
  };
}

export async function serveTarget(start: () => Promise<StartedTarget>): Promise<void> {
  const send = (message: ChildMessage) => process.send?.(message);
  if (!process.send) throw new Error('Run this file through bench/proxy-bench.ts (it needs an IPC channel).');

  let target: StartedTarget | undefined;
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    // A hard deadline: a close that hangs must not keep the child alive.
    setTimeout(() => process.exit(code), 3000).unref();
    const closing = target ? target.close() : Promise.resolve();
    closing.then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'sample') send({ type: 'sample', id: message.id, sample: sample() });
    else if (message.type === 'stop') stop(0);
  });
  // The parent died or closed the channel: never outlive it.
  process.on('disconnect', () => stop(0));
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));

  try {
    target = await start();
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  send({ type: 'ready', url: target.url, pid: process.pid, node: process.version });
}

/** `--name value` from this process's arguments. */
export function argValue(name: string): string {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? undefined : process.argv[index + 1];
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
}
