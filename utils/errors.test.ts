/**
 * What a page is told of a failure: our own errors with their code and words; anything else (our bug or the
 * platform's, whose message may hold a URL with a token, a code or a stack) only as `unexpected`, in fixed words.
 */
import { expect, test } from 'vitest';
import { ConnectError, toErrorInfo } from './errors';

const SECRET = 'secret-token-xyz';

test('our own error keeps its code, words and provider code', () => {
  expect(
    toErrorInfo(
      new ConnectError('rate_limited', 'Wait a minute.', {
        providerError: 'rate_limit_exceeded',
        retryAfterSeconds: 30,
      }),
    ),
  ).toEqual({
    code: 'rate_limited',
    message: 'Wait a minute.',
    providerError: 'rate_limit_exceeded',
    retryAfterSeconds: 30,
  });
});

test('anything else is unexpected, in fixed words, and nothing of its message, cause or stack', () => {
  const words = toErrorInfo(new Error('x')).message;
  expect(words).toMatch(/inside the extension/);
  for (const thrown of [
    new Error(SECRET),
    new TypeError(`Failed to fetch https://public-api.wordpress.com/oauth2/token-info?token=${SECRET}`),
    new DOMException(SECRET, 'AbortError'),
    Object.assign(new Error('plain'), { cause: SECRET, code: SECRET }),
    SECRET,
    { message: SECRET, code: 'token_invalid' },
    undefined,
  ]) {
    const told = toErrorInfo(thrown);
    expect(told).toEqual({ code: 'unexpected', message: words });
    expect(JSON.stringify(told)).not.toContain(SECRET);
  }
});
