/**
 * The Node limiter: `limitPerMinute` requests per key per fixed minute; a refusal's `Retry-After` is what is left
 * of that key's minute, not a whole minute every time.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { memoryRateLimiter } from './rate-limit';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

test('a key past its limit waits out what is left of its minute; other keys and the next minute are free', async () => {
  const limiter = memoryRateLimiter(2);
  expect((await limiter.limit('a')).allowed).toBe(true);
  vi.advanceTimersByTime(20_000);
  expect((await limiter.limit('a')).allowed).toBe(true);
  vi.advanceTimersByTime(25_000);
  expect(await limiter.limit('a')).toEqual({ allowed: false, retryAfterSeconds: 15 });
  expect((await limiter.limit('b')).allowed).toBe(true);
  vi.advanceTimersByTime(14_500);
  expect(await limiter.limit('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  vi.advanceTimersByTime(1_000);
  expect((await limiter.limit('a')).allowed).toBe(true);
});
