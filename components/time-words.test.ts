import { expect, test } from 'vitest';
import { clockWords, isoTime, relativeTimeWords } from './time-words';

const now = new Date(2025, 10, 21, 19, 42, 30).getTime();
const MINUTE = 60_000;

test('recent moments read as time ago', () => {
  expect(relativeTimeWords(now - 20_000, now)).toBe('just now');
  expect(relativeTimeWords(now + 5_000, now)).toBe('just now'); // a clock a little ahead
  expect(relativeTimeWords(now - MINUTE, now)).toBe('1 minute ago');
  expect(relativeTimeWords(now - 2.5 * MINUTE, now)).toBe('2 minutes ago');
  expect(relativeTimeWords(now - 60 * MINUTE, now)).toBe('1 hour ago');
  expect(relativeTimeWords(now - 5 * 60 * MINUTE, now)).toBe('5 hours ago');
  expect(relativeTimeWords(now - 3 * 24 * 60 * MINUTE, now)).toBe('3 days ago');
});

test('time ago in the locale given: German reads "vor 2 Minuten"', () => {
  expect(relativeTimeWords(now - 2 * MINUTE, now, 'de')).toBe('vor 2 Minuten');
  expect(relativeTimeWords(now - 60 * MINUTE, now, 'de')).toBe('vor 1 Stunde');
});

test('past a month, the date itself', () => {
  const then = new Date(2025, 4, 3, 9, 0).getTime();
  expect(relativeTimeWords(then, now, 'en-GB')).toBe('3 May 2025');
});

test('"last updated" is a clock time today, with the day before that, and the year before this one', () => {
  expect(clockWords(new Date(2025, 10, 21, 8, 5).getTime(), now, 'en-GB')).toBe('08:05');
  expect(clockWords(new Date(2025, 10, 20, 19, 42).getTime(), now, 'en-GB')).toBe('20 Nov, 19:42');
  expect(clockWords(new Date(2024, 10, 21, 19, 42).getTime(), now, 'en-GB')).toBe('21 Nov 2024, 19:42');
  expect(clockWords(new Date(2025, 10, 20, 19, 42).getTime(), now, 'en-US')).toBe('Nov 20, 7:42 PM');
});

test('the machine-readable time is ISO 8601', () => {
  expect(isoTime(Date.UTC(2025, 10, 21, 19, 42))).toBe('2025-11-21T19:42:00.000Z');
});
