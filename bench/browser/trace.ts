/** A DevTools trace (Tracing domain) around one action, for the breakdowns of the cold start and the sign-in. */
import type { CDPSession } from 'playwright-core';
import { sleep } from './summary.ts';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: Record<string, unknown> & { name?: string; data?: Record<string, unknown> };
}

/** Traces `categories` from 100 ms before `during` until 150 ms after it; returns the events and its result. */
export async function recordTrace<T>(
  cdp: CDPSession,
  categories: string[],
  during: () => Promise<T>,
): Promise<{ events: TraceEvent[]; result: T }> {
  const events: TraceEvent[] = [];
  // The protocol types trace events as string maps; they are JSON objects with numbers too.
  const onData = (data: { value: unknown[] }) => {
    events.push(...(data.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories } });
  try {
    await sleep(100);
    const result = await during();
    await sleep(150);
    return { events, result };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
}
