/**
 * Moments in words: "2 minutes ago" for when a token was last checked, "19:42" (today) or "21 Nov, 19:42"
 * for when a cached profile was fetched, and the exact time for a `<time>`'s title. `locale` defaults to
 * the one the extension's messages are written in (format-locale.ts), so a 12-hour locale reads "7:42 PM"
 * and a German one "vor 2 Minuten".
 */
import { i18n } from '#i18n';
import { formatLocale } from './format-locale';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function ago(count: number, unit: Intl.RelativeTimeFormatUnit, locale: string): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(-count, unit);
}

/** "just now", "1 minute ago", "5 hours ago", "3 days ago"; past a month, the date. A future time (a clock skew) is "just now". */
export function relativeTimeWords(then: number, now: number, locale = formatLocale()): string {
  const elapsed = now - then;
  if (elapsed < MINUTE) return i18n.t('time.justNow');
  if (elapsed < HOUR) return ago(Math.floor(elapsed / MINUTE), 'minute', locale);
  if (elapsed < DAY) return ago(Math.floor(elapsed / HOUR), 'hour', locale);
  if (elapsed < 30 * DAY) return ago(Math.floor(elapsed / DAY), 'day', locale);
  return new Date(then).toLocaleDateString(locale, { dateStyle: 'medium' });
}

/**
 * A wait in words, rounded up to what a person reads: "now", "in 30 seconds", "in 2 minutes", "in 24 hours"
 * ("jetzt", "in 30 Sekunden"): for WordPress.com's `Retry-After`, which may be 0 or a day.
 */
export function waitWords(seconds: number, locale = formatLocale()): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 60) return format.format(Math.max(0, Math.ceil(seconds)), 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return format.format(minutes, 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "19:42" today, "21 Nov, 19:42" earlier this year, "21 Nov 2024, 19:42" before (as the locale writes them). */
export function clockWords(then: number, now: number, locale = formatLocale()): string {
  const date = new Date(then);
  const today = new Date(now);
  if (sameDay(date, today)) return date.toLocaleTimeString(locale, { timeStyle: 'short' });
  return date.toLocaleString(locale, {
    ...(date.getFullYear() === today.getFullYear() ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** The full date and time, for a `<time>`'s title: "21 Nov 2025, 19:42:05". */
export function exactTimeWords(then: number, locale = formatLocale()): string {
  return new Date(then).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** One formatter for the extension's locale, made once: a list of 20 connections formats 20 dates per render. */
let calendarFormat: Intl.DateTimeFormat | undefined;

/** "3 May 2025", as the extension's locale writes a date. */
export function calendarDateWords(then: number): string {
  calendarFormat ??= new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium' });
  return calendarFormat.format(then);
}

/** The machine-readable form for `<time datetime>`. */
export function isoTime(then: number): string {
  return new Date(then).toISOString();
}
