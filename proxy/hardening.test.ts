/**
 * Production hardening over real loopback HTTP against the emulator: methods and media types, body
 * limits without Content-Length, per-client rate limiting, secure headers, request ids, the log's
 * hashed client IP, and readiness.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { emulatorControl } from '../sandbox/emulator/control-client';
import { startEmulator } from '../sandbox/emulator/index';
import {
  SANDBOX_API_CLIENT_ID,
  SANDBOX_API_CLIENT_SECRET,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_REDIRECT_URI,
} from '../sandbox/sandbox-config';
import { sandboxCode, sandboxProxyEnv } from '../sandbox/sandbox-proxy';
import { createProxyApp, type RequestLogEntry } from './app';
import { canonicalClientIp, rateLimitKey } from './client-ip';
import { ProxyConfigError, parseProxyConfig, readProxyConfig } from './config';
import { type RunningProxy, startProxy } from './serve';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

let emulator: Emulator;
let control: ReturnType<typeof emulatorControl>;
let proxy: RunningProxy;
const started: RunningProxy[] = [];
const logs: RequestLogEntry[] = [];

const BAD_REDIRECT = `${SANDBOX_REDIRECT_URI}unlisted`;
/** A body that passes every check up to the redirect URI list: answered 400 without calling upstream. */
const CHEAP_BODY = JSON.stringify({ code: 'any-code', redirect_uri: BAD_REDIRECT });

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return sandboxProxyEnv(emulator.tokenUrl, overrides);
}

async function startExtraProxy(overrides: Record<string, string>): Promise<RunningProxy> {
  const extra = await startProxy(parseProxyConfig(env(overrides)), { log: (entry) => logs.push(entry) });
  started.push(extra);
  return extra;
}

function freshCode(): Promise<string> {
  return sandboxCode(emulator.oauthUrl);
}

function post(base: string, init: { body?: BodyInit; headers?: Record<string, string>; method?: string } = {}) {
  return fetch(`${base}/token`, {
    method: init.method ?? 'POST',
    headers: { Origin: SANDBOX_EXTENSION_ORIGIN, 'Content-Type': 'application/json', ...init.headers },
    body: init.body ?? CHEAP_BODY,
  });
}

/** A POST as client `ip` behind a reverse proxy that appends to X-Forwarded-For. */
function postAs(base: string, forwardedFor: string) {
  return post(base, { headers: { 'X-Forwarded-For': forwardedFor } });
}

/** A POST from the local address `from` (127.0.0.0/8: each one a client of its own); resolves with the status. */
function postFrom(base: string, from: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      `${base}/token`,
      {
        method: 'POST',
        localAddress: from,
        headers: { Origin: SANDBOX_EXTENSION_ORIGIN, 'Content-Type': 'application/json', ...headers },
      },
      (answer) => {
        answer.resume();
        answer.once('end', () => resolve(answer.statusCode ?? 0));
      },
    );
    sent.once('error', reject);
    sent.end(CHEAP_BODY);
  });
}

async function tokenRequests(): Promise<number> {
  return (await control.stats()).tokenRequests;
}

