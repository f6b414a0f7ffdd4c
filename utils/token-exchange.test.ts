/**
 * How the proxy's error answers read: a 429 is `rate_limited` with the wait the proxy gave, whichever limit it was
 * (the proxy's own per-client one or WordPress.com's, passed on); other refusals stay `exchange_failed`. The whole
 * exchange through the real proxy and emulator is in sign-in.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { ConnectError } from './errors';
import { processExchangeResponse } from './token-exchange';

const NOW = Date.UTC(2030, 0, 1);

function proxyAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

async function failureOf(response: Response): Promise<ConnectError> {
  const error = await processExchangeResponse(response, NOW).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConnectError)) throw new Error('expected a ConnectError');
  return error;
}

describe('a 429 from the proxy', () => {
  test('its own limit: rate_limited, the sign-in service named, and its wait', async () => {
    const error = await failureOf(
      proxyAnswer(429, { error: 'rate_limited', error_description: 'Too many requests…' }, { 'Retry-After': '42' }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', providerError: 'rate_limited', retryAfterSeconds: 42 });
    expect(error.message).toBe('The sign-in service has had too many sign-ins from your network for now.');
  });

  test('WordPress.com’s limit, passed on: rate_limited, WordPress.com named, and its wait', async () => {
    const error = await failureOf(proxyAnswer(429, { error: 'upstream_rate_limited' }, { 'Retry-After': '120' }));
    expect(error).toMatchObject({
      code: 'rate_limited',
      providerError: 'upstream_rate_limited',
      retryAfterSeconds: 120,
    });
    expect(error.message).toBe('WordPress.com asked the sign-in service to slow down.');
  });

  test('an HTTP date is read as seconds from now; no Retry-After leaves the wait unknown', async () => {
    const dated = await failureOf(
      proxyAnswer(429, { error: 'upstream_rate_limited' }, { 'Retry-After': 'Tue, 01 Jan 2030 00:00:30 GMT' }),
    );
    expect(dated.retryAfterSeconds).toBe(30);
    const bare = await failureOf(proxyAnswer(429, { error: 'upstream_rate_limited' }));
    expect([bare.code, bare.retryAfterSeconds]).toEqual(['rate_limited', undefined]);
  });

  test('whatever its body (a reverse proxy’s page): rate_limited, never its words', async () => {
    const error = await failureOf(proxyAnswer(429, '<html>Slow down, said nginx</html>', { 'Retry-After': '5' }));
    expect(error).toMatchObject({ code: 'rate_limited', providerError: undefined, retryAfterSeconds: 5 });
    expect(error.message).not.toMatch(/nginx/);
  });
});

test('other refusals stay exchange_failed, with no wait', async () => {
  const error = await failureOf(proxyAnswer(502, { error: 'upstream_error' }, { 'Retry-After': '5' }));
  expect(error).toMatchObject({
    code: 'exchange_failed',
    providerError: 'upstream_error',
    retryAfterSeconds: undefined,
  });
});

test('WordPress.com’s own refusals, which the proxy passes on, are told as WordPress.com’s, not as the proxy failing', async () => {
  for (const code of ['unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'access_denied']) {
    const error = await failureOf(proxyAnswer(400, { error: code }));
    expect(error, code).toMatchObject({ code: 'exchange_failed', providerError: code });
    expect(error.message, code).toMatch(/^WordPress\.com /);
  }
  // A passing trouble there is for later.
  const later = await failureOf(proxyAnswer(400, { error: 'temporarily_unavailable' }));
  expect(later).toMatchObject({ code: 'service_unavailable', providerError: 'temporarily_unavailable' });
  expect(later.message).toBe('WordPress.com could not complete the sign-in just now.');
  // A code the proxy never passes on stays the proxy's failure, with its status.
  expect((await failureOf(proxyAnswer(400, { error: 'something_else' }))).message).toMatch(/HTTP 400/);
});

describe('what kind of token an answer is', () => {
  const answer = (fields: Record<string, unknown>) =>
    proxyAnswer(200, { access_token: 'tok', token_type: 'bearer', ...fields });

  test('an empty scope is one site in full, when a site is named', async () => {
    const connection = await processExchangeResponse(
      answer({ blog_id: 5001, blog_url: 'https://a.example', scope: '' }),
      NOW,
      {
        level: 'global',
      },
    );
    expect(connection).toMatchObject({ kind: 'site', blogId: 5001, scope: [] });
  });

  test('no scope and no site says no kind: it is the kind asked for, never a site it does not name', async () => {
    for (const blog of [{ blog_id: 0 }, { blog_id: '0' }, { blog_id: null }, {}]) {
      const none = { ...blog, blog_url: null, scope: '' };
      expect((await processExchangeResponse(answer(none), NOW, { level: 'global' })).kind).toBe('global');
      expect((await processExchangeResponse(answer(none), NOW, { level: 'profile' })).kind).toBe('login');
      const site = await processExchangeResponse(answer(none), NOW, { level: 'site', scopes: [] });
      expect(site).toMatchObject({ kind: 'site', blogId: null });
    }
  });
});

describe('a token answer whose token no request could carry', () => {
  test.each([
    ['a line break', 'SECRET)%&@(^\r\nX-Injected: 1'],
    ['a space', 'SECRET )%&@(^'],
    ['a character past Latin-1', 'SECRET)%&@(^€'],
    ['a control character', 'SECRET)%&@(^\u0000'],
  ])('with %s: a bad token answer that says the access may be live, and never the token', async (_, token) => {
    const error = await failureOf(proxyAnswer(200, { access_token: token, token_type: 'bearer', scope: 'auth' }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/no request can carry.*Connected Apps/);
    expect(`${error.message} ${JSON.stringify(error.cause ?? '')}`).not.toContain('SECRET');
  });

  test('WordPress.com’s own characters, `)%&@(^` and the rest of visible ASCII, are a token', async () => {
    const token = `${String.fromCharCode(...Array.from({ length: 94 }, (_, i) => 0x21 + i))})%&@(^`;
    const connection = await processExchangeResponse(
      proxyAnswer(200, { access_token: token, token_type: 'bearer', scope: 'auth' }),
      NOW,
    );
    expect(connection.accessToken).toBe(token);
  });

  test('an answer unusable for another reason keeps its own words', async () => {
    const error = await failureOf(proxyAnswer(200, { access_token: 'tok', token_type: 'mac' }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe('The sign-in service sent back an unusable token answer.');
    const empty = await failureOf(proxyAnswer(200, { access_token: '', token_type: 'bearer' }));
    expect(empty.message).toBe('The sign-in service sent back an unusable token answer.');
  });
});
