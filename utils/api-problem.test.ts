import { describe, expect, test } from 'vitest';
import { DEFAULT_RETRY_AFTER_SECONDS, endpointFailure, meFailure, retryAfterSeconds } from './api-problem';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const body = (error: string, message = '') => ({ error, message });

describe('Retry-After', () => {
  test('seconds, an HTTP date, or the default', () => {
    expect(retryAfterSeconds('120', NOW)).toBe(120);
    expect(retryAfterSeconds(' 0 ', NOW)).toBe(0);
    expect(retryAfterSeconds('Tue, 01 Jan 2030 00:01:30 GMT', NOW)).toBe(90);
    expect(retryAfterSeconds('Mon, 31 Dec 2029 23:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterSeconds(null, NOW)).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds('soon', NOW)).toBe(60);
    expect(retryAfterSeconds('-5', NOW)).toBe(60);
    expect(retryAfterSeconds('99999999999', NOW)).toBe(86_400);
    expect(retryAfterSeconds('9999999', NOW)).toBe(86_400);
    // A caller may wait longer than a minute when the header is missing (Gravatar: an hour).
    expect(retryAfterSeconds(null, NOW, 3600)).toBe(3600);
    expect(retryAfterSeconds('soon', NOW, 3600)).toBe(3600);
    expect(retryAfterSeconds('120', NOW, 3600)).toBe(120);
  });
});

describe('console call errors', () => {
  test.each([
    [403, body('authorization_required', 'Access token does not have the required scope'), 'scope_insufficient'],
    [403, body('unauthorized', 'User cannot access this blog'), 'not_permitted'],
    [403, body('unauthorized', 'You cannot make requests from this origin.'), 'origin_refused'],
    [400, body('invalid_token', 'The OAuth2 token is invalid.'), 'token_invalid'],
    [403, body('invalid_token'), 'token_invalid'],
    [
      403,
      body(
        'authorization_required',
        'An active access token must be used to query information about the current user.',
      ),
      'token_invalid',
    ],
    [404, body('unknown_blog', 'Unknown blog'), 'not_found'],
    [404, 'not json', 'not_found'],
    [429, undefined, 'rate_limited'],
    [500, body('server_error'), 'service_unavailable'],
    [503, undefined, 'service_unavailable'],
    [400, body('invalid_input'), 'invalid_params'],
    [401, undefined, 'not_permitted'],
    [418, undefined, 'invalid_response'],
  ] as const)('HTTP %i %j → %s', (status, answer, code) => {
    const error = endpointFailure({ status, body: answer }, NOW);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
  });

  test('what happened is said, and what to do next by its code alone (never twice in one message)', () => {
    const scope = endpointFailure({ status: 403, body: body('authorization_required', 'scope') }, NOW);
    expect(scope.code).toBe('scope_insufficient');
    expect(scope.message).toBe('WordPress.com refused this endpoint for this connection’s access (HTTP 403).');
    const token = endpointFailure({ status: 400, body: body('invalid_token') }, NOW);
    expect(token.code).toBe('token_invalid');
    expect(token.message).toMatch(/no longer accepts.*removed\.$/);
    expect(
      endpointFailure({ status: 403, body: body('unauthorized', 'User cannot access this blog') }, NOW).message,
    ).toMatch(/not yours/);
  });

  test('a 429 says when to retry', () => {
    const error = endpointFailure({ status: 429, body: undefined, retryAfter: '30' }, NOW);
    expect(error.retryAfterSeconds).toBe(30);
    // The wait is the next step's (error-words.ts `nextStep`), said once; the message does not repeat it.
    expect(error.message).toBe('WordPress.com asked to slow down.');
    expect(endpointFailure({ status: 429, body: undefined }, NOW).retryAfterSeconds).toBe(60);
  });

  test('an origin refusal is told by its body at any status, as at /me: the doc gives no status', () => {
    const origin = body('unauthorized', 'You cannot make requests from this origin.');
    for (const status of [400, 401, 403, 404, 418]) {
      const console = endpointFailure({ status, body: origin }, NOW);
      expect([console.code, console.providerError]).toEqual(['origin_refused', 'unauthorized']);
      expect(console.message).toMatch(/refused this extension’s origin/);
      expect(meFailure({ status, body: origin }, NOW).code).toBe('origin_refused');
    }
    // Only with the origin words: another `unauthorized` keeps the status's meaning.
    expect(endpointFailure({ status: 400, body: body('unauthorized', 'User cannot access this blog') }, NOW).code).toBe(
      'invalid_params',
    );
    expect(endpointFailure({ status: 401, body: body('unauthorized') }, NOW).code).toBe('not_permitted');
  });

  test('only a plain provider code is kept, and the provider’s message never', () => {
    const odd = endpointFailure({ status: 403, body: body('<script>', 'secret-ish words') }, NOW);
    expect(odd.providerError).toBeUndefined();
    expect(odd.message).not.toContain('secret-ish');
    expect(endpointFailure({ status: 403, body: body('unauthorized', 'x') }, NOW).providerError).toBe('unauthorized');
  });
});

describe('/me errors', () => {
  test('any refusal of the token at /me means it is dead', () => {
    expect(
      meFailure({ status: 403, body: body('authorization_required', 'An active access token must be used…') }, NOW)
        .code,
    ).toBe('token_invalid');
    expect(meFailure({ status: 400, body: body('invalid_token') }, NOW).code).toBe('token_invalid');
    expect(meFailure({ status: 403, body: body('unauthorized') }, NOW).code).toBe('not_permitted');
    expect(meFailure({ status: 429, body: undefined, retryAfter: '5' }, NOW)).toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 5,
    });
    expect(meFailure({ status: 502, body: undefined }, NOW).code).toBe('service_unavailable');
    expect(meFailure({ status: 404, body: undefined }, NOW).code).toBe('invalid_response');
  });

  test('an origin refusal is the extension’s setup, not the account’s: said so, and the token kept', () => {
    const error = meFailure(
      { status: 403, body: body('unauthorized', 'You cannot make requests from this origin.') },
      NOW,
    );
    expect([error.code, error.providerError]).toEqual(['origin_refused', 'unauthorized']);
    expect(error.message).toMatch(/refused this extension’s origin/);
  });
});
