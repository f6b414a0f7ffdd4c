/**
 * `Retry-After` (RFC 9110 §10.2.3) as seconds from now: whole seconds, or an HTTP date. Dates are read by hand, in
 * exactly the three forms RFC 9110 §5.6.7 allows, rather than by `Date.parse`, which takes almost any text for a
 * date (and rolls 31 February over into March). Pure: the extension and the proxy (Node and Workers) read it alike.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(?<month>${MONTHS.join('|')})`;
const TIME = '(?<hour>\\d{2}):(?<minute>\\d{2}):(?<second>\\d{2})';
/** RFC 9110 §5.6.7's three forms: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the one senders must use… */
const IMF_FIXDATE = new RegExp(`^${DAY}, (?<day>\\d{2}) ${MONTH} (?<year>\\d{4}) ${TIME} GMT$`);
/** …and the obsolete ones recipients must still read: RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`)… */
const RFC_850 = new RegExp(`^${LONG_DAY}, (?<day>\\d{2})-${MONTH}-(?<year>\\d{2}) ${TIME} GMT$`);
/** …and asctime (`Sun Nov  6 08:49:37 1994`). */
const ASCTIME = new RegExp(`^${DAY} ${MONTH} (?<day> \\d|\\d{2}) ${TIME} (?<year>\\d{4})$`);

/** RFC 850's two-digit year: the one that is not more than 50 years ahead (RFC 9110 §5.6.7). */
function fullYear(twoDigits: number): number {
  const current = new Date().getUTCFullYear();
  const year = Math.floor(current / 100) * 100 + twoDigits;
  return year > current + 50 ? year - 100 : year;
}

/** An HTTP date in any of its three forms, as ms since the epoch; undefined when it is none (or no real day). */
export function parseHttpDate(value: string): number | undefined {
  const groups = (IMF_FIXDATE.exec(value) ?? RFC_850.exec(value) ?? ASCTIME.exec(value))?.groups;
  if (!groups) return undefined;
  const [day, hour, minute, second, year] = [groups.day, groups.hour, groups.minute, groups.second, groups.year].map(
    Number,
  ) as [number, number, number, number, number];
  if (day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  // A leap second is read as the second before it.
  const ms = Date.UTC(
    year < 100 ? fullYear(year) : year,
    MONTHS.indexOf(groups.month ?? ''),
    day,
    hour,
    minute,
    Math.min(second, 59),
  );
  // 31 Feb and the like roll over into the next month: not a date.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}

/** Seconds from `now` the header asks to wait (0 for a date already past); undefined when absent or unreadable. */
export function retryAfterFromNow(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value);
  const at = parseHttpDate(value);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
