/**
 * One contract, two runtimes: the same requests against the proxy on Node (proxy/serve.ts) and on
 * Workers (proxy/worker.ts in workerd), redeeming real codes at the local WordPress.com emulator.
 * Within a target, tests run in order; the last one scans every line that target logged.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from '../../sandbox/emulator/control-client';
import { obtainCode } from '../../sandbox/emulator/drive-consent';
import { type RunningEmulator, startEmulator } from '../../sandbox/emulator/index';
import {
  SANDBOX_API_CLIENT_ID,
  SANDBOX_API_CLIENT_SECRET,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_REDIRECT_URI,
} from '../../sandbox/sandbox-config';
import { IMPATIENT_TIMEOUT_MS, type ProxyTarget, type TargetKind, type Variant } from './fixtures';
import { nodeTarget } from './node-target';
import { workersTarget } from './workers-target';

let emulator: RunningEmulator;
let control: ReturnType<typeof emulatorControl>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = emulatorControl(emulator.url);
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  await control.reset();
});

const TOKEN_FIELDS = ['access_token', 'blog_id', 'blog_url', 'scope', 'token_type'];

describe.each<TargetKind>([nodeTarget, workersTarget])('proxy contract on $name', (kind) => {
  let target: ProxyTarget;
  /** Every code, token, secret and client IP seen by this target, for the final log scan. */
  const sensitive = new Set<string>([SANDBOX_CLIENT_SECRET, SANDBOX_API_CLIENT_SECRET]);
  let ipCounter = 0;
  /** Requests sent to this target, each of which must produce exactly one log line. */
  let requestsSent = 0;
  /** This test's client IP: each test is its own client, with its own rate-limit bucket. */
  let clientIp = '';

  function nextClientIp(): string {
    ipCounter += 1;
    const ip = `198.51.100.${ipCounter}`;
    sensitive.add(ip);
    return ip;
  }

  beforeAll(async () => {
    target = await kind.start(emulator);
  });

  afterAll(async () => {
    await target?.close();
  });

  beforeEach(() => {
    clientIp = nextClientIp();
  });

  function send(variant: Variant, path: string, init: RequestInit): Promise<Response> {
    requestsSent += 1;
    return target.fetch(variant, path, init);
  }

  /** A code of the login app, or with `api` of the API app for one site. */
  async function freshCode(api = false): Promise<string> {
    const { code } = await obtainCode(emulator.oauthUrl, {
      clientId: api ? SANDBOX_API_CLIENT_ID : SANDBOX_CLIENT_ID,
      redirectUri: SANDBOX_REDIRECT_URI,
      ...(api ? { endpoint: 'authorize', blog: '5001' } : {}),
    });
    if (!code) throw new Error('the emulator gave no code');
    sensitive.add(code);
    return code;
  }

  interface PostOptions {
    origin?: string | null;
    contentType?: string;
    variant?: Variant;
    ip?: string;
  }

  function postToken(body: unknown, { origin = SANDBOX_EXTENSION_ORIGIN, contentType, variant, ip }: PostOptions = {}) {
    const headers: Record<string, string> = {
      'Content-Type': contentType ?? 'application/json',
      'CF-Connecting-IP': ip ?? clientIp,
    };
    if (origin !== null) headers.Origin = origin;
    return send(variant ?? 'main', '/token', {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  function get(path: string, variant: Variant = 'main') {
    return send(variant, path, { headers: { 'CF-Connecting-IP': clientIp, Origin: SANDBOX_EXTENSION_ORIGIN } });
  }

  async function tokenRequests(): Promise<number> {
    return (await control.stats()).tokenRequests;
  }

  async function errorOf(response: Response): Promise<{ error: string; error_description?: string }> {
    return (await response.json()) as { error: string; error_description?: string };
  }

  it('answers /healthz and /readyz', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const missing = await get('/nothing-here');
    expect(missing.status).toBe(404);
    // A cache between the proxy and a load balancer must not keep a verdict, nor an error about one request.
    for (const response of [health, ready, missing]) expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('redeems a real code for exactly the token fields, uncached, with CORS for the extension', async () => {
    const response = await postToken({ code: await freshCode(), redirect_uri: SANDBOX_REDIRECT_URI });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX_EXTENSION_ORIGIN);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(TOKEN_FIELDS);
    expect(body).toMatchObject({ token_type: 'bearer', access_token: expect.any(String), scope: expect.any(String) });
    expect(body.blog_id === null || typeof body.blog_id === 'number').toBe(true);
    sensitive.add(String(body.access_token));
    expect(await control.stats()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
  });

  it('passes invalid_grant on when a code is redeemed a second time', async () => {
    const code = await freshCode();
    const first = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI });
    expect(first.status).toBe(200);
    sensitive.add(String(((await first.json()) as { access_token: unknown }).access_token));
    const again = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI });
    expect(again.status).toBe(400);
    expect(again.headers.get('cache-control')).toBe('no-store');
    const text = await again.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'invalid_grant' });
    expect(text).not.toContain(code);
    expect(await control.stats()).toMatchObject({ tokenRequests: 2, tokensIssued: 1 });
  });

  it('redeems each app’s code as the app the request names: the API app’s with its own secret, the login app’s by default', async () => {
    const api = await postToken({
      code: await freshCode(true),
      redirect_uri: SANDBOX_REDIRECT_URI,
      client_id: SANDBOX_API_CLIENT_ID,
    });
    expect(api.status).toBe(200);
    const token = (await api.json()) as { access_token: string; blog_id: unknown };
    sensitive.add(token.access_token);
    expect(token.blog_id).toBe(5001);
    const login = await postToken({
      code: await freshCode(),
      redirect_uri: SANDBOX_REDIRECT_URI,
      client_id: SANDBOX_CLIENT_ID,
    });
    expect(login.status).toBe(200);
    sensitive.add(((await login.json()) as { access_token: string }).access_token);
    // Named as the other app, a code is WordPress.com's to refuse: it was issued to another client.
    const crossed = await postToken({
      code: await freshCode(true),
      redirect_uri: SANDBOX_REDIRECT_URI,
      client_id: SANDBOX_CLIENT_ID,
    });
    expect(crossed.status).toBe(400);
    expect(await errorOf(crossed)).toMatchObject({ error: 'invalid_grant' });
    expect(await control.stats()).toMatchObject({ tokenRequests: 3, tokensIssued: 2 });
  });

  it('refuses a client_id that is not one of its two apps with 400, without calling upstream', async () => {
    for (const clientId of ['99001', 'abc', 84620]) {
      const response = await postToken({ code: 'some-code', redirect_uri: SANDBOX_REDIRECT_URI, client_id: clientId });
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringMatching(/client_id/),
      });
    }
    expect(await tokenRequests()).toBe(0);
  });

  it('refuses a redirect_uri that is not on its list with 400, without calling upstream', async () => {
    for (const redirectUri of [SANDBOX_REDIRECT_URI.slice(0, -1), `${SANDBOX_REDIRECT_URI}?leak=1`]) {
      const response = await postToken({ code: 'some-code', redirect_uri: redirectUri });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: 'invalid_request',
        error_description: 'redirect_uri is not registered with this proxy',
      });
    }
    expect(await tokenRequests()).toBe(0);
  });

  it('refuses a missing or unlisted Origin with 403, without calling upstream', async () => {
    const code = await freshCode();
    for (const origin of [null, 'https://evil.example', `${SANDBOX_EXTENSION_ORIGIN}/`]) {
      const response = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI }, { origin });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(await errorOf(response)).toMatchObject({ error: 'origin_not_allowed' });
    }
    expect(await tokenRequests()).toBe(0);
  });

  it('answers the CORS preflight for listed origins only', async () => {
    const preflight = (origin: string) =>
      send('main', '/token', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
          'CF-Connecting-IP': clientIp,
        },
      });
    const allowed = await preflight(SANDBOX_EXTENSION_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SANDBOX_EXTENSION_ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Content-Type');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect([...refused.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('answers 413 to a body over 4096 bytes, with or without Content-Length', async () => {
    const oversize = JSON.stringify({ code: 'abc', redirect_uri: SANDBOX_REDIRECT_URI, pad: 'p'.repeat(5000) });
    const declared = await postToken(oversize);
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toMatchObject({ error_description: expect.stringMatching(/larger than 4096/) });
    const bytes = new TextEncoder().encode(oversize);
    const chunked = await send('main', '/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SANDBOX_EXTENSION_ORIGIN, 'CF-Connecting-IP': clientIp },
      body: new ReadableStream({
        start(controller) {
          for (let offset = 0; offset < bytes.length; offset += 1024)
            controller.enqueue(bytes.slice(offset, offset + 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await tokenRequests()).toBe(0);
  });

  it('answers 405 with Allow to GET /token', async () => {
    const response = await get('/token');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/\bPOST\b/);
    expect(await errorOf(response)).toMatchObject({ error: 'method_not_allowed' });
  });

  it('answers 415 to a text/plain body, without calling upstream', async () => {
    const response = await postToken(JSON.stringify({ code: 'abc', redirect_uri: SANDBOX_REDIRECT_URI }), {
      contentType: 'text/plain',
    });
    expect(response.status).toBe(415);
    expect(await errorOf(response)).toMatchObject({ error: 'unsupported_media_type' });
    expect(await tokenRequests()).toBe(0);
  });

  it('answers 400 naming the field that is missing or wrong', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ code: 'abc' }, /"redirect_uri" is required/],
      [{ code: 42, redirect_uri: SANDBOX_REDIRECT_URI }, /"code" must be a string/],
      [{ code: 'has space', redirect_uri: SANDBOX_REDIRECT_URI }, /"code" must be visible ASCII/],
    ];
    for (const [body, description] of cases) {
      const response = await postToken(body);
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringMatching(description),
      });
    }
    expect(await tokenRequests()).toBe(0);
  });

  it('answers 504 upstream_timeout when the token endpoint is slower than PROXY_UPSTREAM_TIMEOUT_MS', async () => {
    const code = await freshCode();
    await control.setBehaviour({ tokenDelayMs: 3000 });
    const started = Date.now();
    const response = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI }, { variant: 'impatient' });
    expect(response.status).toBe(504);
    expect(await errorOf(response)).toMatchObject({ error: 'upstream_timeout' });
    // Only the proxy's own timer answers upstream_timeout (a proxy that waited would get the token, a 200), and not
    // before it was due. (No upper bound: on a busy machine that is the machine's, not the proxy's.)
    expect(Date.now() - started).toBeGreaterThanOrEqual(IMPATIENT_TIMEOUT_MS - 50);
    // And the call was cancelled, not left running: WordPress.com saw its connection close before it answered.
    await expect.poll(async () => (await control.stats()).tokenRequestsAbandoned, { timeout: 8_000 }).toBe(1);
    expect(await tokenRequests()).toBe(1);
  });

  it('does not follow a redirect from the token endpoint: 502, and nothing (the client secret) reaches where it points', async () => {
    await control.setBehaviour({ tokenFailure: 'redirect' });
    const response = await postToken({ code: await freshCode(), redirect_uri: SANDBOX_REDIRECT_URI });
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toMatchObject({ error: 'upstream_error' });
    expect(await control.stats()).toMatchObject({ tokenRequests: 1, tokenRedirectsFollowed: 0 });
  });

  it('answers 502 when the token endpoint sends HTML with a 200', async () => {
    await control.setBehaviour({ tokenFailure: 'html' });
    const response = await postToken({ code: await freshCode(), redirect_uri: SANDBOX_REDIRECT_URI });
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toMatchObject({ error: 'upstream_error' });
    expect(await tokenRequests()).toBe(1);
  });

  it('answers 502 when the token endpoint fails with a 500', async () => {
    await control.setBehaviour({ tokenFailure: 'server_error' });
    const response = await postToken({ code: await freshCode(), redirect_uri: SANDBOX_REDIRECT_URI });
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toMatchObject({ error: 'upstream_error' });
    expect(await tokenRequests()).toBe(1);
  });

  it("passes WordPress.com's 429 on as 429 upstream_rate_limited with Retry-After in seconds, an HTTP date converted", async () => {
    const code = await freshCode();
    const limited = async (wpcomRetryAfter: number | string | null) => {
      await control.setBehaviour({ tokenFailure: 'rate_limited', wpcomRetryAfter });
      return postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI });
    };
    const seconds = await limited(45);
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get('retry-after')).toBe('45');
    // Readable by the extension, like the proxy's own 429, and told apart from it by its code.
    expect(seconds.headers.get('access-control-allow-origin')).toBe(SANDBOX_EXTENSION_ORIGIN);
    expect(seconds.headers.get('access-control-expose-headers')).toMatch(/\bRetry-After\b/);
    expect(seconds.headers.get('cache-control')).toBe('no-store');
    expect(await errorOf(seconds)).toEqual({
      error: 'upstream_rate_limited',
      error_description: 'The token endpoint is limiting requests; retry after 45 s.',
    });
    const dated = await limited(new Date(Date.now() + 90_000).toUTCString());
    expect(dated.status).toBe(429);
    expect(dated.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Number(dated.headers.get('retry-after'))).toBeGreaterThanOrEqual(80);
    expect(Number(dated.headers.get('retry-after'))).toBeLessThanOrEqual(90);
    expect((await limited(86_400)).headers.get('retry-after')).toBe('3600');
    const garbage = await limited('soon');
    expect([garbage.status, garbage.headers.get('retry-after')]).toEqual([429, null]);
    expect(await errorOf(garbage)).toMatchObject({ error: 'upstream_rate_limited' });
    expect(await tokenRequests()).toBe(4);
  });

  it('redeems 100 distinct codes concurrently into 100 distinct tokens', async () => {
    const codes = await Promise.all(Array.from({ length: 100 }, () => freshCode()));
    expect(new Set(codes).size).toBe(100);
    const responses = await Promise.all(
      codes.map((code) => postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI }, { variant: 'unlimited' })),
    );
    expect(responses.map((response) => response.status)).toEqual(codes.map(() => 200));
    const tokens = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { access_token: string }).access_token),
    );
    for (const token of tokens) sensitive.add(token);
    expect(new Set(tokens).size).toBe(100);
    expect(await control.stats()).toMatchObject({ tokenRequests: 100, tokensIssued: 100 });
  });

  it('answers 429 with Retry-After once a client is over the limit, and only to that client', async () => {
    const limit = target.rateLimit;
    // Bad redirect_uri: each request passes the limiter, then stops before any upstream call.
    const attempt = (ip: string) =>
      postToken({ code: 'any-code', redirect_uri: 'https://not-listed.example/' }, { ip });
    // limit + 1 requests in one burst. Counters use fixed one-minute windows: should the burst straddle
    // the end of one, its requests would be split across two counters, so that case gets one more burst
    // with a fresh client (two window ends cannot fall within a few seconds).
    let responses: Response[] = [];
    for (let round = 0; round < 2; round++) {
      const ip = round === 0 ? clientIp : nextClientIp();
      responses = await Promise.all(Array.from({ length: limit + 1 }, () => attempt(ip)));
      if (responses.filter((response) => response.status === 429).length === 1) break;
    }
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(limit);
    const refused = responses.find((response) => response.status === 429);
    expect(refused).toBeDefined();
    if (!refused) return;
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The extension can read it: CORS headers on the refusal too.
    expect(refused.headers.get('access-control-allow-origin')).toBe(SANDBOX_EXTENSION_ORIGIN);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await errorOf(refused)).toMatchObject({ error: 'rate_limited' });
    // Another client is not affected.
    expect((await attempt(nextClientIp())).status).toBe(400);
    expect(await tokenRequests()).toBe(0);
  });

  it('logs one JSON line per request with no code, token, client secret or client IP in any of them', async () => {
    // Its own traffic first, so that it proves the same run alone (-t): real codes and a real token through each
    // kind of answer, in the body, the query and the path. The earlier tests' lines are all in before it starts (on
    // Workers they come from other processes, in time order: a late one would shift where its own begin).
    await expect.poll(() => target.logLines().length).toBe(requestsSent);
    const ownStart = target.logLines().length;
    const ownSent = requestsSent;
    const granted = await freshCode();
    const token = await postToken({ code: granted, redirect_uri: SANDBOX_REDIRECT_URI });
    expect(token.status).toBe(200);
    sensitive.add(String(((await token.json()) as { access_token: unknown }).access_token));
    expect((await postToken({ code: granted, redirect_uri: SANDBOX_REDIRECT_URI })).status).toBe(400);
    const code = await freshCode();
    const redirectWithQuery = `${SANDBOX_REDIRECT_URI}?code=${encodeURIComponent(code)}`;
    expect((await postToken({ code, redirect_uri: redirectWithQuery })).status).toBe(400);
    expect(
      (await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await postToken(`code=${code}`, { contentType: 'text/plain' })).status).toBe(415);
    expect((await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI, pad: code.repeat(200) })).status).toBe(413);
    const preflight = await send('main', `/token?code=${encodeURIComponent(code)}`, {
      method: 'OPTIONS',
      headers: {
        Origin: SANDBOX_EXTENSION_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
        'CF-Connecting-IP': clientIp,
      },
    });
    expect(preflight.status).toBe(204);
    expect((await send('main', '/token', { method: 'GET', headers: { 'CF-Connecting-IP': clientIp } })).status).toBe(
      405,
    );
    await control.setBehaviour({ tokenFailure: 'html' });
    expect((await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI })).status).toBe(502);
    await control.setBehaviour({ tokenFailure: null, tokenDelayMs: 1000 });
    expect((await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI }, { variant: 'impatient' })).status).toBe(504);
    await control.setBehaviour({ tokenDelayMs: 0 });
    const limitedIp = nextClientIp();
    for (let round = 0; round < 2; round++) {
      const burst = await Promise.all(
        Array.from({ length: target.rateLimit + 1 }, () =>
          postToken({ code, redirect_uri: 'https://not-listed.example/' }, { ip: limitedIp }),
        ),
      );
      if (burst.some((response) => response.status === 429)) break;
    }
    expect((await get(`/healthz?code=${encodeURIComponent(code)}`)).status).toBe(200);
    expect((await get(`/${encodeURIComponent(code)}`)).status).toBe(404);

    // Exactly one line per request sent (on Workers the lines arrive through workerd's output: wait for them).
    await expect.poll(() => target.logLines().length).toBe(requestsSent);
    const lines = target.logLines();
    const entries = lines.map((line) => JSON.parse(line) as { method: string; path: string; status: number });
    for (const entry of entries) {
      expect(entry).toMatchObject({ method: expect.any(String), path: expect.any(String), status: expect.any(Number) });
    }
    const own = entries.slice(ownStart);
    expect(own).toHaveLength(requestsSent - ownSent);
    expect(own.at(-2)).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
    // A path the proxy has no route for is not written as sent: it held a code here.
    expect(own.at(-1)).toMatchObject({ method: 'GET', path: '(other)', status: 404 });
    expect(new Set(own.map((entry) => entry.status))).toEqual(
      new Set([200, 204, 400, 403, 404, 405, 413, 415, 429, 502, 504]),
    );
    // Every line this target logged, its own and the earlier tests' (all of the file's when it runs whole).
    const all = lines.join('\n');
    for (const value of sensitive) {
      expect(all).not.toContain(value);
      expect(all).not.toContain(encodeURIComponent(value));
    }
  });
});
