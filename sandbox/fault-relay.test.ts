import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type RunningFaultRelay, startFaultRelay } from './fault-relay';
import { type FaultRelayControl, faultRelayControl } from './fault-relay-client';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

let target: Server;
let seen: Seen[];
let relay: RunningFaultRelay;
let control: FaultRelayControl;

beforeEach(async () => {
  seen = [];
  target = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Request-Id': 'abc' });
      res.end(JSON.stringify({ echoed: body }));
    });
  });
  await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
  relay = await startFaultRelay({ target: `http://127.0.0.1:${(target.address() as AddressInfo).port}` });
  control = faultRelayControl(relay.controlUrl);
});

afterEach(async () => {
  await relay.close();
  target.closeAllConnections();
  await new Promise((done) => target.close(done));
});

const post = (body = '{"code":"c"}') =>
  fetch(`${relay.url}/token?x=1`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'chrome-extension://abc' },
    body,
  });

describe('the fault relay', () => {
  test('passes requests and answers through unchanged by default', async () => {
    const response = await post();
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('abc');
    expect(await response.json()).toEqual({ echoed: '{"code":"c"}' });
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/token?x=1',
        body: '{"code":"c"}',
        headers: expect.objectContaining({ origin: 'chrome-extension://abc', 'content-type': 'application/json' }),
      }),
    ]);
    expect(await control.stats()).toMatchObject({ mode: 'pass', received: 1, forwarded: 1 });
  });

  test('refuse closes the port (ECONNREFUSED), and pass listens on it again', async () => {
    await post();
    await control.setMode('refuse');
    const failure = await post().then(
      () => undefined,
      (error: Error) => error.cause,
    );
    expect(failure).toMatchObject({ code: 'ECONNREFUSED' });
    await control.setMode('pass');
    expect((await post()).status).toBe(201);
    expect(seen).toHaveLength(2);
  });

  test('slow holds a request, and drops it when the client gives up first', async () => {
    await control.setMode('slow', { delayMs: 200 });
    const started = Date.now();
    expect((await post()).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    await control.setMode('slow', { delayMs: 60_000 });
    await expect(
      fetch(`${relay.url}/token`, { method: 'POST', body: 'x', signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    await expect.poll(async () => (await control.stats()).abandoned).toBe(1);
    expect(seen).toHaveLength(1);
  });

  test('html and html502 answer with a web page and forward nothing', async () => {
    await control.setMode('html');
    const portal = await post();
    expect(portal.status).toBe(200);
    expect(portal.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await portal.text()).toMatch(/<html>/);
    await control.setMode('html502');
    const gateway = await post();
    expect(gateway.status).toBe(502);
    expect(await gateway.text()).toMatch(/502 Bad Gateway/);
    expect(seen).toEqual([]);
    expect(await control.stats()).toMatchObject({ mode: 'html502', answered: 2, forwarded: 0 });
  });

  test('reset goes back to pass and zeroes the counters; a bad mode is refused', async () => {
    await control.setMode('refuse');
    await control.reset();
    expect(await control.stats()).toEqual({ mode: 'pass', received: 0, forwarded: 0, answered: 0, abandoned: 0 });
    expect((await post()).status).toBe(201);
    const bad = await fetch(`${relay.controlUrl}/__relay/mode`, { method: 'POST', body: '{"mode":"explode"}' });
    expect(bad.status).toBe(400);
  });
});
