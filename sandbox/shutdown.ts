/**
 * What `npm start` has started, to stop on the way out: last started, first stopped, each once.
 * Something added after stopping began is stopped at once.
 */

export interface StopFailure {
  label: string;
  error: unknown;
}

export interface Shutdown {
  add(label: string, stop: () => Promise<void>): void;
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
  const stack: Array<{ label: string; stop: () => Promise<void> }> = [];
  let running: Promise<StopFailure[]> | undefined;

  async function stopAll(): Promise<StopFailure[]> {
    const failures: StopFailure[] = [];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      try {
        await withTimeout(entry.stop(), timeoutMs);
      } catch (error) {
        failures.push({ label: entry.label, error });
      }
    }
    return failures;
  }

  return {
    add(label, stop) {
      if (running) void stop().catch(() => {});
      else stack.push({ label, stop });
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