/** Sends a chunked POST (no Content-Length) of `chunks`; resolves with the answer, even if the upload is cut off. */
function chunkedPost(url: string, chunks: string[], { end = true } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${url}/token`, {
      method: 'POST',
      headers: { Origin: SANDBOX_EXTENSION_ORIGIN, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer and close before the upload ends: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    if (end) req.end();
  });
}

/**
 * Writes raw bytes on a fresh connection and returns everything the server sends back until it closes, and whether it
 * closed within `waitMs`.
 */
async function rawExchange(port: number, bytes: string, waitMs = 2000): Promise<{ text: string; closed: boolean }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => undefined);
  socket.write(bytes);
  const closed = await Promise.race([
    once(socket, 'close').then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs)),
  ]);
  socket.destroy();
  return { text: received, closed };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = emulatorControl(emulator.url);
  proxy = await startExtraProxy({ PROXY_RATE_LIMIT_PER_MINUTE: '0' });
});

afterAll(async () => {
  await Promise.all(started.map((extra) => extra.close()));
  await emulator?.close();
});

beforeEach(async () => {
  await control.reset();
});

describe('methods and media types on /token', () => {
  it('answers 405 with Allow: POST, OPTIONS to every other method, before the origin check', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      for (const origin of [SANDBOX_EXTENSION_ORIGIN, 'https://evil.example']) {
        const response = await fetch(`${proxy.url}/token`, {
          method,
          headers: { Origin: origin },
          body: method === 'GET' ? null : CHEAP_BODY,
        });
        expect(response.status, `${method} from ${origin}`).toBe(405);
        expect(response.headers.get('allow')).toBe('POST, OPTIONS');
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await response.json()).toEqual({
          error: 'method_not_allowed',
          error_description: expect.stringContaining('POST'),
        });
      }
    }
    const head = await fetch(`${proxy.url}/token`, { method: 'HEAD' });
    expect([head.status, head.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
    expect(await tokenRequests()).toBe(0);
  });

  it('answers 415 unsupported_media_type unless the body is declared JSON, without calling upstream', async () => {
    const body = JSON.stringify({ code: 'any-code', redirect_uri: SANDBOX_REDIRECT_URI });
    for (const contentType of [
      'application/x-www-form-urlencoded',
      'text/plain;charset=UTF-8',
      'application/jsonp',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await post(proxy.url, { body, headers: { 'Content-Type': contentType } });
      expect(response.status, contentType).toBe(415);
      expect(await response.json()).toEqual({
        error: 'unsupported_media_type',
        error_description: 'The request body must be JSON (Content-Type: application/json).',
      });
    }
    // No Content-Type at all (a byte body gets none from fetch).
    const untyped = await fetch(`${proxy.url}/token`, {
      method: 'POST',
      headers: { Origin: SANDBOX_EXTENSION_ORIGIN },
      body: new TextEncoder().encode(body),
    });
    expect(untyped.status).toBe(415);
    expect(await tokenRequests()).toBe(0);
  });

  it('accepts application/json with parameters, in any case', async () => {
    const code = await freshCode();
    const response = await post(proxy.url, {
      body: JSON.stringify({ code, redirect_uri: SANDBOX_REDIRECT_URI }),
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
    });
    expect(response.status).toBe(200);
    expect(await tokenRequests()).toBe(1);
  });
});

describe('body size', () => {
  it('answers 413 to a body over 4 KiB declared by Content-Length', async () => {
    const response = await post(proxy.url, {
      body: JSON.stringify({ code: 'abc', redirect_uri: SANDBOX_REDIRECT_URI, pad: 'p'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
    expect(await tokenRequests()).toBe(0);
  });

  it('answers 413 to a body declared too long with Connection: close, and ends the connection without reading it', async () => {
    const before = logs.length;
    // The rest of the million bytes never comes: a server that waits to read and discard it keeps the socket open.
    const { text: received, closed } = await rawExchange(
      proxy.port,
      'POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Origin: ${SANDBOX_EXTENSION_ORIGIN}\r\nContent-Length: 1000000\r\n\r\n{"pad":"`,
      3000,
    );
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(closed).toBe(true);
    // Its log line is written (and does not land in the next test's count).
    await vi.waitFor(() => expect(logs.slice(before).map((entry) => entry.status)).toEqual([413]), { timeout: 5000 });
    expect(await tokenRequests()).toBe(0);
  });

  it('answers 413 to a chunked body over 4 KiB with no Content-Length, without waiting for its end', async () => {
    const big = await chunkedPost(proxy.url, ['{"code":"abc","pad":"', 'p'.repeat(3000), 'p'.repeat(3000), '"}']);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: 'invalid_request', error_description: /larger than 4096/ });
    // The upload never ends: the answer must come from counting bytes, not from reading to the end.
    const endless = await chunkedPost(proxy.url, ['{"pad":"', 'p'.repeat(5000)], { end: false });
    expect(endless.status).toBe(413);
    expect(await tokenRequests()).toBe(0);
  });

  it('reads a chunked body under the limit normally', async () => {
    const code = await freshCode();
    const small = await chunkedPost(proxy.url, [`{"code":"${code}",`, `"redirect_uri":"${SANDBOX_REDIRECT_URI}"}`]);
    expect(small.status).toBe(200);
    expect(JSON.parse(small.body)).toMatchObject({ token_type: 'bearer' });
  });

  it('never lets a lying Content-Length smuggle a big chunked body in', async () => {
    const before = logs.length;
    // Markers no log field can hold by chance: the request id and the IP hash are hex, so no "abc" here.
    const chunk = `{"code":"smuggled-code","redirect_uri":"${SANDBOX_REDIRECT_URI}","pad":"${'q'.repeat(5000)}"}`;
    const { text: answer } = await rawExchange(
      proxy.port,
      `POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${SANDBOX_EXTENSION_ORIGIN}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n' +
        `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    );
    // Node's parser refuses the ambiguous framing outright: the app never sees the request, which is logged as one
    // Node refused (node-refused.ts), with nothing of it.
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    // One line for it (an earlier test's connection may still be logging its own as it closes: those are not counted).
    const refused = () => logs.slice(before).filter((entry) => entry.method === null);
    await vi.waitFor(() => expect(refused()).toHaveLength(1), { timeout: 5000 });
    expect(refused()[0]).toMatchObject({ method: null, path: null, status: 400, durationMs: null });
    expect(JSON.stringify(refused())).not.toMatch(/smuggled|qqq/);
    expect(await tokenRequests()).toBe(0);
  });
});

