/**
 * Slowloris against the Node proxy: a client that sends its headers or its body a trickle at a time is
 * answered 408 and disconnected once past the limit, instead of holding a socket for Node's minutes.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SANDBOX_EXTENSION_ORIGIN } from '../sandbox/sandbox-config';
import { sandboxProxyEnv } from '../sandbox/sandbox-proxy';
import { parseProxyConfig } from './config';
import { type RunningProxy, SLOW_CLIENT_LIMITS, startProxy } from './serve';

const LIMITS = { headersMs: 400, requestMs: 800, checkEveryMs: 50 };
/** Far below Node's defaults (60 s / 300 s, checked every 30 s), far above the limits here. */
const GIVE_UP_MS = 5_000;

let proxy: RunningProxy;

beforeAll(async () => {
  // Nothing here reaches the token endpoint: a closed port will do.
  proxy = await startProxy(parseProxyConfig(sandboxProxyEnv('http://127.0.0.1:9/oauth2/token')), {
    log: () => {},
    slowClientLimits: LIMITS,
  });
});

afterAll(() => proxy.close());

/** Opens a socket, sends `start`, then `drip` every 100 ms; resolves with what came back once it closes. */
function trickle(start: string, drip: string): Promise<{ answer: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(proxy.port, '127.0.0.1');
    let answer = '';
    const dripping = setInterval(() => socket.writable && socket.write(drip), 100);
    const giveUp = setTimeout(() => finish(false), GIVE_UP_MS);
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

test('headers sent a trickle at a time: 408 and the connection closed', async () => {
  const result = await trickle('POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: a\r\n');
  expect(result.closed).toBe(true);
  expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
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
});

test('an ordinary client is answered while others trickle', async () => {
  const slow = trickle('POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: a\r\n');
  const response = await fetch(`${proxy.url}/healthz`);
  expect(response.status).toBe(200);
  expect((await slow).closed).toBe(true);
});

test('the limits `npm run proxy` uses are seconds, not minutes', () => {
  expect(SLOW_CLIENT_LIMITS.headersMs).toBeLessThanOrEqual(10_000);
  expect(SLOW_CLIENT_LIMITS.requestMs).toBeLessThanOrEqual(15_000);
  expect(SLOW_CLIENT_LIMITS.checkEveryMs).toBeLessThanOrEqual(1_000);
});
