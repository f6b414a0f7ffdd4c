/**
 * The proxy over real loopback HTTP, redeeming real codes at the local WordPress.com emulator.
 * Tests run in order; the last one scans every log entry the run produced.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from '../sandbox/emulator/control-client';
import { startEmulator } from '../sandbox/emulator/index';
import {
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_FIREFOX_ORIGIN,
  SANDBOX_FIREFOX_REDIRECT_URI,
  SANDBOX_REDIRECT_URI,
} from '../sandbox/sandbox-config';
import { sandboxCode, sandboxProxyEnv } from '../sandbox/sandbox-proxy';
import { createProxyApp, type RequestLogEntry } from './app';
import { parseProxyConfig } from './config';
import { type RunningProxy, startProxy } from './serve';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

let emulator: Emulator;
let control: ReturnType<typeof emulatorControl>;
let proxy: RunningProxy;
const started: RunningProxy[] = [];
const logs: RequestLogEntry[] = [];
/** Every code and token seen in this run, for the final log scan. */
const sensitive = new Set<string>([SANDBOX_CLIENT_SECRET]);

function proxyEnv(overrides: Record<string, string> = {}) {
  return parseProxyConfig(
    sandboxProxyEnv(emulator.tokenUrl, {
      PROXY_ALLOWED_ORIGINS: `${SANDBOX_EXTENSION_ORIGIN},https://other-allowed.example`,
      // Rate limiting has its own tests (hardening.test.ts); here it must not get in the way.
      PROXY_RATE_LIMIT_PER_MINUTE: '0',
      ...overrides,
    }),
  );
}

async function startExtraProxy(overrides: Record<string, string>): Promise<RunningProxy> {
  const extra = await startProxy(proxyEnv(overrides), { log: (entry) => logs.push(entry) });
  started.push(extra);
  return extra;
}

async function freshCode(redirectUri = SANDBOX_REDIRECT_URI): Promise<string> {
  const code = await sandboxCode(emulator.oauthUrl, redirectUri);
  sensitive.add(code);
  return code;
}

interface PostOptions {
  origin?: string | null;
  contentType?: string;
  base?: string;
}

