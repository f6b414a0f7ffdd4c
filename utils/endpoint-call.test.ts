/**
 * The console call in the background: against a local server with canned WordPress.com answers (the error
 * shapes), and against the real emulator for /me.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emulatorControl } from '../sandbox/emulator/control-client';
import { type RunningEmulator, startEmulator } from '../sandbox/emulator/index';
import { freshToken } from '../sandbox/emulator/test-support';
import { SANDBOX_API_CLIENT_ID, SANDBOX_CLIENT_ID } from '../sandbox/sandbox-config';
import { readAppState } from './app-state';
import type { Connection } from './connection';
import { addConnection } from './connection-list';
import { readConnectionStore, updateConnectionStore } from './connection-store';
import { callEndpoint, MAX_KEPT_BODY_BYTES } from './endpoint-call';
import { ENDPOINTS } from './endpoint-catalogue';
import { ConnectError } from './errors';
import { callResultSchema } from './messages';
import { ALICE, BOB, fakeConnection, globalConnection, siteConnection } from './testing/fixtures';

interface Canned {
  status: number;
  headers?: Record<string, string>;
  body: string | object;
}

let server: Server;
let apiUrl: string;
const answers = new Map<string, Canned>();
const seen: { path: string; authorization: string | undefined; cookie: string | undefined }[] = [];

function reply(request: IncomingMessage): Canned {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  return answers.get(path) ?? { status: 404, body: { error: 'unknown_endpoint', message: 'Endpoint does not exist' } };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({
      path: request.url ?? '',
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
    });
    const canned = reply(request);
    const text = typeof canned.body === 'string' ? canned.body : JSON.stringify(canned.body);
    response.writeHead(canned.status, { 'Content-Type': 'application/json', ...canned.headers });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The REST API at `url`, and token-info at `oauthUrl` (by default beside it, on the same test server). */
function useApi(url: string, oauthUrl = url.replace(/\/rest$/, '/oauth2')) {
  vi.stubEnv('WXT_WPCOM_CLIENT_ID', SANDBOX_CLIENT_ID);
  vi.stubEnv('WXT_WPCOM_API_CLIENT_ID', SANDBOX_API_CLIENT_ID);
  vi.stubEnv('WXT_WPCOM_API_URL', url);
  vi.stubEnv('WXT_WPCOM_OAUTH_URL', oauthUrl);
  vi.stubEnv('WXT_TOKEN_PROXY_URL', 'http://127.0.0.1:1/token');
}

beforeEach(() => {
  fakeBrowser.reset();
  answers.clear();
  seen.length = 0;
  useApi(apiUrl);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function store(...connections: Connection[]): Promise<void> {
  for (const connection of connections) await updateConnectionStore((current) => addConnection(current, connection));
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ConnectError);
      return error as ConnectError;
    },
  );

/** The console's call, for the connection it shows: the active one (none: an id no connection has). */
async function callActive(endpointId: string, params: Record<string, string>) {
  return callEndpoint((await readConnectionStore()).activeId ?? 'conn-none', endpointId, params);
}

const SITES = { sites: [{ ID: 5001, name: 'Alice writes', URL: 'https://alicewrites.wordpress.com' }] };

