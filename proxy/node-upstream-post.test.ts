import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { nodeUpstreamPost } from './node-upstream-post';
import { upstreamRetryAfterSeconds } from './retry-after';
import { MAX_UPSTREAM_BODY_BYTES } from './upstream-token';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
});

/** A token endpoint on loopback answering as `handler` says; returns its URL. */
async function tokenEndpoint(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
}

test(`stops reading a token endpoint that answers more than ${MAX_UPSTREAM_BODY_BYTES} bytes, and hangs up`, async () => {
  let sent = 0;
  let hungUp: () => void = () => {};
  const hangUp = new Promise<void>((done) => {
    hungUp = done;
  });
  // An answer with no end: without the cap, the exchange would read (and keep) it forever.
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (!response.destroyed && response.write(chunk)) sent += chunk.length;
      if (!response.destroyed) response.once('drain', pump);
    };
    response.on('close', hungUp);
    pump();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const answer = await nodeUpstreamPost(
    `http://127.0.0.1:${port}/oauth2/token`,
    'code=x',
    new AbortController().signal,
  );

  expect(answer).toEqual({ status: 200, text: '' });
  await hangUp;
  // Kernel buffers let the server get ahead a little, never by much.
  expect(sent).toBeLessThan(4 * 1024 * 1024);
});

test('returns the status, the body and Retry-After as the token endpoint sent them', async () => {
  const url = await tokenEndpoint((_request, response) => {
    response.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': 'Tue, 01 Jan 2030 00:01:30 GMT' });
    response.end('{"error":"rate_limit_exceeded"}');
  });

  const answer = await nodeUpstreamPost(url, 'code=x', new AbortController().signal);

  expect(answer).toEqual({
    status: 429,
    text: '{"error":"rate_limit_exceeded"}',
    retryAfter: 'Tue, 01 Jan 2030 00:01:30 GMT',
  });
});

test('a repeated Retry-After comes back joined, as fetch gives it on Workers (and is then no wait at all)', async () => {
  const url = await tokenEndpoint((_request, response) => {
    response.writeHead(429, [
      ['Content-Type', 'application/json'],
      ['Retry-After', '120'],
      ['retry-after', '60'],
    ]);
    response.end('{}');
  });

  const answer = await nodeUpstreamPost(url, 'code=x', new AbortController().signal);
  const fetched = await fetch(url, { method: 'POST', body: 'code=x' });
  await fetched.body?.cancel();
  expect(answer.retryAfter).toBe('120, 60');
  expect(fetched.headers.get('retry-after')).toBe(answer.retryAfter);
  expect(upstreamRetryAfterSeconds(answer.retryAfter, Date.now())).toBeUndefined();
});
