/** The token endpoint's Retry-After as the proxy passes it on: seconds, HTTP dates of all three forms, bounds, garbage. */
import { describe, expect, it } from 'vitest';
import { MAX_UPSTREAM_RETRY_AFTER_SECONDS, upstreamRetryAfterSeconds } from './retry-after';

const NOW = Date.UTC(2030, 0, 1, 0, 0, 0);

describe('upstreamRetryAfterSeconds', () => {
  it('takes whole seconds, trimmed', () => {
    expect(upstreamRetryAfterSeconds('120', NOW)).toBe(120);
    expect(upstreamRetryAfterSeconds(' 7 ', NOW)).toBe(7);
    expect(upstreamRetryAfterSeconds('0090', NOW)).toBe(90);
  });

  it('turns an HTTP date into seconds from now, rounded up, in each of its three forms', () => {
    expect(upstreamRetryAfterSeconds('Tue, 01 Jan 2030 00:01:30 GMT', NOW)).toBe(90);
    expect(upstreamRetryAfterSeconds('Tuesday, 01-Jan-30 00:01:30 GMT', NOW)).toBe(90);
    expect(upstreamRetryAfterSeconds('Tue Jan  1 00:01:30 2030', NOW)).toBe(90);
    expect(upstreamRetryAfterSeconds('Tue, 01 Jan 2030 00:01:30 GMT', NOW - 500)).toBe(91);
    // What the emulator and most servers send: Date#toUTCString.
    expect(upstreamRetryAfterSeconds(new Date(NOW + 45_000).toUTCString(), NOW)).toBe(45);
  });

  it('keeps the wait between 1 s and an hour', () => {
    expect(MAX_UPSTREAM_RETRY_AFTER_SECONDS).toBe(3600);
    expect(upstreamRetryAfterSeconds('0', NOW)).toBe(1);
    expect(upstreamRetryAfterSeconds('Mon, 31 Dec 2029 23:00:00 GMT', NOW)).toBe(1);
    expect(upstreamRetryAfterSeconds('3601', NOW)).toBe(3600);
    expect(upstreamRetryAfterSeconds('86400000', NOW)).toBe(3600);
    expect(upstreamRetryAfterSeconds('9'.repeat(400), NOW)).toBe(3600);
    expect(upstreamRetryAfterSeconds('Wed, 01 Jan 2031 00:00:00 GMT', NOW)).toBe(3600);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['negative', '-5'],
    ['fractional', '1.5'],
    ['a unit', '30s'],
    ['text', 'soon'],
    ['a list', '30, 60'],
    ['an ISO date', '2030-01-01T00:01:30Z'],
    ['a date without its time zone', 'Tue, 01 Jan 2030 00:01:30'],
    ['a date in another zone', 'Tue, 01 Jan 2030 00:01:30 CET'],
    ['a day that does not exist', 'Thu, 31 Feb 2030 00:00:00 GMT'],
    ['an hour that does not exist', 'Tue, 01 Jan 2030 25:00:00 GMT'],
    ['a month in lower case', 'Tue, 01 jan 2030 00:01:30 GMT'],
    ['a header with a line break', '30\r\nSet-Cookie: a=b'],
  ])('drops %s', (_, header) => {
    expect(upstreamRetryAfterSeconds(header, NOW)).toBeUndefined();
  });
});
