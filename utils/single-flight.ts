/**
 * Joins concurrent calls, one flight per key (`keyOf` of the arguments): while a run for a key is pending, every
 * caller with that key gets that same promise, whatever else it passed (the first caller's arguments win); a call
 * with another key starts its own run. A finished run (resolved or rejected) lets the next call start afresh. Keyed
 * because the work is about one thing among several (one connection's profile): joining another thing's run would
 * leave this one's undone.
 */
export function singleFlightPerKey<A extends unknown[], T>(
  keyOf: (...args: A) => string,
  run: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  const flights = new Map<string, Promise<T>>();
  return (...args: A) => {
    const key = keyOf(...args);
    const running = flights.get(key);
    if (running) return running;
    const flight = run(...args).finally(() => flights.delete(key));
    flights.set(key, flight);
    return flight;
  };
}
