import { expect, test } from 'vitest';
import { ERROR_CODES } from '../utils/errors';
import { errorWords, nextStep } from './error-words';

test('every error code has words of its own', () => {
  const words = ERROR_CODES.map(errorWords);
  for (const each of words) expect(each).toMatch(/\S/);
  expect(new Set(words).size).toBe(ERROR_CODES.length);
});

test('a rate limit says when to try again', () => {
  expect(nextStep({ code: 'rate_limited', retryAfterSeconds: 30 })).toBe('Try again in 30 seconds.');
  // Rounded up to what a person reads, and a wait that has passed is no wait.
  expect(nextStep({ code: 'rate_limited', retryAfterSeconds: 90 })).toBe('Try again in 2 minutes.');
  expect(nextStep({ code: 'rate_limited', retryAfterSeconds: 3599 })).toBe('Try again in 1 hour.');
  expect(nextStep({ code: 'rate_limited', retryAfterSeconds: 86_400 })).toBe('Try again in 24 hours.');
  expect(nextStep({ code: 'rate_limited', retryAfterSeconds: 0 })).toBe('Try again now.');
  expect(nextStep({ code: 'rate_limited' })).toMatch(/try again/);
});

test('codes with something to do say what; the others say nothing more', () => {
  expect(nextStep({ code: 'network' })).toMatch(/internet connection/);
  expect(nextStep({ code: 'state_mismatch' })).toBeUndefined();
  expect(nextStep({ code: 'unexpected' })).toMatch(/restart the browser/);
});
