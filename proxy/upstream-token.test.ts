/**
 * `processTokenResponse` is the pure half of the exchange: these feed it Response objects of the shapes
 * WordPress.com is documented to send (and some it should not), without any fetch. The exchange over
 * HTTP is covered against the emulator in app.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ProxyError } from './errors';
import { processTokenResponse, type UpstreamAnswer } from './upstream-token';

const CODE = 'Xy7QpL2mZk';
const SECRET = 'client-secret-value';
const SENT = [CODE, SECRET, 'https://abc.chromiumapp.org/'];

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
    processTokenResponse(response, SENT);
  } catch (error) {
    if (error instanceof ProxyError) return error;
  }
  throw new Error('expected a ProxyError');
}

describe('processTokenResponse', () => {
  it('returns exactly the documented fields, dropping extras', () => {
    expect(processTokenResponse(json({ ...token, extra: 'x' }), SENT)).toEqual(token);
  });

  it('turns a numeric-string blog_id into a number, keeps null, and accepts "Bearer"', () => {
    expect(processTokenResponse(json({ ...token, blog_id: '123456', token_type: 'Bearer' }), SENT)).toEqual({
      ...token,
      blog_id: 123456,
    });
    expect(processTokenResponse(json({ ...token, blog_id: null, blog_url: null, scope: 'global' }), SENT)).toEqual({
      ...token,
      blog_id: null,
      blog_url: null,
      scope: 'global',
    });
  });

  it.each([
    ['a non-bearer token type', { ...token, token_type: 'mac' }],
    ['an empty access token', { ...token, access_token: '' }],
    ['a missing scope', { ...token, scope: undefined }],
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

  it('passes a provider 4xx error code on with its status and a short plain description', () => {
    const error = failure(json({ error: 'invalid_grant', error_description: 'The code has expired.' }, 400));
    expect([error.status, error.code, error.message]).toEqual([400, 'invalid_grant', 'The code has expired.']);
    const client = failure(json({ error: 'invalid_client' }, 401));
    expect([client.status, client.code]).toEqual([401, 'invalid_client']);
  });

  it('never reflects a description that echoes what was sent, or that is long or not plain', () => {
    for (const description of [
      `Unknown code ${CODE}`,
      `Unknown code ${encodeURIComponent(`${CODE}/`)}`,
      `Bad secret ${SECRET}`,
      'x'.repeat(201),
      'line one\nline two',
      { nested: CODE },
    ]) {
      const error = failure(json({ error: 'invalid_grant', error_description: description }, 400));
      expect(error.code).toBe('invalid_grant');
      expect(error.message).toBe('The token endpoint refused the request.');
    }
  });

  it('does not pass on an error code that is not a plain OAuth code', () => {
    const error = failure(json({ error: `invalid grant ${CODE}` }, 400));
    expect([error.status, error.code]).toEqual([502, 'upstream_error']);
    expect(error.message).not.toContain(CODE);
  });
});