function postToken(body: unknown, { origin = SANDBOX_EXTENSION_ORIGIN, contentType, base }: PostOptions = {}) {
  const headers: Record<string, string> = { 'Content-Type': contentType ?? 'application/json' };
  if (origin !== null) headers.Origin = origin;
  return fetch(`${base ?? proxy.url}/token`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function tokenRequests(): Promise<number> {
  return (await control.stats()).tokenRequests;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = emulatorControl(emulator.url);
  proxy = await startProxy(proxyEnv(), { log: (entry) => logs.push(entry) });
});

afterAll(async () => {
  await Promise.all([proxy?.close(), ...started.map((extra) => extra.close())]);
  await emulator?.close();
});

beforeEach(async () => {
  await control.reset();
});

describe('companion proxy over HTTP', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${proxy.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('redeems a real code for a token, uncached, with CORS for the extension origin', async () => {
    const code = await freshCode();
    const response = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('pragma')).toBe('no-cache');
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX_EXTENSION_ORIGIN);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'blog_id', 'blog_url', 'scope', 'token_type']);
    expect(body).toMatchObject({ token_type: 'bearer' });
    expect(typeof body.access_token).toBe('string');
    expect(body.blog_id === null || typeof body.blog_id === 'number').toBe(true);
    sensitive.add(String(body.access_token));
    expect(await control.stats()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
    expect(JSON.stringify(logs)).not.toContain(String(body.access_token));
  });

  it('passes invalid_grant on when a code is used twice', async () => {
    const code = await freshCode();
    expect((await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI })).status).toBe(200);
    const again = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI });
    expect(again.status).toBe(400);
    expect(again.headers.get('access-control-allow-origin')).toBe(SANDBOX_EXTENSION_ORIGIN);
    const text = await again.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'invalid_grant', error_description: expect.any(String) });
    expect(text).not.toContain(code);
  });

  it('passes invalid_client on when the proxy holds the wrong secret', async () => {
    const wrong = await startExtraProxy({ WPCOM_CLIENT_SECRET: 'not-the-registered-secret' });
    const code = await freshCode();
    const response = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI }, { base: wrong.url });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'invalid_client' });
    expect(text).not.toContain('not-the-registered-secret');
  });

  it('refuses a missing or unlisted Origin with 403 before reading the body, without calling upstream', async () => {
    const code = await freshCode();
    for (const origin of [null, 'https://evil.example', `${SANDBOX_EXTENSION_ORIGIN}/`, 'chrome-extension://other']) {
      const response = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI }, { origin });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(await response.json()).toMatchObject({ error: 'origin_not_allowed' });
    }
    const garbage = await postToken('not json', { origin: 'https://evil.example' });
    expect(garbage.status).toBe(403);
    expect(await tokenRequests()).toBe(0);
  });

  it("takes the Firefox add-on's listed moz-extension origin exactly, and no other installation's", async () => {
    const firefox = await startExtraProxy({
      PROXY_ALLOWED_ORIGINS: SANDBOX_FIREFOX_ORIGIN,
      PROXY_ALLOWED_REDIRECT_URIS: SANDBOX_FIREFOX_REDIRECT_URI,
    });
    const code = await freshCode(SANDBOX_FIREFOX_REDIRECT_URI);
    const otherInstall = 'moz-extension://00000000-0000-4000-8000-000000000000';
    for (const origin of [
      otherInstall,
      SANDBOX_FIREFOX_ORIGIN.toUpperCase(),
      `${SANDBOX_FIREFOX_ORIGIN}/`,
      SANDBOX_EXTENSION_ORIGIN,
    ]) {
      const refused = await postToken(
        { code, redirect_uri: SANDBOX_FIREFOX_REDIRECT_URI },
        { origin, base: firefox.url },
      );
      expect(refused.status, origin).toBe(403);
    }
    expect(await tokenRequests()).toBe(0);
    const response = await postToken(
      { code, redirect_uri: SANDBOX_FIREFOX_REDIRECT_URI },
      { origin: SANDBOX_FIREFOX_ORIGIN, base: firefox.url },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX_FIREFOX_ORIGIN);
    sensitive.add(((await response.json()) as { access_token: string }).access_token);
  });

  it('refuses bodies that are not JSON, incomplete, malformed or too large, without calling upstream', async () => {
    const cases: Array<[unknown, PostOptions, number, RegExp]> = [
      ['{"code": ', {}, 400, /not valid JSON/],
      [[1, 2], {}, 400, /JSON object/],
      [{}, {}, 400, /"code" is required.*"redirect_uri" is required/],
      [{ code: 'abc' }, {}, 400, /"redirect_uri" is required/],
      [{ code: 'has space', redirect_uri: SANDBOX_REDIRECT_URI }, {}, 400, /"code" must be visible ASCII/],
      [{ code: 'x'.repeat(513), redirect_uri: SANDBOX_REDIRECT_URI }, {}, 400, /"code" must be at most 512/],
      [{ code: 42, redirect_uri: SANDBOX_REDIRECT_URI }, {}, 400, /"code" must be a string/],
      [
        { code: 'abc', redirect_uri: `https://x.example/${'a'.repeat(2048)}` },
        {},
        400,
        /"redirect_uri" must be at most 2048/,
      ],
      [{ code: 'abc', redirect_uri: SANDBOX_REDIRECT_URI, pad: 'p'.repeat(5000) }, {}, 413, /larger than 4096 bytes/],
    ];
    for (const [body, options, status, description] of cases) {
      const response = await postToken(body, options);
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      const json = (await response.json()) as { error: string; error_description: string };
      expect(json.error).toBe('invalid_request');
      expect(json.error_description).toMatch(description);
    }
    expect(await tokenRequests()).toBe(0);
  });

  it('answers the CORS preflight for listed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${proxy.url}/token`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const allowed = await preflight(SANDBOX_EXTENSION_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(Object.fromEntries(allowed.headers)).toMatchObject({
      'access-control-allow-origin': SANDBOX_EXTENSION_ORIGIN,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'Content-Type',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect([...refused.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('answers 504 when the token endpoint is slower than the timeout', async () => {
    const impatient = await startExtraProxy({ PROXY_UPSTREAM_TIMEOUT_MS: '200' });
    const code = await freshCode();
    await control.setBehaviour({ tokenDelayMs: 3000 });
    const response = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI }, { base: impatient.url });
    // Only the proxy's own timer answers upstream_timeout: a proxy that waited would get the token (a 200).
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ error: 'upstream_timeout' });
  });

  it('answers 502 when the token endpoint sends HTML with a 200', async () => {
    await control.setBehaviour({ tokenFailure: 'html' });
    const response = await postToken({ code: await freshCode(), redirect_uri: SANDBOX_REDIRECT_URI });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'upstream_error' });
    expect(await tokenRequests()).toBe(1);
  });

  it('answers 502 when the token endpoint fails with a 500', async () => {
    await control.setBehaviour({ tokenFailure: 'server_error' });
    const response = await postToken({ code: await freshCode(), redirect_uri: SANDBOX_REDIRECT_URI });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'upstream_error' });
    expect(await tokenRequests()).toBe(1);
  });

  it("passes WordPress.com's 429 on as 429 upstream_rate_limited, with a safe Retry-After the extension can read", async () => {
    const code = await freshCode();
    const answerFor = async (wpcomRetryAfter: number | string | null) => {
      await control.setBehaviour({ tokenFailure: 'rate_limited', wpcomRetryAfter });
      const response = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI });
      const body = await response.json();
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body,
        headers: response.headers,
      };
    };
    const seconds = await answerFor(30);
    expect(seconds).toMatchObject({
      status: 429,
      retryAfter: '30',
      body: {
        error: 'upstream_rate_limited',
        error_description: 'The token endpoint is limiting requests; retry after 30 s.',
      },
    });
    expect(seconds.headers.get('access-control-allow-origin')).toBe(SANDBOX_EXTENSION_ORIGIN);
    expect(seconds.headers.get('access-control-expose-headers')).toMatch(/\bRetry-After\b/);
    expect(seconds.headers.get('cache-control')).toBe('no-store');
    const date = Number((await answerFor(new Date(Date.now() + 120_000).toUTCString())).retryAfter);
    // The date has whole seconds, and the exchange takes its time: a few seconds of slack on a busy machine.
    expect(date).toBeGreaterThanOrEqual(110);
    expect(date).toBeLessThanOrEqual(120);
    expect((await answerFor(86_400)).retryAfter).toBe('3600');
    for (const unreadable of ['soon', null]) {
      const answer = await answerFor(unreadable);
      expect([answer.status, answer.retryAfter, answer.body.error]).toEqual([429, null, 'upstream_rate_limited']);
    }
    // The code was never looked at: once WordPress.com lets it through, it still works.
    await control.setBehaviour({ tokenFailure: null });
    const redeemed = await postToken({ code, redirect_uri: SANDBOX_REDIRECT_URI });
    expect(redeemed.status).toBe(200);
    sensitive.add(String(((await redeemed.json()) as { access_token: unknown }).access_token));
  });

  it('answers 502 when the token endpoint is down', async () => {
    // Port 9 (discard): nothing listens there on loopback, and no other test can take it (as a freed port could be).
    const down = await startExtraProxy({ WPCOM_TOKEN_URL: 'http://127.0.0.1:9/oauth2/token' });
    const response = await postToken({ code: 'any-code', redirect_uri: SANDBOX_REDIRECT_URI }, { base: down.url });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'upstream_error' });
  });

  it('answers 404 JSON for other routes and methods', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['POST', '/healthz'],
      ['POST', '/oauth2/token'],
    ] as const) {
      const response = await fetch(`${proxy.url}${path}`, { method, headers: { Origin: SANDBOX_EXTENSION_ORIGIN } });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'not_found' });
    }
  });

  it('answers 500 server_error without details when something unexpected throws', async () => {
    const app = createProxyApp(proxyEnv(), {
      log: () => {
        throw new Error(`internal detail ${SANDBOX_CLIENT_SECRET}`);
      },
    });
    const response = await app.request('/healthz');
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"error":"server_error"}');
  });

  it('logs one entry per request with only time, id, method, path, status, duration and IP hash: no code, token, secret or IP', async () => {
    const code = await freshCode();
    const before = logs.length;
    const response = await fetch(`${proxy.url}/healthz?code=${encodeURIComponent(code)}`);
    expect(logs.slice(before)).toEqual([
      {
        time: expect.any(String),
        requestId: response.headers.get('x-request-id'),
        method: 'GET',
        path: '/healthz',
        status: 200,
        durationMs: expect.any(Number),
        clientIpHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    ]);
    expect(sensitive.size).toBeGreaterThan(5);
    for (const entry of logs) {
      expect(Object.keys(entry).sort()).toEqual([
        'clientIpHash',
        'durationMs',
        'method',
        'path',
        'requestId',
        'status',
        'time',
      ]);
    }
    const serialized = JSON.stringify(logs);
    // Every request here came from 127.0.0.1: it is logged hashed only.
    expect(serialized).not.toContain('127.0.0.1');
    for (const value of sensitive) {
      expect(serialized).not.toContain(value);
      expect(serialized).not.toContain(encodeURIComponent(value));
    }
    expect(logs.map((entry) => entry.status)).toEqual(
      expect.arrayContaining([200, 204, 400, 403, 404, 413, 429, 502, 504]),
    );
  });
});

describe('a body that breaks off', () => {
  it('is the request’s fault (400), with a Content-Length or without one (chunked), never a server error', async () => {
    const seen: RequestLogEntry[] = [];
    const app = createProxyApp(proxyEnv(), { log: (entry) => seen.push(entry) });
    const breaking = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"code":'));
          controller.error(new Error('the client went away'));
        },
      });
    for (const length of [undefined, '200']) {
      const response = await app.request('/token', {
        method: 'POST',
        headers: {
          Origin: SANDBOX_EXTENSION_ORIGIN,
          'Content-Type': 'application/json',
          ...(length ? { 'Content-Length': length } : {}),
        },
        body: breaking(),
        duplex: 'half',
      } as RequestInit);
      expect(response.status, `Content-Length: ${length}`).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect(seen.map((entry) => entry.status)).toEqual([400, 400]);
  });
});
