/**
 * Slowloris against the Node proxy: a client that sends its headers or its body a trickle at a time is
 * answered 408 and disconnected once past the limit, instead of holding a socket for Node's minutes. And what
 * Node's parser refuses before the app sees it (too slow, malformed, headers too large) is answered as Node does
 * and logged once, with nothing the client sent.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { SANDBOX_EXTENSION_ORIGIN } from '../sandbox/sandbox-config';
import { sandboxProxyEnv } from '../sandbox/sandbox-proxy';
import { parseProxyConfig } from './config';
import type { RequestLogEntry } from './request-log';
import { type RunningProxy, SLOW_CLIENT_LIMITS, startProxy } from './serve';
import { MAX_TOKEN_BODY_BYTES } from './token-request';

const LIMITS = { headersMs: 400, requestMs: 800, checkEveryMs: 50 };
/** Far below Node's defaults (60 s / 300 s, checked every 30 s), far above the limits here. */
const GIVE_UP_MS = 5_000;

let proxy: RunningProxy;
const logs: RequestLogEntry[] = [];

beforeAll(async () => {
  // Nothing here reaches the token endpoint: a closed port will do.
  proxy = await startProxy(parseProxyConfig(sandboxProxyEnv('http://127.0.0.1:9/oauth2/token')), {
    log: (entry) => logs.push(entry),
    slowClientLimits: LIMITS,
  });
});

beforeEach(() => {
  logs.length = 0;
});

afterAll(() => proxy.close());

/** Opens a socket, sends `start`, then `drip` every 100 ms (if given); resolves with what came back once it closes. */
function trickle(
  start: string,
  drip?: string,
  port = proxy.port,
  giveUpMs = GIVE_UP_MS,
): Promise<{ answer: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    const dripping = setInterval(() => drip && socket.writable && socket.write(drip), 100);
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    function finish(closed: boolean) {
      clearInterval(dripping);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ answer, closed });
    }
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => {});
    socket.write(start);
  });
}

/** The one log line of a request Node refused, checked against its answer; nothing the client sent is in it. */
async function refusedLine(answer: string, status: number, sent: string) {
  await vi.waitFor(() => expect(logs).toHaveLength(1));
  const [line] = logs;
  expect(line).toEqual({
    time: expect.any(String),
    requestId: /X-Request-Id: ([\w-]+)/.exec(answer)?.[1],
    method: null,
    path: null,
    status,
    durationMs: null,
    clientIpHash: expect.stringMatching(/^[0-9a-f]{16}$/),
  });
  expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
  for (const word of sent.match(/[\w-]{6,}/g) ?? []) expect(JSON.stringify(line)).not.toContain(word);
}

test('headers sent a trickle at a time: 408, the connection closed, one log line', async () => {
  const start = 'POST /token?code=trickledCode HTTP/1.1\r\nHost: 127.0.0.1\r\n';
  const result = await trickle(start, 'X-Slow: a\r\n');
  expect(result.closed).toBe(true);
  await refusedLine(result.answer, 408, start);
});

test('the headers have their own limit, not only the whole request’s', async () => {
  // The whole request's limit far past the give-up: only the headers' limit can answer the trickle in time (Node's
  // own headers timeout would be the request's, a minute here).
  const headersOnly = await startProxy(parseProxyConfig(sandboxProxyEnv('http://127.0.0.1:9/oauth2/token')), {
    log: (entry) => logs.push(entry),
    slowClientLimits: { ...LIMITS, requestMs: 60_000 },
  });
  try {
    const start = 'POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\n';
    const result = await trickle(start, 'X-Slow: a\r\n', headersOnly.port);
    expect(result.closed).toBe(true);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
  } finally {
    await headersOnly.close();
  }
});

test('a request Node cannot parse: 400 as Node answers it, one log line without its method or path', async () => {
  const sent = 'GARBLED /token?code=unparsedCode HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  const result = await trickle(sent);
  expect(result.closed).toBe(true);
  await refusedLine(result.answer, 400, sent);
});

test('behind a reverse proxy (PROXY_CLIENT_IP_HEADER set), a refused request’s line has no client hash: the socket is the reverse proxy’s', async () => {
  const behind = await startProxy(
    parseProxyConfig(sandboxProxyEnv('http://127.0.0.1:9/oauth2/token', { PROXY_CLIENT_IP_HEADER: 'X-Forwarded-For' })),
    { log: (entry) => logs.push(entry), slowClientLimits: LIMITS },
  );
  try {
    const result = await trickle('GARBLED / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', undefined, behind.port);
    expect(result.answer).toMatch(/^HTTP\/1\.1 400 /);
    await vi.waitFor(() => expect(logs).toHaveLength(1));
    expect(logs[0]).toMatchObject({ status: 400, clientIpHash: null });
  } finally {
    await behind.close();
  }
});

