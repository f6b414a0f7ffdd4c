/**
 * `processTokenResponse` is the pure half of the exchange: these feed it Response objects of the shapes
 * WordPress.com is documented to send (and some it should not), without any fetch. The exchange over
 * HTTP is covered against the emulator in app.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ProxyError } from './errors';
import { fetchUpstream, MAX_UPSTREAM_BODY_BYTES, processTokenResponse, type UpstreamAnswer } from './upstream-token';

const CODE = 'Xy7QpL2mZk';
const SECRET = 'client-secret-value';

const json = (body: unknown, status = 200): UpstreamAnswer => ({ status, text: JSON.stringify(body) });

const token = {
  access_token: 'a)%&@(^token',
  token_type: 'bearer',
  blog_id: 0,
  blog_url: 'http://public-api.wordpress.com',
  scope: 'auth',
};

function failure(response: UpstreamAnswer): ProxyError {
  try {
    processTokenResponse(response);
  } catch (error) {
    if (error instanceof ProxyError) return error;
  }
  throw new Error('expected a ProxyError');
}

describe('processTokenResponse', () => {
  it('returns exactly the documented fields, dropping extras', () => {
    expect(processTokenResponse(json({ ...token, extra: 'x' }))).toEqual(token);
  });

  it('turns a numeric-string blog_id into a number, keeps null, and accepts "Bearer"', () => {
    expect(processTokenResponse(json({ ...token, blog_id: '123456', token_type: 'Bearer' }))).toEqual({
      ...token,
      blog_id: 123456,
    });
    expect(processTokenResponse(json({ ...token, blog_id: null, blog_url: null, scope: 'global' }))).toEqual({
      ...token,
      blog_id: null,
      blog_url: null,
      scope: 'global',
    });
  });

  it('defaults blog_id, blog_url and scope when absent, as the extension reads them: the code is spent by now', () => {
    const { access_token, token_type } = token;
    expect(processTokenResponse(json({ access_token, token_type }))).toEqual({
      access_token,
      token_type,
      blog_id: null,
      blog_url: null,
      scope: '',
    });
  });

  it.each([
    ['a non-bearer token type', { ...token, token_type: 'mac' }],
    ['an empty access token', { ...token, access_token: '' }],
    ['a non-numeric blog_id', { ...token, blog_id: '12a' }],
  ])('answers 502 upstream_error for %s', (_, body) => {
    const error = failure(json(body));
    expect([error.status, error.code]).toEqual([502, 'upstream_error']);
  });

  it('answers 502 for a 200 that is not JSON, a 3xx, a 5xx and a non-JSON 4xx', () => {
    for (const response of [
      { status: 200, text: '<html>portal</html>' },
      { status: 302, text: '' },
      json({ error: 'server_error' }, 500),
      { status: 400, text: 'Bad Request' },
      json({ message: 'no error field' }, 400),
    ]) {
      const error = failure(response);
      expect([error.status, error.code]).toEqual([502, 'upstream_error']);
    }
  });

  it('passes a provider 4xx error code on with its status, in our own words', () => {
    const error = failure(json({ error: 'invalid_grant', error_description: 'The code has expired.' }, 400));
    expect([error.status, error.code]).toEqual([400, 'invalid_grant']);
    expect(error.message).toMatch(/^The authorization code was refused/);
    const client = failure(json({ error: 'invalid_client' }, 401));
    expect([client.status, client.code, client.message]).toEqual([
      401,
      'invalid_client',
      "The token endpoint refused the app's credentials.",
    ]);
    const other = failure(json({ error: 'temporarily_unavailable' }, 400));
    expect([other.code, other.message]).toEqual([
      'temporarily_unavailable',
      'The token endpoint is temporarily unavailable.',
    ]);
  });

  it('never passes on the provider’s description: a piece of the code or the secret cannot ride along', () => {
    const ours = failure(json({ error: 'invalid_grant' }, 400)).message;
    for (const description of [
      `Unknown code ${CODE}`,
      `client_secret ${SECRET.slice(0, 12)}... does not match; code ${CODE.toUpperCase()} unknown`,
      'The code has expired.',
      { nested: CODE },
    ]) {
      const error = failure(json({ error: 'invalid_grant', error_description: description }, 400));
      expect(error.code).toBe('invalid_grant');
      expect(error.message).toBe(ours);
    }
  });

  it('passes on only the OAuth error codes it knows: any other is a 502, so no piece of what was sent rides along', () => {
    const pieces = [SECRET.slice(0, 10), `x_${CODE.slice(2, 12).toUpperCase()}`, 'Zq9xK2m.P7vL4nR.8tW3yB6.cD1'];
    // And names every object has (the known codes' table must not answer them with its prototype's).
    const inherited = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    for (const code of [...pieces, ...inherited, 'invalid_token', 'server_error', 'INVALID_GRANT']) {
      const error = failure(json({ error: code }, 400));
      expect([error.status, error.code]).toEqual([502, 'upstream_error']);
    }
  });

  it('passes any 429 on as 429 upstream_rate_limited with a safe wait, never with the provider’s words', () => {
    const now = Date.UTC(2030, 0, 1);
    const limited = (retryAfter: string | undefined, body: unknown = { error: 'rate_limit_exceeded' }) => {
      try {
        processTokenResponse({ ...json(body, 429), retryAfter }, now);
      } catch (error) {
        if (error instanceof ProxyError) return error;
      }
      throw new Error('expected a ProxyError');
    };
    const seconds = limited('120');
    expect([seconds.status, seconds.code, seconds.retryAfterSeconds]).toEqual([429, 'upstream_rate_limited', 120]);
    expect(seconds.message).toBe('The token endpoint is limiting requests; retry after 120 s.');
    expect(limited('Tue, 01 Jan 2030 00:00:30 GMT').retryAfterSeconds).toBe(30);
    expect(limited('99999').retryAfterSeconds).toBe(3600);
    const garbage = limited('soon');
    expect([garbage.code, garbage.retryAfterSeconds]).toEqual(['upstream_rate_limited', undefined]);
    expect(garbage.message).toBe('The token endpoint is limiting requests; retry later.');
    // Whatever the body: an OAuth code, a known one, HTML, or the provider's text with a piece of the code.
    for (const body of [{ error: 'invalid_grant' }, '<html>slow down</html>', { error_description: CODE }]) {
      const error = limited('5', body);
      expect([error.status, error.code, error.retryAfterSeconds]).toEqual([429, 'upstream_rate_limited', 5]);
      expect(error.message).not.toContain(CODE);
    }
  });

  it('does not pass on an error code that is not a plain OAuth code', () => {
    const error = failure(json({ error: `invalid grant ${CODE}` }, 400));
    expect([error.status, error.code]).toEqual([502, 'upstream_error']);
    expect(error.message).not.toContain(CODE);
  });
});

describe('fetchUpstream (Workers)', () => {
  it(`stops reading an answer past ${MAX_UPSTREAM_BODY_BYTES} bytes and cancels it, however long it would go on`, async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
      },
      cancel() {
        cancelled = true;
      },
    });
    const post = fetchUpstream(async () => new Response(endless, { status: 200 }));
    const answer = await post('https://token.example/', 'a=b', new AbortController().signal);
    expect(answer).toEqual({ status: 200, text: '' });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(MAX_UPSTREAM_BODY_BYTES / (16 * 1024) + 2);
  });

  it('reads an answer within the cap whole, in several chunks', async () => {
    const body = JSON.stringify({ error: 'invalid_grant', pad: 'é'.repeat(20_000) });
    const bytes = new TextEncoder().encode(body);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 1000) controller.enqueue(bytes.slice(at, at + 1000));
        controller.close();
      },
    });
    const post = fetchUpstream(async () => new Response(chunked, { status: 400 }));
    expect(await post('https://token.example/', 'a=b', new AbortController().signal)).toEqual({
      status: 400,
      text: body,
    });
  });

  it('returns Retry-After as it was sent', async () => {
    const post = fetchUpstream(async () => new Response('{}', { status: 429, headers: { 'Retry-After': ' 30 ' } }));
    expect(await post('https://token.example/', 'a=b', new AbortController().signal)).toEqual({
      status: 429,
      text: '{}',
      retryAfter: '30',
    });
  });
});
