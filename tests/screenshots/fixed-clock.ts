/**
 * One fixed moment for the extension's pages and its service worker, so screenshots show the same dates,
 * times and durations on every run. Pages get Playwright's clock (Date only; timers keep running). The
 * worker, which Playwright's clock does not reach, gets the same Date, and a `performance.now` that
 * advances a fixed step per call, so a console call always takes the same "time".
 */
import type { BrowserContext, Worker } from 'playwright-core';

/** 4 March 2025, 10:00 UTC: after every dated thing in the emulator's data. */
export const FIXED_TIME = Date.UTC(2025, 2, 4, 10, 0, 0);
/** Each `performance.now()` in the worker is this many milliseconds after the previous one. */
const STEP_MS = 23;

function worker(context: BrowserContext): Worker {
  const [serviceWorker] = context.serviceWorkers();
  if (!serviceWorker) throw new Error('The extension has no running service worker.');
  return serviceWorker;
}

export async function fixClocks(context: BrowserContext): Promise<void> {
  await context.clock.setFixedTime(FIXED_TIME);
  await worker(context).evaluate(
    ({ time, step }) => {
      const RealDate = Date;
      class FixedDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(time);
          else super(...(args as [string]));
        }
        static override now() {
          return time;
        }
      }
      globalThis.Date = FixedDate as DateConstructor;
      let elapsed = 0;
      Object.defineProperty(performance, 'now', {
        configurable: true,
        value: () => {
          elapsed += step;
          return elapsed;
        },
      });
    },
    { time: FIXED_TIME, step: STEP_MS },
  );
}

/** Fails if the worker was restarted since `fixClocks` (a new worker has the real clock). */
export async function expectClocksFixed(context: BrowserContext): Promise<void> {
  const now = await worker(context).evaluate(() => Date.now());
  if (now !== FIXED_TIME) throw new Error('The service worker restarted: its clock is no longer the fixed one.');
}
