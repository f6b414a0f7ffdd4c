/**
 * Joins concurrent calls: while one run is pending, every caller gets that same promise, whatever
 * arguments it passed (the first caller's arguments win). A finished run (resolved or rejected) lets
 * the next call start afresh.
 */
export interface SingleFlight<A extends unknown[], T> {
  (...args: A): Promise<T>;
  readonly pending: boolean;
}

export function singleFlight<A extends unknown[], T>(run: (...args: A) => Promise<T>): SingleFlight<A, T> {
  let current: Promise<T> | undefined;
  const call = (...args: A) => {
    current ??= run(...args).finally(() => {
      current = undefined;
    });
    return current;
  };
  return Object.defineProperty(call, 'pending', { get: () => current !== undefined }) as SingleFlight<A, T>;
}
