/**
 * Joins concurrent calls: while one run is pending, every caller gets that same promise.
 * A finished run (resolved or rejected) lets the next call start afresh.
 */
export function singleFlight<T>(run: () => Promise<T>): { (): Promise<T>; readonly pending: boolean } {
  let current: Promise<T> | undefined;
  const call = () => {
    current ??= run().finally(() => {
      current = undefined;
    });
    return current;
  };
  return Object.defineProperty(call, 'pending', { get: () => current !== undefined }) as {
    (): Promise<T>;
    readonly pending: boolean;
  };
}
