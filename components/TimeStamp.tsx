import { calendarDateWords, clockWords, exactTimeWords, isoTime, relativeTimeWords } from './time-words';
import { useNow } from './use-now';

/** "2 minutes ago", kept current; the exact moment in `datetime` and as the tooltip. */
export function RelativeTime({ at }: { at: number }) {
  const now = useNow();
  return (
    <time datetime={isoTime(at)} title={exactTimeWords(at)}>
      {relativeTimeWords(at, now)}
    </time>
  );
}

/** "19:42" today, "21 Nov, 19:42" another day; the exact moment in `datetime` and as the tooltip. */
export function ClockTime({ at }: { at: number }) {
  const now = useNow();
  return (
    <time datetime={isoTime(at)} title={exactTimeWords(at)}>
      {clockWords(at, now)}
    </time>
  );
}

/** "3 May 2025", with the exact moment in `datetime` and as the tooltip. */
export function CalendarDate({ at }: { at: number }) {
  return (
    <time datetime={isoTime(at)} title={exactTimeWords(at)}>
      {calendarDateWords(at)}
    </time>
  );
}
