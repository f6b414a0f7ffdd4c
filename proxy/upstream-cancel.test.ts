/**
 * The timeout's abort really cancels the call to the token endpoint: the connection closes before any answer, on
 * both upstream posts (Node's node:http one, and the fetch one Workers run). The contract suite shows it end to end
 * on both runtimes (the emulator counts the abandoned request; on Workers from a workerd that makes its own fetches:
 * tests/proxy-contract/workers-target.ts).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { nodeUpstreamPost } from './node-upstream-post';
import { fetchUpstream, type UpstreamPost } from './upstream-token';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
});

test.each<[string, UpstreamPost]>([
  ['node:http (Node)', nodeUpstreamPost],
  ['fetch (Workers)', fetchUpstream(fetch)],
])('%s: an abort closes the connection to the token endpoint before it answers', async (_, post) => {
  let arrived: () => void = () => {};
  const request = new Promise<void>((done) => {
    arrived = done;
  });
  let hungUp: () => void = () => {};
  const closedUnanswered = new Promise<void>((done) => {
    hungUp = done;
  });
  // A token endpoint that never answers: only the client's going away ends the request.
  server = createServer((_request, response) => {
    response.on('close', () => {
      if (!response.writableFinished) hungUp();
    });
    arrived();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const controller = new AbortController();
  const posting = post(`http://127.0.0.1:${port}/oauth2/token`, 'code=x', controller.signal);
  await request;
  controller.abort(new Error('The token endpoint did not answer in time.'));
  await expect(posting).rejects.toThrow();
  await closedUnanswered;
});
