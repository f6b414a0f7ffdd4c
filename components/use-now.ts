import { useEffect, useState } from 'preact/hooks';

/** The current time, renewed every `everyMs`, so "2 minutes ago" stays true while the popup is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
