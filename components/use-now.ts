import { useEffect, useMemo, useState } from 'preact/hooks';

/** The current time, renewed every `everyMs`, so "2 minutes ago" stays true while the popup is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * What is left, in whole seconds, of the wait a failure asked for (WordPress.com's `Retry-After`), counted from when
 * that failure was first shown, renewed as each second passes until it reaches 0. Undefined with no wait. Worked out
 * from a deadline at each render, so a timer that fires late (a popup in the background) does not slow it. A new failure
 * is a new wait, though its seconds are the same.
 */
export function useSecondsLeft(failure: { retryAfterSeconds?: number | undefined }): number | undefined {
  const seconds = failure.retryAfterSeconds;
  const deadline = useMemo(() => (seconds === undefined ? undefined : Date.now() + seconds * 1000), [failure]);
  const [, render] = useState(0);
  useEffect(() => {
    if (deadline === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Renewed as the whole seconds left change ("44 seconds" the moment fewer than 45 are left), not a second late.
    const tick = () => {
      render((count) => count + 1);
      const left = deadline - Date.now();
      if (left > 0) timer = setTimeout(tick, left % 1000 || 1000);
    };
    tick();
    return () => clearTimeout(timer);
  }, [deadline]);
  return deadline === undefined ? undefined : Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
}