describe('a request with both Content-Length and Transfer-Encoding, as a runtime may hand it on', () => {
  it('is counted as it arrives, not trusted by its Content-Length: 413, upstream never asked', async () => {
    // Node's parser refuses such a request (above); the app itself, as Workers run it, must not rely on that.
    let upstreamCalls = 0;
    const app = createProxyApp(parseProxyConfig(sandboxProxyEnv(emulator.tokenUrl)), {
      upstream: async () => {
        upstreamCalls += 1;
        return { status: 500, text: '' };
      },
    });
    const body = `{"code":"abc","redirect_uri":"${SANDBOX_REDIRECT_URI}","pad":"${'p'.repeat(5000)}"}`;
    const response = await app.request('http://proxy.example/token', {
      method: 'POST',
      headers: {
        Origin: SANDBOX_EXTENSION_ORIGIN,
        'Content-Type': 'application/json',
        'Content-Length': '10',
        'Transfer-Encoding': 'chunked',
      },
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(upstreamCalls).toBe(0);
  });
});

describe('rate limiting per client IP', () => {
  it('answers 429 with Retry-After past the limit, per client, keyed on the last X-Forwarded-For hop', async () => {
    const limited = await startExtraProxy({
      PROXY_RATE_LIMIT_PER_MINUTE: '3',
      PROXY_CLIENT_IP_HEADER: 'X-Forwarded-For',
    });
    const alice = '203.0.113.10';
    const code = await freshCode();
    const exchange = await post(limited.url, {
      body: JSON.stringify({ code, redirect_uri: SANDBOX_REDIRECT_URI }),
      headers: { 'X-Forwarded-For': alice },
    });
    expect(exchange.status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await postAs(limited.url, alice)).status).toBe(400);

    const refused = await postAs(limited.url, alice);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(await refused.json()).toEqual({ error: 'rate_limited', error_description: expect.any(String) });
    // Readable by the extension: CORS headers, Retry-After exposed; and not cached.
    expect(refused.headers.get('access-control-allow-origin')).toBe(SANDBOX_EXTENSION_ORIGIN);
    expect(refused.headers.get('access-control-expose-headers')).toMatch(/\bRetry-After\b/);
    expect(refused.headers.get('cache-control')).toBe('no-store');

    // Forged entries left of the trusted proxy's hop change nothing.
    expect((await postAs(limited.url, `198.51.100.1, ${alice}`)).status).toBe(429);
    // Another client is unaffected, even if it forges alice's address on the left.
    expect((await postAs(limited.url, '203.0.113.20')).status).toBe(400);
    expect((await postAs(limited.url, `${alice}, 203.0.113.21`)).status).toBe(400);
    // Only POST /token counts: alice can still preflight and check health.
    const preflight = await fetch(`${limited.url}/token`, {
      method: 'OPTIONS',
      headers: { Origin: SANDBOX_EXTENSION_ORIGIN, 'Access-Control-Request-Method': 'POST', 'X-Forwarded-For': alice },
    });
    expect(preflight.status).toBe(204);
    expect((await fetch(`${limited.url}/healthz`, { headers: { 'X-Forwarded-For': alice } })).status).toBe(200);
    expect(await tokenRequests()).toBe(1);
  });

  it('keys an IPv6 client by its /56 and every spelling of an IPv4 address as one', async () => {
    const limited = await startExtraProxy({
      PROXY_RATE_LIMIT_PER_MINUTE: '3',
      PROXY_CLIENT_IP_HEADER: 'X-Forwarded-For',
    });
    // One client's /64 (and /56) has more addresses than any limit could count one by one.
    const statusesOf = async (ips: string[]) => {
      const statuses = [];
      for (const ip of ips) statuses.push((await postAs(limited.url, ip)).status);
      return statuses;
    };
    const sixes = ['2001:db8:1:2::1', '2001:DB8:1:2:0:0:0:2', '2001:db8:1:ff::3', '2001:db8:1:2::4'];
    expect(await statusesOf(sixes)).toEqual([400, 400, 400, 429]);
    // The next /56 is another client.
    expect(await statusesOf(['2001:db8:1:100::1'])).toEqual([400]);
    expect(await statusesOf(['192.0.2.7', '::ffff:192.0.2.7', '::ffff:c000:207', '192.0.2.7'])).toEqual([
      400, 400, 400, 429,
    ]);
  });

  it('keys on the socket address when no header is configured, ignoring X-Forwarded-For', async () => {
    const limited = await startExtraProxy({ PROXY_RATE_LIMIT_PER_MINUTE: '2' });
    expect((await postAs(limited.url, '203.0.113.1')).status).toBe(400);
    expect((await postAs(limited.url, '203.0.113.2')).status).toBe(400);
    expect((await postAs(limited.url, '203.0.113.3')).status).toBe(429);
  });

  it('keys a request that bypassed the reverse proxy (no configured header) on its socket address', async () => {
    const limited = await startExtraProxy({ PROXY_RATE_LIMIT_PER_MINUTE: '2', PROXY_CLIENT_IP_HEADER: 'X-Real-IP' });
    // Two loopback addresses as two clients that reach the proxy directly; X-Forwarded-For is not the header.
    expect(await postFrom(limited.url, '127.0.0.2')).toBe(400);
    expect(await postFrom(limited.url, '127.0.0.2', { 'X-Forwarded-For': '203.0.113.4' })).toBe(400);
    expect(await postFrom(limited.url, '127.0.0.2')).toBe(429);
    expect(await postFrom(limited.url, '127.0.0.3')).toBe(400);
    // A client the reverse proxy names is counted apart from the address it connected from.
    expect(await postFrom(limited.url, '127.0.0.2', { 'X-Real-IP': '203.0.113.5' })).toBe(400);
  });

  it('keys a header value that is no IP address on the socket address: a client cannot make up keys', async () => {
    const limited = await startExtraProxy({ PROXY_RATE_LIMIT_PER_MINUTE: '2', PROXY_CLIENT_IP_HEADER: 'X-Real-IP' });
    const statuses = [];
    for (const made of ['garbage-1', 'garbage-2', 'not an address', '203.0.113.999']) {
      statuses.push(await postFrom(limited.url, '127.0.0.4', { 'X-Real-IP': made }));
    }
    expect(statuses).toEqual([400, 400, 429, 429]);
    // An address in it still names the client, one with a port too.
    expect(await postFrom(limited.url, '127.0.0.4', { 'X-Real-IP': '203.0.113.6:51234' })).toBe(400);
  });

  it('limits to 30 a minute by default', async () => {
    const defaulted = await startExtraProxy({});
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await post(defaulted.url)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(400));
    expect(statuses[30]).toBe(429);
  });

  it('does not limit at all with PROXY_RATE_LIMIT_PER_MINUTE=0', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) statuses.add((await post(proxy.url)).status);
    expect([...statuses]).toEqual([400]);
  });
});

