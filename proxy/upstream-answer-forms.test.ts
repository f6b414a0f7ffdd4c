/**
 * One answer from the token endpoint, one outcome on both runtimes: what node:http gives the Node proxy is read as
 * fetch gives it to the Worker (a byte-order mark dropped, a compressed body unpacked, the cap counted unpacked).
 * Otherwise the same answer from WordPress.com is a 200 on one runtime and a 502, with the code spent, on the other.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProxyConfig } from './config';
import { ProxyError } from './errors';
import { nodeUpstreamPost } from './node-upstream-post';
import {
  fetchUpstream,
  MAX_UPSTREAM_BODY_BYTES,
  processTokenResponse,
  requestToken,
  type UpstreamPost,
} from './upstream-token';

const TOKEN = '{"access_token":"T","token_type":"bearer","blog_id":0,"blog_url":null,"scope":"auth"}';

/** How the test server sends the token answer, by the path asked for. */
const FORMS: Record<
  string,
  { encoding?: string; status?: number; headers?: Record<string, string>; body: () => Buffer }
> = {
  '/plain': { body: () => Buffer.from(TOKEN) },
  '/bom': { body: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TOKEN)]) },
  '/gzip': { encoding: 'gzip', body: () => zlib.gzipSync(TOKEN) },
  '/deflate': { encoding: 'deflate', body: () => zlib.deflateSync(TOKEN) },
  '/br': { encoding: 'br', body: () => zlib.brotliCompressSync(TOKEN) },
  // 10 MB of spaces before the JSON, a few KB packed: past the cap once unpacked.
  '/bomb': {
    encoding: 'gzip',
    body: () => zlib.gzipSync(Buffer.concat([Buffer.alloc(10 * 1024 * 1024, 0x20), Buffer.from(TOKEN)])),
  },
  '/unknown': { encoding: 'x-squeeze', body: () => Buffer.from(TOKEN) },
  '/broken': { encoding: 'gzip', body: () => Buffer.from(TOKEN) },
  // A bodiless 429, labelled as compressed: empty to fetch, so WordPress.com's wait is passed on.
  '/empty-429': { encoding: 'gzip', status: 429, headers: { 'Retry-After': '30' }, body: () => Buffer.alloc(0) },
};

let server: Server;
let base = '';
const acceptEncodings: Array<string | undefined> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    acceptEncodings.push(request.headers['accept-encoding']);
    const form = FORMS[request.url ?? ''];
    if (!form) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(form.status ?? 200, {
      'Content-Type': 'application/json',
      ...(form.encoding ? { 'Content-Encoding': form.encoding } : {}),
      ...form.headers,
    });
    response.end(form.body());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const clients: Array<[string, UpstreamPost]> = [
  ['on Node (node:http)', nodeUpstreamPost],
  ['on Workers (fetch)', fetchUpstream((input, init) => fetch(input, init))],
];

/** The exchange's outcome as the proxy answers it: 200 with the token, or the ProxyError's status. */
async function outcome(post: UpstreamPost, path: string): Promise<number> {
  const config = parseProxyConfig({
    WPCOM_CLIENT_ID: '84620',
    WPCOM_CLIENT_SECRET: 'forms-test-secret',
    WPCOM_API_CLIENT_ID: '84621',
    WPCOM_API_CLIENT_SECRET: 'forms-test-secret-api',
    WPCOM_TOKEN_URL: `${base}${path}`,
    PROXY_ALLOWED_REDIRECT_URIS: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
    PROXY_ALLOWED_ORIGINS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
  });
  try {
    const answer = await requestToken(config, post, {
      code: 'a-code',
      redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      app: { clientId: config.clientId, clientSecret: config.clientSecret },
    });
    expect(processTokenResponse(answer)).toMatchObject({ access_token: 'T' });
    return 200;
  } catch (error) {
    expect(error).toBeInstanceOf(ProxyError);
    return (error as ProxyError).status;
  }
}

describe.each(clients)('the upstream client %s', (_, post) => {
  it.each(['/plain', '/bom', '/gzip', '/deflate', '/br'])('reads the token answer sent as %s', async (path) => {
    expect(await outcome(post, path)).toBe(200);
  });

  it('counts the cap unpacked: a compressed answer past it is 502', async () => {
    expect(MAX_UPSTREAM_BODY_BYTES).toBeLessThan(10 * 1024 * 1024);
    expect(await outcome(post, '/bomb')).toBe(502);
  });

  it('reads an answer in an encoding it does not know as it came, as fetch does', async () => {
    expect(await outcome(post, '/unknown')).toBe(200);
  });

  it('an empty 429 labelled as compressed is WordPress.com’s 429, with its wait', async () => {
    expect(await outcome(post, '/empty-429')).toBe(429);
  });

  it('a compressed answer that is not what it says is 502', async () => {
    expect(await outcome(post, '/broken')).toBe(502);
  });
});

it('the Node client asks for an uncompressed answer', async () => {
  acceptEncodings.length = 0;
  expect(await outcome(nodeUpstreamPost, '/plain')).toBe(200);
  expect(acceptEncodings).toEqual(['identity']);
});
