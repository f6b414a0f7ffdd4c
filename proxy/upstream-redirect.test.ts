/**
 * A token endpoint that redirects is never followed, by either runtime's upstream client: following a 307 or 308
 * would POST the form, client secret included, to wherever the Location points. The exchange ends as 502
 * `upstream_error`, and the place the redirect names receives nothing.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProxyConfig } from './config';
import { ProxyError } from './errors';
import { nodeUpstreamPost } from './node-upstream-post';
import { fetchUpstream, processTokenResponse, requestToken, type UpstreamPost } from './upstream-token';

const SECRET = 'redirect-test-secret';
const servers: Server[] = [];
/** What reached the place the redirect names. */
const elsewhere: string[] = [];
let redirecting = '';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const target = await listen((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      elsewhere.push(`${request.method} ${request.url} ${body}`);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"access_token":"stolen","token_type":"bearer","blog_id":0,"blog_url":null,"scope":"auth"}');
    });
  });
  redirecting = await listen((request, response) => {
    request.resume();
    const status = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status'));
    response.writeHead(status, { Location: `${target}/collect` });
    response.end();
  });
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

const clients: Array<[string, UpstreamPost]> = [
  ['on Node (node:http)', nodeUpstreamPost],
  ['on Workers (fetch)', fetchUpstream((input, init) => fetch(input, init))],
];

describe.each(clients)('the upstream client %s', (_, post) => {
  it.each([301, 302, 303, 307, 308])('does not follow a %i: 502 upstream_error, nothing sent on', async (status) => {
    elsewhere.length = 0;
    const config = parseProxyConfig({
      WPCOM_CLIENT_ID: '84620',
      WPCOM_CLIENT_SECRET: SECRET,
      WPCOM_API_CLIENT_ID: '84621',
      WPCOM_API_CLIENT_SECRET: `${SECRET}-api`,
      WPCOM_TOKEN_URL: `${redirecting}/oauth2/token?status=${status}`,
      PROXY_ALLOWED_REDIRECT_URIS: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      PROXY_ALLOWED_ORIGINS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    });
    const answer = await requestToken(config, post, {
      code: 'a-code',
      redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      app: { clientId: config.clientId, clientSecret: config.clientSecret },
    });
    expect(answer.status).toBe(status);
    let failure: unknown;
    try {
      processTokenResponse(answer);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ProxyError);
    expect([(failure as ProxyError).status, (failure as ProxyError).code]).toEqual([502, 'upstream_error']);
    expect(elsewhere).toEqual([]);
  });
});