test.each([
  ['a backslash in the path', 'GET /\\unreadableCode HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
  ['a Host the adapter does not trust', 'POST /token HTTP/1.1\r\nHost: someone@unreadableHost\r\n\r\n'],
  ['an absolute URL that does not parse', 'GET http://[unreadableUrl/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
])(
  'a request the adapter cannot read (%s): 400 with the headers every answer carries, one log line',
  async (_, sent) => {
    const result = await trickle(sent);
    expect(result.closed).toBe(true);
    const [head = '', body] = result.answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    for (const header of ['x-content-type-options: nosniff', 'cache-control: no-store', 'connection: close']) {
      expect(head.toLowerCase()).toContain(header);
    }
    expect(body).toContain('"error":"invalid_request"');
    await vi.waitFor(() => expect(logs).toHaveLength(1));
    expect(logs[0]).toEqual({
      time: expect.any(String),
      requestId: /x-request-id: ([\w-]+)/i.exec(head)?.[1],
      method: null,
      path: null,
      status: 400,
      durationMs: null,
      clientIpHash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(JSON.stringify(logs)).not.toMatch(/unreadable/);
  },
);

test('headers too large: 431 as Node answers it, one log line', async () => {
  const sent = `POST /token?code=largeHeadersCode HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
  const result = await trickle(sent);
  expect(result.closed).toBe(true);
  await refusedLine(result.answer, 431, sent);
});

test('a body sent a trickle at a time: 408 and the connection closed', async () => {
  const head = [
    'POST /token HTTP/1.1',
    'Host: 127.0.0.1',
    `Origin: ${SANDBOX_EXTENSION_ORIGIN}`,
    'Content-Type: application/json',
    'Content-Length: 1000',
    '',
    '',
  ].join('\r\n');
  const result = await trickle(head, ' ');
  expect(result.closed).toBe(true);
  expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
  // The app has this request: its one line is the app's, not a second one for Node's answer.
  await vi.waitFor(() => expect(logs).toHaveLength(1));
  expect(logs[0]).toMatchObject({ method: 'POST', path: '/token' });
  expect(result.answer).not.toContain('X-Request-Id');
});

describe('Expect: 100-continue', () => {
  const head = (length: number) =>
    [
      'POST /token HTTP/1.1',
      'Host: 127.0.0.1',
      `Origin: ${SANDBOX_EXTENSION_ORIGIN}`,
      'Content-Type: application/json',
      `Content-Length: ${length}`,
      'Expect: 100-continue',
      '',
      '',
    ].join('\r\n');

  test('a body declared too large: 413 at once, no 100 Continue asking for it, the connection closed', async () => {
    const result = await trickle(head(MAX_TOKEN_BODY_BYTES + 1));
    expect(result.closed).toBe(true);
    expect(result.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.answer).not.toContain('100 Continue');
    expect(result.answer.toLowerCase()).toContain('connection: close');
    await vi.waitFor(() => expect(logs).toHaveLength(1));
    expect(logs[0]).toMatchObject({ method: 'POST', path: '/token', status: 413 });
  });

  test('a body of an acceptable size: 100 Continue, then the body is read and answered', async () => {
    const body = JSON.stringify({ code: 'continueCode', redirect_uri: 'https://unlisted.example/cb' });
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(proxy.port, '127.0.0.1');
      let received = '';
      const giveUp = setTimeout(() => reject(new Error(`no answer in ${GIVE_UP_MS} ms: ${received}`)), GIVE_UP_MS);
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        if (received === 'HTTP/1.1 100 Continue\r\n\r\n') socket.write(body);
        else if (received.includes('"error"')) {
          clearTimeout(giveUp);
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('error', reject);
      socket.write(head(Buffer.byteLength(body)));
    });
    const [interim, final = ''] = answer.split(/(?<=^HTTP\/1\.1 100 Continue\r\n\r\n)/);
    expect(interim).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    // The body was read: its redirect URI is what the proxy refuses.
    expect(final).toMatch(/^HTTP\/1\.1 400 /);
    expect(final).toContain('redirect_uri is not registered');
  });
});

test('an ordinary client is answered while others trickle', async () => {
  const slow = trickle('POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: a\r\n');
  const response = await fetch(`${proxy.url}/healthz`);
  expect(response.status).toBe(200);
  expect((await slow).closed).toBe(true);
});

test("an idle keep-alive connection is closed after PROXY_KEEP_ALIVE_TIMEOUT_MS, not Node's 5 s", async () => {
  const env = { ...sandboxProxyEnv('http://127.0.0.1:9/oauth2/token'), PROXY_KEEP_ALIVE_TIMEOUT_MS: '1000' };
  const short = await startProxy(parseProxyConfig(env), { slowClientLimits: LIMITS });
  try {
    // Node's default would hold the connection 5 s after the answer; the setting closes it after 1 s.
    const result = await trickle('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', undefined, short.port, 3_500);
    expect(result.answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(result.closed).toBe(true);
  } finally {
    await short.close();
  }
});

test('the limits `npm run proxy` uses are seconds, not minutes', () => {
  expect(SLOW_CLIENT_LIMITS.headersMs).toBeLessThanOrEqual(10_000);
  expect(SLOW_CLIENT_LIMITS.requestMs).toBeLessThanOrEqual(15_000);
  expect(SLOW_CLIENT_LIMITS.checkEveryMs).toBeLessThanOrEqual(1_000);
});
