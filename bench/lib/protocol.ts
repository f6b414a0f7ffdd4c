/** Messages between the bench and each target child process (over the IPC channel of `spawn`). */

/** What a target reports about itself. Memory in bytes, CPU in microseconds since the process started. */
export interface ProcessSample {
  /** Resident set size now. */
  rss: number;
  /** Peak resident set size over the process's life (getrusage maxrss). */
  maxRss: number;
  heapUsed: number;
  heapTotal: number;
  /** C++ objects bound to JS (buffers included). */
  external: number;
  arrayBuffers: number;
  cpuUserUs: number;
  cpuSystemUs: number;
}

export type ParentMessage = { type: 'sample'; id: number } | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; url: string; pid: number; node: string }
  | { type: 'sample'; id: number; sample: ProcessSample }
  | { type: 'failed'; message: string };

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