describe('callEndpoint', () => {
  test('sends the token in the header only, and shows the answer pretty-printed and checked', async () => {
    const connection = globalConnection({ profile: ALICE });
    await store(connection);
    answers.set('/rest/v1.1/me/sites', { status: 200, body: SITES });
    const call = await callActive('me-sites', {});
    expect(callResultSchema.parse(call)).toEqual({
      endpoint: 'me-sites',
      method: 'GET',
      url: `${apiUrl}/v1.1/me/sites`,
      status: 200,
      durationMs: expect.any(Number),
      body: JSON.stringify(SITES, null, 2),
    });
    expect(seen).toEqual([
      { path: '/rest/v1.1/me/sites', authorization: `Bearer ${connection.accessToken}`, cookie: undefined },
    ]);
    expect(JSON.stringify(call)).not.toContain(connection.accessToken);
  });

  test('query parameters go through; the URL shown is the one sent', async () => {
    await store(globalConnection());
    answers.set('/rest/v1.1/sites/example.com/posts', { status: 200, body: { found: 0, posts: [] } });
    const call = await callActive('site-posts', { site: 'Example.com', number: '2', status: 'draft' });
    expect(call.url).toBe(`${apiUrl}/v1.1/sites/example.com/posts?number=2&status=draft`);
    expect(seen[0]?.path).toBe('/rest/v1.1/sites/example.com/posts?number=2&status=draft');
    expect(call.schemaProblem).toBeUndefined();
  });

  test('an answer that does not match the schema is still shown, with the mismatch', async () => {
    await store(globalConnection());
    answers.set('/rest/v1.1/me/sites', { status: 200, body: { sites: [{ ID: 'five' }] } });
    const call = await callActive('me-sites', {});
    expect(call.status).toBe(200);
    expect(call.body).toContain('"five"');
    expect(call.schemaProblem).toMatch(/sites\.0\.ID/);
    expect(call.problem).toBeUndefined();
  });

  test('an answer that is not JSON is shown as text', async () => {
    await store(globalConnection());
    answers.set('/rest/v1.1/me/sites', { status: 200, body: '<html>captive portal</html>' });
    const call = await callActive('me-sites', {});
    expect(call.body).toBe('<html>captive portal</html>');
    expect(call.schemaProblem).toBe('The answer is not JSON.');
  });

  test(`only the first ${MAX_KEPT_BODY_BYTES} bytes of a huge answer are kept, marked as cut`, async () => {
    await store(globalConnection());
    answers.set('/rest/v1.1/me/sites', { status: 200, body: `{"sites":[${'"x",'.repeat(400_000)}"x"]}` });
    const call = await callActive('me-sites', {});
    expect(call.truncated).toBe(true);
    expect(call.body.length).toBe(MAX_KEPT_BODY_BYTES);
    expect(call.schemaProblem).toMatch(/too long/);
    expect(callResultSchema.safeParse(call).success).toBe(true);
  });

  test.each([
    [
      403,
      { error: 'authorization_required', message: 'Access token does not have the required scope' },
      'scope_insufficient',
    ],
    [403, { error: 'unauthorized', message: 'User cannot access this blog' }, 'not_permitted'],
    [404, { error: 'unknown_blog', message: 'Unknown blog' }, 'not_found'],
    [500, { error: 'server_error', message: 'oops' }, 'service_unavailable'],
    [502, '<html>bad gateway</html>', 'service_unavailable'],
  ] as const)('HTTP %i %j is a problem %s, and the connection stays', async (status, body, code) => {
    const connection = globalConnection();
    await store(connection);
    answers.set('/rest/v1.1/sites/example.com', { status, body });
    const call = await callActive('site', { site: 'example.com' });
    expect(call.status).toBe(status);
    expect(call.problem?.code).toBe(code);
    expect(call.problem?.message).not.toContain(typeof body === 'string' ? body : body.message);
    expect((await readConnectionStore()).connections.map((c) => c.id)).toEqual([connection.id]);
  });

  test('invalid_token removes that connection only, and says so', async () => {
    const other = fakeConnection({ profile: BOB });
    const dead = globalConnection({ profile: ALICE });
    await store(other, dead);
    answers.set('/rest/v1.1/me/sites', {
      status: 400,
      body: { error: 'invalid_token', message: 'The OAuth2 token is invalid.' },
    });
    answers.set('/oauth2/token-info', {
      status: 400,
      body: { error: 'invalid_request', error_description: 'The specified token is invalid.' },
    });
    const call = await callActive('me-sites', {});
    expect(call.problem).toMatchObject({ code: 'token_invalid', providerError: 'invalid_token' });
    expect(call.problem?.message).toMatch(/removed/);
    const after = await readConnectionStore();
    expect(after.connections.map((c) => c.id)).toEqual([other.id]);
    expect(after.activeId).toBe(other.id);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(dead.accessToken);
  });

  test('invalid_token offers to sign in again with the removed connection’s access, as a profile refresh does', async () => {
    const dead = siteConnection({ profile: ALICE, scope: ['posts'] });
    await store(dead);
    answers.set('/rest/v1.1/sites/5001/posts', {
      status: 403,
      body: { error: 'invalid_token', message: 'The OAuth2 token is invalid.' },
    });
    answers.set('/oauth2/token-info', {
      status: 400,
      body: { error: 'invalid_request', error_description: 'The specified token is invalid.' },
    });
    const before = Date.now();
    const call = await callActive('site-posts', { site: '5001' });
    expect(call.problem?.code).toBe('token_invalid');
    const { state } = await readAppState();
    expect(state.status).toBe('signed_out');
    expect(state.restore).toEqual({
      access: { level: 'site', blog: '5001', scopes: ['posts'] },
      label: 'Alice Example — One site: alicewrites.wordpress.com (posts)',
      removedAt: expect.any(Number),
    });
    expect(state.restore?.removedAt).toBeGreaterThanOrEqual(before);
  });

  test('a call for a connection that is no longer the active one is refused: nothing sent, nothing removed', async () => {
    // The popup's console shows A; an options-page sign-in has since made B the active one.
    const shown = globalConnection({ profile: ALICE });
    const active = globalConnection({ profile: BOB });
    await store(shown, active);
    answers.set('/rest/v1.1/me/sites', {
      status: 400,
      body: { error: 'invalid_token', message: 'The OAuth2 token is invalid.' },
    });
    const refused = await failureOf(callEndpoint(shown.id, 'me-sites', {}));
    expect(refused.code).toBe('connection_gone');
    expect(refused.message).toMatch(/no longer the one in use/);
    expect(seen).toEqual([]);
    const after = await readConnectionStore();
    expect(after.connections.map((c) => c.id)).toEqual([shown.id, active.id]);
    expect(after.activeId).toBe(active.id);
    // A connection gone altogether (a revoke finished meanwhile) is refused with the same code, and says so.
    const gone = await failureOf(callEndpoint('conn-gone-away', 'me-sites', {}));
    expect([gone.code, gone.message]).toEqual(['connection_gone', expect.stringMatching(/revoked or removed/)]);
    expect(seen).toEqual([]);
  });

  test('a 429 is not sent again for that connection and endpoint until Retry-After has passed', async () => {
    const first = globalConnection();
    await store(first);
    answers.set('/rest/v1.1/me/sites', {
      status: 429,
      headers: { 'Retry-After': '120' },
      body: { error: 'rate_limited' },
    });
    answers.set('/rest/v1.1/read/liked', { status: 200, body: { posts: [] } });
    const call = await callActive('me-sites', {});
    expect(call.problem).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 120 });
    // The wait is said by the next step ("Try again in 2 minutes."), not twice.
    expect(call.problem?.message).toBe('WordPress.com asked to slow down.');

    // The same call: refused at once, nothing sent.
    const held = await failureOf(callActive('me-sites', {}));
    expect(held.code).toBe('rate_limited');
    expect(held.retryAfterSeconds).toBeGreaterThan(115);
    expect(held.retryAfterSeconds).toBeLessThanOrEqual(120);
    expect(seen).toHaveLength(1);

    // Another endpoint, or another connection, is not held.
    await callActive('read-liked', {});
    expect(seen).toHaveLength(2);
    const second = globalConnection();
    await store(second);
    answers.set('/rest/v1.1/me/sites', { status: 200, body: SITES });
    await callActive('me-sites', {});
    expect(seen).toHaveLength(3);

    // Back on the first connection, once the wait is over, it is sent again.
    await updateConnectionStore((current) => ({ ...current, activeId: first.id }));
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    expect((await failureOf(callActive('me-sites', {}))).code).toBe('rate_limited');
    vi.spyOn(Date, 'now').mockReturnValue(now + 121_000);
    expect((await callActive('me-sites', {})).status).toBe(200);
    expect(seen).toHaveLength(4);
  });

  test('Retry-After as an HTTP date, or missing (60 s)', async () => {
    await store(globalConnection());
    const at = new Date(Date.now() + 30_000).toUTCString();
    answers.set('/rest/v1.1/me/sites', { status: 429, headers: { 'Retry-After': at }, body: {} });
    answers.set('/rest/v1.1/read/liked', { status: 429, body: {} });
    const dated = await callActive('me-sites', {});
    expect(dated.problem?.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(dated.problem?.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect((await callActive('read-liked', {})).problem?.retryAfterSeconds).toBe(60);
  });

  test('refusals before sending send nothing', async () => {
    const none = await failureOf(callActive('me', {}));
    expect([none.code, none.message]).toEqual(['connection_gone', expect.stringMatching(/No connection is stored/)]);
    await store(siteConnection({ profile: ALICE }));
    expect((await failureOf(callActive('no-such-endpoint', {}))).code).toBe('invalid_params');
    // Another site ID (a host is WordPress.com's to judge: endpoint-request.test.ts).
    expect((await failureOf(callActive('site', { site: '5003' }))).code).toBe('scope_insufficient');
    expect((await failureOf(callActive('site', {}))).code).toBe('invalid_params');
    await store(fakeConnection({ profile: ALICE }));
    expect((await failureOf(callActive('me-sites', {}))).code).toBe('scope_insufficient');
    expect(seen).toEqual([]);
  });

  test('a server that cannot be reached is a network failure, with no call result', async () => {
    await store(globalConnection());
    useApi('http://127.0.0.1:1/rest');
    expect((await failureOf(callActive('me-sites', {}))).code).toBe('network');
  });

  test('a redirect is not followed', async () => {
    await store(globalConnection());
    answers.set('/rest/v1.1/me/sites', { status: 302, headers: { Location: 'https://evil.example/' }, body: '' });
    // Refused as the redirect it is (not the network failing: WordPress.com answered), the connection kept.
    expect((await failureOf(callActive('me-sites', {}))).code).toBe('invalid_response');
    expect((await readConnectionStore()).connections).toHaveLength(1);
  });
});

