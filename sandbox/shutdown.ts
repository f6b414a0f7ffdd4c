/**
 * What `npm start` has started, to stop on the way out: last started, first stopped, each once.
 * Something added after stopping began is stopped at once.
 */

export interface StopFailure {
  label: string;
  error: unknown;
}

export interface Shutdown {
  /** `timeoutMs` replaces the shutdown's own limit for this one stop. */
  add(label: string, stop: () => Promise<void>, options?: { timeoutMs?: number }): void;
  /**
   * Something still starting (a browser being launched) that a stop must not leave behind: once `starting` settles,
   * what it started is closed. A launch that fails cleans up after itself.
   */
  addStarting(label: string, starting: Promise<{ close(): Promise<void> }>, options?: { timeoutMs?: number }): void;
  readonly stopping: boolean;
  /** Stops everything added so far; the same promise on every call. Never rejects: failures are returned. */
  run(): Promise<StopFailure[]>;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not stop within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createShutdown(options: { timeoutMs?: number } = {}): Shutdown {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const stack: Array<{ label: string; stop: () => Promise<void>; timeoutMs: number }> = [];
  let running: Promise<StopFailure[]> | undefined;

  async function stopAll(): Promise<StopFailure[]> {
    const failures: StopFailure[] = [];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      try {
        await withTimeout(entry.stop(), entry.timeoutMs);
      } catch (error) {
        failures.push({ label: entry.label, error });
      }
    }
    return failures;
  }

  const add: Shutdown['add'] = (label, stop, options = {}) => {
    if (running) void stop().catch(() => {});
    else stack.push({ label, stop, timeoutMs: options.timeoutMs ?? timeoutMs });
  };

  return {
    add,
    addStarting(label, starting, options) {
      // Its failure is the starter's to report; here it only means there is nothing to close.
      const settled = starting.catch(() => undefined);
      add(label, async () => (await settled)?.close(), options);
    },
    get stopping() {
      return running !== undefined;
    },
    run() {
      running ??= stopAll();
      return running;
    },
  };
}