describe('headers, request ids and the log', () => {
  it('sends secure headers on every response, errors included', async () => {
    const responses = [
      await fetch(`${proxy.url}/healthz`),
      await fetch(`${proxy.url}/nowhere`),
      await fetch(`${proxy.url}/token`),
      await post(proxy.url),
      await post(proxy.url, { headers: { Origin: 'https://evil.example' } }),
      await fetch(`${proxy.url}/token`, {
        method: 'OPTIONS',
        headers: { Origin: SANDBOX_EXTENSION_ORIGIN, 'Access-Control-Request-Method': 'POST' },
      }),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 404, 405, 400, 403, 204]);
    for (const response of responses) {
      expect(Object.fromEntries(response.headers), String(response.status)).toMatchObject({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
      });
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('gives every request a fresh X-Request-Id, ignoring one sent by the client', async () => {
    const first = await fetch(`${proxy.url}/healthz`, { headers: { 'X-Request-Id': 'client-chosen-id' } });
    const second = await post(proxy.url);
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(second.headers.get('access-control-expose-headers')).toMatch(/\bX-Request-Id\b/);
  });

  it('logs the request id and a salted 16-hex hash of the client IP, never the IP', async () => {
    const behind = await startExtraProxy({
      PROXY_RATE_LIMIT_PER_MINUTE: '0',
      PROXY_CLIENT_IP_HEADER: 'X-Forwarded-For',
    });
    const ips = ['203.0.113.77', '203.0.113.77', '2001:db8::7'];
    const before = logs.length;
    const ids = [];
    for (const ip of ips) ids.push((await postAs(behind.url, ip)).headers.get('x-request-id'));
    const entries = logs.slice(before);
    expect(entries.map((entry) => entry.requestId)).toEqual(ids);
    const hashes = entries.map((entry) => entry.clientIpHash);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[0]).not.toBe(hashes[2]);
    // Salted: not the plain SHA-256 of the address, which anyone could compute for every IPv4 address.
    expect(hashes[0]).not.toBe(
      createHash('sha256')
        .update(ips[0] ?? '')
        .digest('hex')
        .slice(0, 16),
    );
    const serialized = JSON.stringify(logs);
    for (const ip of [...ips, '127.0.0.1', SANDBOX_CLIENT_SECRET]) expect(serialized).not.toContain(ip);
    // Nor any form derived from the address: its canonical spelling, its rate-limit key (an IPv6 /56), its network.
    for (const ip of ips) {
      expect(serialized).not.toContain(canonicalClientIp(ip));
      expect(serialized).not.toContain(rateLimitKey(ip));
    }
    for (const network of ['203.0.113', '2001:db8']) expect(serialized).not.toContain(network);
  });
});

describe('readiness', () => {
  it('answers /readyz 200 when configured', async () => {
    const response = await fetch(`${proxy.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('answers /readyz 503 naming what is missing, and /token 503, when built from a config error', async () => {
    const error = readProxyConfig({
      WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
      WPCOM_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      WPCOM_API_CLIENT_ID: SANDBOX_API_CLIENT_ID,
      WPCOM_API_CLIENT_SECRET: SANDBOX_API_CLIENT_SECRET,
    });
    if (!(error instanceof ProxyConfigError)) throw new Error('expected a ProxyConfigError');
    const app = createProxyApp(error);
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
    await once(server, 'listening');
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      const text = await ready.text();
      expect(JSON.parse(text)).toEqual({
        status: 'not_ready',
        variables: ['PROXY_ALLOWED_REDIRECT_URIS', 'PROXY_ALLOWED_ORIGINS'],
      });
      expect(text).not.toContain(SANDBOX_CLIENT_SECRET);
      expect(text).not.toContain(SANDBOX_API_CLIENT_SECRET);
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      const token = await post(base);
      expect(token.status).toBe(503);
      expect(await token.json()).toMatchObject({ error: 'not_configured' });
      expect((await fetch(`${base}/token`)).status).toBe(405);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
