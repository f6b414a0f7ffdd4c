import { expect, test } from 'vitest';
import { ERROR_CODES } from '../utils/errors';
import { ERROR_WORDS, nextStep } from './error-words';

test('every error code has words', () => {
  for (const code of ERROR_CODES) expect(ERROR_WORDS[code]).toMatch(/\S/);
});

test('a rate limit says when to try again', () => {
  expect(nextStep({ code: 'rate_limited', retryAfterSeconds: 30 })).toBe('Try again in 30 s.');
  expect(nextStep({ code: 'rate_limited' })).toMatch(/try again/);
});
