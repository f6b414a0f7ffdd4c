/** Retry-After's HTTP dates, in the three forms RFC 9110 allows and no other. */
import { describe, expect, it } from 'vitest';
import { parseHttpDate, retryAfterFromNow } from './retry-after';

describe('parseHttpDate', () => {
  it('reads the three forms as the same instant', () => {
    const at = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(at);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(at);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(at);
    expect(parseHttpDate('Sun Nov 16 08:49:37 1994')).toBe(Date.UTC(1994, 10, 16, 8, 49, 37));
  });

  it('reads a leap second as the second before it, and 29 February only in a leap year', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59));
    expect(parseHttpDate('Thu, 29 Feb 2024 00:00:00 GMT')).toBe(Date.UTC(2024, 1, 29));
    expect(parseHttpDate('Sat, 29 Feb 2025 00:00:00 GMT')).toBeUndefined();
  });
});

describe('retryAfterFromNow', () => {
  const NOW = Date.UTC(2030, 0, 1, 0, 0, 0);
  it('reads seconds or a date; a date already past is 0; anything else is no answer', () => {
    expect(retryAfterFromNow(' 120 ', NOW)).toBe(120);
    expect(retryAfterFromNow('Tue, 01 Jan 2030 00:01:30 GMT', NOW)).toBe(90);
    expect(retryAfterFromNow('Mon, 31 Dec 2029 23:00:00 GMT', NOW)).toBe(0);
    for (const garbage of [null, undefined, '', '-5', '1.5', 'soon', 'Thu, 31 Feb 2030 00:00:00 GMT']) {
      expect(retryAfterFromNow(garbage, NOW)).toBeUndefined();
    }
  });
});