describe('callEndpoint against the emulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulatorControl(emulator.url).reset());
  afterAll(() => emulator?.close());

  test('/me with a fresh token; once revoked, the connection is removed', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    const accessToken = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    const connection = globalConnection({ accessToken, profile: ALICE });
    await store(connection);
    const call = await callActive('me', {});
    expect(call.status).toBe(200);
    expect(call.schemaProblem).toBeUndefined();
    expect(JSON.parse(call.body)).toMatchObject({ ID: 1001, username: 'alicewrites' });
    expect(call.body).not.toContain(accessToken);

    await emulatorControl(emulator.url).revokeTokens();
    const after = await callActive('me', {});
    expect(after.status).toBe(403);
    expect(after.problem?.code).toBe('token_invalid');
    expect((await readConnectionStore()).connections).toEqual([]);
  });

  const emulatorConnection = async (scope: string, overrides: Partial<Connection> = {}) => {
    const accessToken = await freshToken(emulator, { endpoint: 'authorize', scope });
    // Issued to the API app, as a sign-in stores it.
    const clientId = SANDBOX_API_CLIENT_ID;
    return scope === 'global'
      ? globalConnection({ accessToken, clientId, profile: ALICE, ...overrides })
      : siteConnection({
          accessToken,
          clientId,
          scope: scope.split(' ').filter(Boolean),
          profile: ALICE,
          ...overrides,
        });
  };

  test('every catalogue endpoint answers a global token with what its schema documents', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    await store(await emulatorConnection('global'));
    for (const endpoint of ENDPOINTS) {
      const params: Record<string, string> = endpoint.params.some((p) => p.name === 'site')
        ? { site: 'alicewrites.wordpress.com' }
        : {};
      const call = await callActive(endpoint.id, params);
      expect({ id: endpoint.id, status: call.status, schemaProblem: call.schemaProblem }).toEqual({
        id: endpoint.id,
        status: 200,
        schemaProblem: undefined,
      });
    }
  });

  test('a one-site token narrowed to posts: its posts yes; another site refused before sending (documented)', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    await store(await emulatorConnection('posts'));
    const posts = await callActive('site-posts', { site: '5001', number: '1' });
    expect(posts.status).toBe(200);
    expect(JSON.parse(posts.body).posts).toHaveLength(1);
    const otherSite = await failureOf(callActive('site-posts', { site: '5003' }));
    expect([otherSite.code, otherSite.message]).toEqual([
      'scope_insufficient',
      expect.stringMatching(/reaches only .*nothing was sent/),
    ]);
    expect(Object.keys((await emulatorControl(emulator.url).stats()).restRequests)).toEqual([
      '/rest/v1.1/sites/5001/posts',
    ]);
  });

  test.each([
    ['users', 'site-posts', { site: '5001' }, '/rest/v1.1/sites/5001/posts'],
    ['posts', 'site-stats', { site: '5001' }, '/rest/v1.1/sites/5001/stats'],
    ['posts', 'me-settings', {}, '/rest/v1.1/me/settings'],
    ['', 'connected-apps', {}, '/rest/v1.1/me/connected-applications'],
  ])(
    'a one-site token (scopes “%s”) calling %s, which our table assumes it cannot: sent, and WordPress.com’s refusal shown',
    async (scope, endpointId, params, path) => {
      useApi(emulator.apiUrl, emulator.oauthUrl);
      await store(await emulatorConnection(scope));
      const call = await callActive(endpointId, params);
      expect(call.status).toBe(403);
      expect(call.problem).toMatchObject({ code: 'scope_insufficient', providerError: 'authorization_required' });
      expect((await emulatorControl(emulator.url).stats()).restRequests[path]).toBe(1);
      // The connection stays: a too narrow scope is not a dead token.
      expect((await readConnectionStore()).connections).toHaveLength(1);
    },
  );

  test('a live token answered as if it were dead ("An active access token…") is kept: token-info confirmed it', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    await emulatorControl(emulator.url).setBehaviour({ scopeRefusalAsInactive: true });
    const connection = await emulatorConnection('posts');
    await store(connection);
    const before = (await emulatorControl(emulator.url).stats()).tokenInfoRequests;
    const call = await callActive('me-settings', {});
    expect(call.status).toBe(403);
    expect(call.problem).toMatchObject({ code: 'scope_insufficient', providerError: 'authorization_required' });
    expect(call.problem?.message).toMatch(/confirmed that its token still works: the connection is kept/);
    expect((await emulatorControl(emulator.url).stats()).tokenInfoRequests - before).toBe(1);
    expect((await readConnectionStore()).connections.map((c) => c.id)).toEqual([connection.id]);
    expect((await readAppState()).state.restore).toBeUndefined();
  });

  test('token-info’s verdict on such a token is kept, its reach corrected to what WordPress.com says', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    await emulatorControl(emulator.url).setBehaviour({ scopeRefusalAsInactive: true });
    // Stored as reaching posts and media; WordPress.com issued posts only.
    const connection = { ...(await emulatorConnection('posts')), scope: ['posts', 'media'] };
    await store(connection);
    expect((await callActive('me-settings', {})).problem?.code).toBe('scope_insufficient');
    const [kept] = (await readConnectionStore()).connections;
    expect(kept).toMatchObject({ id: connection.id, scope: ['posts'], health: { status: 'valid' } });
    // Narrower than shown: nothing to warn about.
    expect((await readAppState()).state.outcome).toBeUndefined();
  });

  test('a wider reach learned so is told, as the health check tells it, not stored silently', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    await emulatorControl(emulator.url).setBehaviour({ scopeRefusalAsInactive: true });
    // Stored as reaching posts; WordPress.com issued posts and media.
    const connection = { ...(await emulatorConnection('posts media')), scope: ['posts'] };
    await store(connection);
    await callActive('me-settings', {});
    expect((await readConnectionStore()).connections[0]?.scope.sort()).toEqual(['media', 'posts']);
    const { outcome } = (await readAppState()).state;
    expect(outcome && 'problem' in outcome ? outcome.problem.code : undefined).toBe('access_wider');
  });

  test('the same answer while token-info cannot be reached: kept, and said so', async () => {
    useApi(emulator.apiUrl, 'http://127.0.0.1:1/oauth2');
    await emulatorControl(emulator.url).setBehaviour({ scopeRefusalAsInactive: true });
    const connection = await emulatorConnection('posts');
    await store(connection);
    const call = await callActive('me-settings', {});
    expect(call.problem).toMatchObject({ code: 'service_unavailable', providerError: 'authorization_required' });
    expect((await readConnectionStore()).connections.map((c) => c.id)).toEqual([connection.id]);
  });

  test('a global token asking for someone else’s site: not permitted, said by WordPress.com', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    await store(await emulatorConnection('global'));
    const call = await callActive('site', { site: 'someone-else.wordpress.com' });
    expect(call.status).toBe(403);
    expect(call.problem).toMatchObject({ code: 'not_permitted', providerError: 'unauthorized' });
  });

  test('the emulator’s 429: not sent again until Retry-After has passed', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    await store(await emulatorConnection('global'));
    await emulatorControl(emulator.url).setBehaviour({ restRateLimit: 30 });
    const call = await callActive('me-sites', {});
    expect(call.problem).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
    expect((await failureOf(callActive('me-sites', {}))).code).toBe('rate_limited');
    expect((await emulatorControl(emulator.url).stats()).restRequests['/rest/v1.1/me/sites']).toBe(1);
    await emulatorControl(emulator.url).setBehaviour({ restRateLimit: null });
  });

  test('a login token is refused other endpoints before anything is sent', async () => {
    useApi(emulator.apiUrl, emulator.oauthUrl);
    const before = (await emulatorControl(emulator.url).stats()).meRequests;
    await store(fakeConnection());
    expect((await failureOf(callActive('me-sites', {}))).code).toBe('scope_insufficient');
    expect((await emulatorControl(emulator.url).stats()).meRequests).toBe(before);
  });
});
