import { describe, expect, it, test } from 'vitest';
import { appNamed, DEFAULT_TOKEN_URL, ProxyConfigError, parseProxyConfig, readProxyConfig } from './config';

const SECRET = 'very-secret-value-0123456789';
const API_SECRET = 'another-secret-value-9876543210';

const valid = {
  WPCOM_CLIENT_ID: '84620',
  WPCOM_CLIENT_SECRET: SECRET,
  WPCOM_API_CLIENT_ID: '84621',
  WPCOM_API_CLIENT_SECRET: API_SECRET,
  PROXY_ALLOWED_REDIRECT_URIS:
    ' https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/ , https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/,https://other.example/cb?app=1, http://127.0.0.1:8080/cb',
  PROXY_ALLOWED_ORIGINS:
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop, moz-extension://5b2c6a3e-8f0d-4c1e-9a7b-2d4e6f8a0c1e, https://x.example:8443',
};

function configError(env: Record<string, string | undefined>): ProxyConfigError {
  try {
    parseProxyConfig(env);
  } catch (error) {
    if (error instanceof ProxyConfigError) return error;
    throw error;
  }
  throw new Error('expected a ProxyConfigError');
}

describe('parseProxyConfig', () => {
  it('reads a complete environment, with defaults and trimmed lists', () => {
    expect(parseProxyConfig(valid)).toEqual({
      clientId: '84620',
      clientSecret: SECRET,
      apiClientId: '84621',
      apiClientSecret: API_SECRET,
      tokenUrl: DEFAULT_TOKEN_URL,
      allowedRedirectUris: [
        'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
        'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/',
        'https://other.example/cb?app=1',
        'http://127.0.0.1:8080/cb',
      ],
      allowedOrigins: [
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'moz-extension://5b2c6a3e-8f0d-4c1e-9a7b-2d4e6f8a0c1e',
        'https://x.example:8443',
      ],
      host: '127.0.0.1',
      port: 8787,
      upstreamTimeoutMs: 10_000,
      rateLimitPerMinute: 30,
      clientIpHeader: undefined,
      keepAliveTimeoutMs: 5_000,
      // The upstream timeout and 2 s: an exchange in progress at a stop ends with its answer, not cut off.
      shutdownGraceMs: 12_000,
    });
  });

  it('takes explicit values', () => {
    const config = parseProxyConfig({
      ...valid,
      WPCOM_TOKEN_URL: 'http://127.0.0.1:8790/oauth2/token',
      HOST: '0.0.0.0',
      PORT: '0',
      PROXY_UPSTREAM_TIMEOUT_MS: '250',
      PROXY_RATE_LIMIT_PER_MINUTE: '0',
      PROXY_CLIENT_IP_HEADER: 'X-Forwarded-For',
      PROXY_SHUTDOWN_GRACE_MS: '0',
      PROXY_KEEP_ALIVE_TIMEOUT_MS: '125000',
    });
    expect(config).toMatchObject({
      keepAliveTimeoutMs: 125_000,
      tokenUrl: 'http://127.0.0.1:8790/oauth2/token',
      host: '0.0.0.0',
      port: 0,
      upstreamTimeoutMs: 250,
      rateLimitPerMinute: 0,
      clientIpHeader: 'X-Forwarded-For',
      shutdownGraceMs: 0,
    });
  });

  it('without a shutdown grace, waits out the upstream timeout it is given and 2 s more', () => {
    expect(parseProxyConfig({ ...valid, PROXY_UPSTREAM_TIMEOUT_MS: '30000' }).shutdownGraceMs).toBe(32_000);
  });

  it('names every missing required variable at once, and treats empty as missing', () => {
    const error = configError({ WPCOM_CLIENT_SECRET: '' });
    expect(error.variables).toEqual([
      'WPCOM_CLIENT_ID',
      'WPCOM_CLIENT_SECRET',
      'WPCOM_API_CLIENT_ID',
      'WPCOM_API_CLIENT_SECRET',
      'PROXY_ALLOWED_REDIRECT_URIS',
      'PROXY_ALLOWED_ORIGINS',
    ]);
    for (const name of error.variables) expect(error.message).toContain(name);
  });

  it.each([
    ['WPCOM_CLIENT_ID', 'abc'],
    ['WPCOM_API_CLIENT_ID', 'abc'],
    // WordPress.com says not to use one app for both login and blog access.
    ['WPCOM_API_CLIENT_ID', '84620'],
    ['WPCOM_TOKEN_URL', 'ftp://example.com/token'],
    ['WPCOM_TOKEN_URL', 'not a url'],
    // The client secret would cross the network in plain text.
    ['WPCOM_TOKEN_URL', 'http://public-api.wordpress.com/oauth2/token'],
    ['PROXY_ALLOWED_REDIRECT_URIS', ' , '],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://ok.example/, /relative/path'],
    // A code must not travel in plain text, to a script, or to a fragment (RFC 6749 §3.1.2).
    ['PROXY_ALLOWED_REDIRECT_URIS', 'http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/'],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'javascript:alert(1)'],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://ok.example/cb#fragment'],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://*.chromiumapp.org/'],
    // On the extension hosts, only what identity.getRedirectURL() gives can ever match.
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://REPLACE-WITH-YOUR-EXTENSION-ID.chromiumapp.org/'],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org'],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/?x=1'],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/cb'],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://1CB48F6B00000000000000000000000000000000.extensions.allizom.org/'],
    ['PROXY_ALLOWED_REDIRECT_URIS', 'https://1cb48f6b.extensions.allizom.org/'],
    ['PROXY_ALLOWED_ORIGINS', 'https://x.example/'],
    ['PROXY_ALLOWED_ORIGINS', 'https://x.example/path'],
    ['PROXY_ALLOWED_ORIGINS', 'chrome-extension://abc, x.example'],
    ['PROXY_ALLOWED_ORIGINS', 'moz-extension://*'],
    ['PROXY_ALLOWED_ORIGINS', 'https://*.example'],
    ['PROXY_ALLOWED_ORIGINS', '*'],
    ['PROXY_ALLOWED_ORIGINS', 'chrome-extension://*'],
    ['PROXY_ALLOWED_ORIGINS', 'chrome-extension://abcdefghijklmnop'],
    ['PROXY_ALLOWED_ORIGINS', 'chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP'],
    ['PROXY_ALLOWED_ORIGINS', 'moz-extension://5B2C6A3E-8F0D-4C1E-9A7B-2D4E6F8A0C1E'],
    ['PROXY_ALLOWED_ORIGINS', 'moz-extension://{5b2c6a3e-8f0d-4c1e-9a7b-2d4e6f8a0c1e}'],
    ['PROXY_ALLOWED_ORIGINS', 'moz-extension://wpcom-connect@sandbox.invalid'],
    ['PROXY_ALLOWED_ORIGINS', 'moz-extension://5b2c6a3e-8f0d-4c1e-9a7b-2d4e6f8a0c1e/'],
    // Anyone on the path could pose as a plain-http origin; no browser sends an Origin in another scheme.
    ['PROXY_ALLOWED_ORIGINS', 'http://x.example'],
    ['PROXY_ALLOWED_ORIGINS', 'ftp://x.example'],
    // WordPress.com would answer every exchange invalid_client while the proxy said it was ready.
    ['WPCOM_CLIENT_SECRET', '   '],
    ['WPCOM_CLIENT_SECRET', `${SECRET}\n`],
    ['WPCOM_API_CLIENT_SECRET', ` ${API_SECRET}`],
    ['WPCOM_API_CLIENT_SECRET', `${API_SECRET}\r`],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', 'eighty'],
    ['PROXY_UPSTREAM_TIMEOUT_MS', '0'],
    ['PROXY_UPSTREAM_TIMEOUT_MS', '1.5'],
    // Longer than the extension's longest deadline: a code could be redeemed after the extension gave up.
    ['PROXY_UPSTREAM_TIMEOUT_MS', '60001'],
    ['PROXY_RATE_LIMIT_PER_MINUTE', '-1'],
    ['PROXY_RATE_LIMIT_PER_MINUTE', 'thirty'],
    ['PROXY_RATE_LIMIT_PER_MINUTE', '1000001'],
    ['PROXY_CLIENT_IP_HEADER', 'X-Forwarded-For:'],
    ['PROXY_CLIENT_IP_HEADER', 'Client IP'],
    ['PROXY_SHUTDOWN_GRACE_MS', '600001'],
    ['PROXY_SHUTDOWN_GRACE_MS', '1s'],
    ['PROXY_KEEP_ALIVE_TIMEOUT_MS', '999'],
    ['PROXY_KEEP_ALIVE_TIMEOUT_MS', '600001'],
  ])('rejects %s=%j and names it', (name, value) => {
    const error = configError({ ...valid, [name]: value });
    expect(error.variables).toEqual([name]);
    expect(error.message).toMatch(new RegExp(`^configuration .*\\n  ${name} `));
  });

  it('never puts the secret in the message, even when everything else is wrong', () => {
    const error = configError({
      WPCOM_CLIENT_ID: SECRET,
      WPCOM_CLIENT_SECRET: SECRET,
      WPCOM_API_CLIENT_ID: SECRET,
      WPCOM_API_CLIENT_SECRET: SECRET,
      WPCOM_TOKEN_URL: SECRET,
      PROXY_ALLOWED_REDIRECT_URIS: SECRET,
      PROXY_ALLOWED_ORIGINS: SECRET,
      PORT: SECRET,
      PROXY_UPSTREAM_TIMEOUT_MS: SECRET,
      PROXY_RATE_LIMIT_PER_MINUTE: SECRET,
      PROXY_CLIENT_IP_HEADER: SECRET,
      PROXY_SHUTDOWN_GRACE_MS: SECRET,
      PROXY_KEEP_ALIVE_TIMEOUT_MS: SECRET,
    });
    // All but the two secrets and PROXY_CLIENT_IP_HEADER (the secret is a valid header name).
    expect(error.variables).toHaveLength(10);
    expect(`${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`).not.toContain(SECRET);
  });

  it('names a secret with a stray space or line break without echoing it', () => {
    const error = configError({
      ...valid,
      WPCOM_CLIENT_SECRET: `${SECRET} `,
      WPCOM_API_CLIENT_SECRET: `${API_SECRET}\r\n`,
    });
    expect(error.variables).toEqual(['WPCOM_CLIENT_SECRET', 'WPCOM_API_CLIENT_SECRET']);
    expect(error.message).toContain('must not start or end with a space or line break');
    const said = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`;
    expect(said).not.toContain(SECRET);
    expect(said).not.toContain(API_SECRET);
  });

  it('takes http:// origins on this machine only', () => {
    const origins = 'http://127.0.0.1:5173,http://localhost:8080,http://[::1]:3000';
    expect(parseProxyConfig({ ...valid, PROXY_ALLOWED_ORIGINS: origins }).allowedOrigins).toEqual(origins.split(','));
  });

  it('readProxyConfig returns the error instead of throwing, and the config when complete', () => {
    const error = readProxyConfig({ WPCOM_CLIENT_ID: '84620', PORT: 'x' });
    expect(error).toBeInstanceOf(ProxyConfigError);
    expect((error as ProxyConfigError).variables).toEqual([
      'WPCOM_CLIENT_SECRET',
      'WPCOM_API_CLIENT_ID',
      'WPCOM_API_CLIENT_SECRET',
      'PROXY_ALLOWED_REDIRECT_URIS',
      'PROXY_ALLOWED_ORIGINS',
      'PORT',
    ]);
    expect(readProxyConfig(valid)).toEqual(parseProxyConfig(valid));
  });
});

test('one app for both is named with every other problem at once', () => {
  const error = configError({ WPCOM_CLIENT_ID: '84620', WPCOM_API_CLIENT_ID: '84620', PORT: 'x' });
  expect(error.variables).toEqual([
    'WPCOM_CLIENT_SECRET',
    'WPCOM_API_CLIENT_SECRET',
    'PROXY_ALLOWED_REDIRECT_URIS',
    'PROXY_ALLOWED_ORIGINS',
    'PORT',
    'WPCOM_API_CLIENT_ID',
  ]);
});

describe('the app a /token request names', () => {
  const config = parseProxyConfig(valid);

  it('is the login app or the API app, each with its own secret', () => {
    expect(appNamed(config, '84620')).toEqual({ clientId: '84620', clientSecret: SECRET });
    expect(appNamed(config, '84621')).toEqual({ clientId: '84621', clientSecret: API_SECRET });
  });

  it('is the login app when the request names none (an extension built before there were two apps)', () => {
    expect(appNamed(config, undefined)).toEqual({ clientId: '84620', clientSecret: SECRET });
  });

  it('is none for any other client ID', () => {
    expect(appNamed(config, '99001')).toBeUndefined();
    expect(appNamed(config, '')).toBeUndefined();
  });
});
