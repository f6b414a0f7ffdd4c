/** The 429 switches (restRateLimit; `rate_limited` on /me, token-info and the token endpoint) and the per-path REST request counts. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import { exchange, freshCode, freshToken, getMe, restGet, SANDBOX } from './test-support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof emulatorControl>;

beforeAll(async () => {
  emulator = await startEmulator();
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(() => control.reset());

const RATE_LIMITED = { error: 'rate_limit_exceeded', message: expect.stringMatching(/\S/) };

describe('restRateLimit', () => {
  it('answers 429 with Retry-After to every REST call but /me, whatever the token', async () => {
    const global = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    await control.setBehaviour({ restRateLimit: 30 });
    for (const [path, token] of [
      ['me/sites', global],
      ['sites/5001/posts?number=5', global],
      ['sites/999999', global],
      ['no/such/thing', global],
      ['read/liked', null],
    ] as const) {
      const response = await restGet(emulator, path, token);
      expect(response.status, path).toBe(429);
      expect(response.headers.get('retry-after')).toBe('30');
      expect(await response.json()).toEqual(RATE_LIMITED);
    }
    const deletion = await fetch(`${emulator.apiUrl}/v1.1/me/connected-applications/${SANDBOX.clientId}/delete`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${global}` },
    });
    expect(deletion.status).toBe(429);
    expect((await getMe(emulator, global)).status).toBe(200);
    const v1 = await fetch(`${emulator.apiUrl}/v1/me`, { headers: { Authorization: `Bearer ${global}` } });
    expect(v1.status).toBe(200);
  });

  it('can say Retry-After: 0, and lifts when set back to null', async () => {
    const global = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    await control.setBehaviour({ restRateLimit: 0 });
    const limited = await restGet(emulator, 'me/settings', global);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '0']);
    await control.setBehaviour({ restRateLimit: null });
    expect((await restGet(emulator, 'me/settings', global)).status).toBe(200);
  });

  it('refuses values that are not whole seconds up to a day', async () => {
    for (const junk of [-1, 1.5, 86_401, '30']) {
      await expect(control.setBehaviour({ restRateLimit: junk as number })).rejects.toThrow(/HTTP 400/);
    }
  });
});

describe('rate_limited on /me, token-info and the token endpoint', () => {
  const OAUTH_RATE_LIMITED = { error: 'rate_limit_exceeded', error_description: expect.stringMatching(/\S/) };
  const tokenInfo = (token: string) =>
    fetch(`${emulator.oauthUrl}/token-info?${new URLSearchParams({ client_id: SANDBOX.clientId, token })}`);

  it('meFailure rate_limited: 429 in the REST shape with Retry-After, readable by a registered origin; counted', async () => {
    const token = await freshToken(emulator);
    await control.setBehaviour({ meFailure: 'rate_limited' });
    const origin = SANDBOX.javascriptOrigins[0] ?? '';
    const limited = await getMe(emulator, token, { Origin: origin });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('access-control-allow-origin')).toBe(origin);
    expect(limited.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(await limited.json()).toEqual(RATE_LIMITED);
    // Before the token is looked at: no token is refused as a rate limit too.
    expect((await getMe(emulator, null)).status).toBe(429);
    expect((await control.stats()).meRequests).toBe(2);
    // Only /me: other endpoints answer as usual.
    expect((await restGet(emulator, 'me/sites', token)).status).toBe(403);
    await control.setBehaviour({ meFailure: null });
    expect((await getMe(emulator, token)).status).toBe(200);
  });

  it('tokenInfoFailure rate_limited: 429 in the OAuth shape with Retry-After, before the token is looked at', async () => {
    const token = await freshToken(emulator);
    await control.setBehaviour({ tokenInfoFailure: 'rate_limited', wpcomRetryAfter: 90 });
    for (const asked of [token, 'not-a-token']) {
      const limited = await tokenInfo(asked);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('90');
      expect(limited.headers.get('cache-control')).toBe('no-store');
      expect(await limited.json()).toEqual(OAUTH_RATE_LIMITED);
    }
    expect((await control.stats()).tokenInfoRequests).toBe(2);
    await control.setBehaviour({ tokenInfoFailure: null });
    expect((await tokenInfo(token)).status).toBe(200);
  });

  it('tokenFailure rate_limited: 429 in the OAuth shape, after tokenDelayMs, and the code stays usable', async () => {
    const code = await freshCode(emulator);
    await control.setBehaviour({ tokenFailure: 'rate_limited', wpcomRetryAfter: 5 });
    const limited = await exchange(emulator, code);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');
    expect(await limited.json()).toEqual(OAUTH_RATE_LIMITED);
    expect(await control.stats()).toMatchObject({ tokenRequests: 1, tokensIssued: 0 });
    await control.setBehaviour({ tokenFailure: null });
    expect((await exchange(emulator, code)).status).toBe(200);
  });

  it('wpcomRetryAfter: an HTTP date or any printable value is sent as it is; null sends none', async () => {
    const token = await freshToken(emulator);
    const date = new Date(Date.now() + 120_000).toUTCString();
    await control.setBehaviour({ meFailure: 'rate_limited', tokenInfoFailure: 'rate_limited', wpcomRetryAfter: date });
    expect((await getMe(emulator, token)).headers.get('retry-after')).toBe(date);
    expect((await tokenInfo(token)).headers.get('retry-after')).toBe(date);
    await control.setBehaviour({ wpcomRetryAfter: 'soon, maybe' });
    expect((await getMe(emulator, token)).headers.get('retry-after')).toBe('soon, maybe');
    await control.setBehaviour({ wpcomRetryAfter: null });
    const bare = await tokenInfo(token);
    expect([bare.status, bare.headers.has('retry-after')]).toEqual([429, false]);
  });

  it('refuses a wpcomRetryAfter that is not whole seconds up to a day or printable text, and unknown failures', async () => {
    for (const junk of [
      { wpcomRetryAfter: -1 },
      { wpcomRetryAfter: 1.5 },
      { wpcomRetryAfter: 86_401 },
      { wpcomRetryAfter: '' },
      { wpcomRetryAfter: 'a\r\nSet-Cookie: x=1' },
      { wpcomRetryAfter: 'x'.repeat(201) },
      { tokenInfoFailure: 'server_error' },
      { meFailure: 'rate-limited' },
    ]) {
      await expect(control.setBehaviour(junk as object), JSON.stringify(junk)).rejects.toThrow(/HTTP 400/);
    }
  });
});

describe('restRequests', () => {
  it('counts REST requests by path without the query, refused ones too', async () => {
    const site = await freshToken(emulator, { endpoint: 'authorize', scope: 'posts' });
    await restGet(emulator, 'sites/5001/posts?number=1', site);
    await restGet(emulator, 'sites/5001/posts?status=draft', site);
    await restGet(emulator, 'sites/5001/stats', site); // refused: scope
    await restGet(emulator, 'me', site);
    await restGet(emulator, 'me/sites', null); // refused: no token
    await fetch(`${emulator.apiUrl}/v1.1/me/sites`, { method: 'OPTIONS' }); // a preflight is not counted
    await control.setBehaviour({ restRateLimit: 5 });
    await restGet(emulator, 'read/liked', site); // refused: rate limit
    const stats = await control.stats();
    expect(stats.restRequests).toEqual({
      '/rest/v1.1/sites/5001/posts': 2,
      '/rest/v1.1/sites/5001/stats': 1,
      '/rest/v1.1/me': 1,
      '/rest/v1.1/me/sites': 1,
      '/rest/v1.1/read/liked': 1,
    });
    expect(stats.meRequests).toBe(1);
  });

  it('starts empty and is emptied by reset', async () => {
    expect((await control.stats()).restRequests).toEqual({});
    await restGet(emulator, 'me', null);
    expect((await control.stats()).restRequests).toEqual({ '/rest/v1.1/me': 1 });
    await control.reset();
    expect((await control.stats()).restRequests).toEqual({});
  });

  it('stops adding new paths past a thousand, counting the rest together', async () => {
    for (let i = 0; i < 1005; i++) await restGet(emulator, `no/such/${i}`, null);
    await restGet(emulator, 'no/such/0', null);
    const counts = (await control.stats()).restRequests;
    expect(Object.keys(counts)).toHaveLength(1001);
    expect(counts['(other)']).toBe(5);
    expect(counts['/rest/v1.1/no/such/0']).toBe(2);
  });
});

describe('the 64 KiB body limit', () => {
  const big = 'x'.repeat(64 * 1024 + 1);

  it('answers 413 in the REST error shape under /rest/', async () => {
    for (const path of [`v1.1/me/connected-applications/${SANDBOX.clientId}/delete`, 'v1.1/no/such/thing']) {
      const response = await fetch(`${emulator.apiUrl}/${path}`, { method: 'POST', body: big });
      expect(response.status, path).toBe(413);
      expect(await response.json()).toEqual({ error: 'invalid_request', message: 'The body is too large.' });
    }
  });

  it('answers 413 in the OAuth error shape elsewhere', async () => {
    const response = await fetch(emulator.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'The body is too large.' });
  });
});
