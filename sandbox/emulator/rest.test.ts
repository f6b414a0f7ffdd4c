import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
import { sha256Hex } from './random.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import { freshToken, getMe, SANDBOX, SANDBOX_API, TEST_CLIENTS } from './test-support.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
});
afterAll(() => emulator.close());
beforeEach(() => emulatorControl(emulator.url).reset());

const NO_ACTIVE_TOKEN = {
  error: 'authorization_required',
  message: 'An active access token must be used to query information about the current user.',
};
const SCOPE_TOO_NARROW = { error: 'authorization_required', message: 'Access token does not have the required scope' };

async function expectError(response: Response, status: number, body: object): Promise<void> {
  expect(response.status).toBe(status);
  expect(await response.json()).toEqual(body);
}

describe('GET /rest/v1.1/me', () => {
  it('describes alice to a login token', async () => {
    const response = await getMe(emulator, await freshToken(emulator));
    expect(response.status).toBe(200);
    const hash = await sha256Hex('alice@example.com');
    expect(await response.json()).toMatchObject({
      ID: 1001,
      username: 'alicewrites',
      display_name: 'Alice Example',
      email: 'alice@example.com',
      verified: true,
      email_verified: true,
      primary_blog: 5001,
      primary_blog_url: 'https://alicewrites.wordpress.com',
      language: 'en',
      token_scope: ['auth'],
      token_client_id: SANDBOX.clientId,
      token_site_id: 0,
      avatar_URL: `${emulator.url}/avatar/${hash}?s=96&d=identicon`,
      profile_URL: `${emulator.url}/gravatar-profile/alicewrites`,
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      site_count: 2,
      visible_site_count: 2,
      meta: { links: { self: `${emulator.apiUrl}/v1.1/me` } },
    });
  });

  it('meEmailAsTyped and meEmailVerified: the email as typed, and email_verified apart from verified', async () => {
    const token = await freshToken(emulator);
    await emulatorControl(emulator.url).setBehaviour({ meEmailAsTyped: true, meEmailVerified: false });
    try {
      expect(await (await getMe(emulator, token)).json()).toMatchObject({
        email: '  Alice@Example.COM ',
        verified: true,
        email_verified: false,
      });
    } finally {
      await emulatorControl(emulator.url).setBehaviour({ meEmailAsTyped: false, meEmailVerified: null });
    }
    expect(await (await getMe(emulator, token)).json()).toMatchObject({
      email: 'alice@example.com',
      email_verified: true,
    });
  });

  it('describes bob, unverified, and answers at /rest/v1/me too', async () => {
    const token = await freshToken(emulator, { user: 'bob' });
    const response = await fetch(`${emulator.apiUrl}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await response.json()).toMatchObject({
      ID: 1002,
      username: 'bobunverified',
      display_name: 'Bob Unverified',
      email: 'bob@example.org',
      verified: false,
      email_verified: false,
      primary_blog: 5002,
    });
  });

  it('reflects a one-site token', async () => {
    const token = await freshToken(emulator, { endpoint: 'authorize', scope: 'posts media' });
    expect(await (await getMe(emulator, token)).json()).toMatchObject({
      token_scope: ['posts', 'media'],
      token_site_id: 5001,
    });
  });

  it('answers 403 authorization_required without a token', async () => {
    await expectError(await getMe(emulator, null), 403, NO_ACTIVE_TOKEN);
  });

  it('answers 400 invalid_token for a token it never issued', async () => {
    await expectError(await getMe(emulator, 'garbage)%&@(^token'), 400, {
      error: 'invalid_token',
      message: 'The OAuth2 token is invalid.',
    });
  });

  it('answers 403 authorization_required for a revoked token', async () => {
    const token = await freshToken(emulator);
    await emulatorControl(emulator.url).revokeTokens('alicewrites');
    await expectError(await getMe(emulator, token), 403, NO_ACTIVE_TOKEN);
  });

  it('refuses a browser origin the app does not list, and allows a listed one', async () => {
    const token = await freshToken(emulator);
    await expectError(await getMe(emulator, token, { Origin: 'https://evil.example' }), 403, {
      error: 'unauthorized',
      message: 'You cannot make requests from this origin.',
    });
    const allowed = SANDBOX.javascriptOrigins[0] ?? '';
    const response = await getMe(emulator, token, { Origin: allowed });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it('answers 500 when told to', async () => {
    const token = await freshToken(emulator);
    await emulatorControl(emulator.url).setBehaviour({ meFailure: 'server_error' });
    expect((await getMe(emulator, token)).status).toBe(500);
  });

  it('answers invalid_token to a live token when told to, as to one it does not know', async () => {
    const token = await freshToken(emulator);
    await emulatorControl(emulator.url).setBehaviour({ meFailure: 'invalid_token' });
    await expectError(await getMe(emulator, token), 400, {
      error: 'invalid_token',
      message: 'The OAuth2 token is invalid.',
    });
  });
});

describe('other REST paths', () => {
  const call = (path: string, token: string, method = 'GET') =>
    fetch(`${emulator.apiUrl}/v1.1/${path}`, { method, headers: { Authorization: `Bearer ${token}` } });

  it('refuses login tokens everywhere but /me', async () => {
    const token = await freshToken(emulator);
    await expectError(await call('me/sites', token), 403, SCOPE_TOO_NARROW);
    await expectError(await call('sites/5001/posts', token), 403, SCOPE_TOO_NARROW);
  });

  it('answers unknown_endpoint to other tokens', async () => {
    const token = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    await expectError(await call('no/such/thing', token), 404, {
      error: 'unknown_endpoint',
      message: 'Endpoint does not exist',
    });
  });

  it('answers unknown_endpoint before looking at a missing, unknown or revoked token', async () => {
    const revoked = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    await emulatorControl(emulator.url).revokeTokens();
    const unknownEndpoint = { error: 'unknown_endpoint', message: 'Endpoint does not exist' };
    await expectError(await fetch(`${emulator.apiUrl}/v1.1/no/such/thing`), 404, unknownEndpoint);
    await expectError(await call('no/such/thing', 'never-issued'), 404, unknownEndpoint);
    await expectError(await call('no/such/thing', revoked), 404, unknownEndpoint);
    // A known path with the same tokens is refused for the token.
    expect((await call('me/sites', revoked)).status).toBe(403);
  });

  it('refuses to let a login token disconnect its app', async () => {
    const token = await freshToken(emulator);
    const path = `me/connected-applications/${SANDBOX.clientId}/delete`;
    await expectError(await call(path, token, 'POST'), 403, SCOPE_TOO_NARROW);
    expect((await getMe(emulator, token)).status).toBe(200);
  });

  it('lets a global token disconnect its app, which revokes the user’s tokens for it, not another app’s', async () => {
    const login = await freshToken(emulator);
    const site = await freshToken(emulator, { endpoint: 'authorize', blog: '5001' });
    const global = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    const bobs = await freshToken(emulator, { endpoint: 'authorize', user: 'bob', scope: 'global' });
    const response = await call(`me/connected-applications/${SANDBOX_API.clientId}/delete`, global, 'POST');
    expect(await response.json()).toEqual({ success: true });
    expect((await getMe(emulator, site)).status).toBe(403);
    expect((await getMe(emulator, global)).status).toBe(403);
    expect((await getMe(emulator, login)).status).toBe(200);
    expect((await getMe(emulator, bobs)).status).toBe(200);
  });
});

describe('REST versions', () => {
  const at = (version: string, path: string, token: string) =>
    fetch(`${emulator.url}/rest/${version}/${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const UNKNOWN_ENDPOINT = { error: 'unknown_endpoint', message: 'Endpoint does not exist' };

  it('answers under v1, v1.1 and v1.2 only; any other version is an unknown path', async () => {
    const global = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    for (const version of ['v1', 'v1.1', 'v1.2']) {
      expect((await at(version, 'me', global)).status, version).toBe(200);
      expect((await at(version, 'me/sites/', global)).status, version).toBe(200);
    }
    for (const version of ['v1.0', 'v1.3', 'v1.9', 'v1.10', 'v2', 'v0', 'V1.1']) {
      await expectError(await at(version, 'me', global), 404, UNKNOWN_ENDPOINT);
      await expectError(await at(version, 'sites/5001/posts', global), 404, UNKNOWN_ENDPOINT);
    }
    // As on any unknown path, a login token is refused for its scope.
    await expectError(await at('v1.9', 'me', await freshToken(emulator)), 403, SCOPE_TOO_NARROW);
  });
});

describe('GET /oauth2/token-info', () => {
  /** Asked as the app the token was issued to: the login app unless said (the API app for /authorize's tokens). */
  const info = (token: string, clientId = SANDBOX.clientId) =>
    fetch(`${emulator.oauthUrl}/token-info?${new URLSearchParams({ client_id: clientId, token })}`);
  const INVALID = { error: 'invalid_request', error_description: 'The specified token is invalid.' };

  it('describes a login token', async () => {
    const response = await info(await freshToken(emulator));
    expect(await response.json()).toEqual({
      client_id: SANDBOX.clientId,
      user_id: '1001',
      blog_id: '0',
      scope: 'auth',
    });
  });

  it('gives a null blog_id for a global token, and comma-separated scopes', async () => {
    const global = await freshToken(emulator, { endpoint: 'authorize', scope: 'global', user: 'bob' });
    const api = SANDBOX_API.clientId;
    expect(await (await info(global, api)).json()).toMatchObject({ user_id: '1002', blog_id: null, scope: 'global' });
    const site = await freshToken(emulator, { endpoint: 'authorize', scope: 'posts media' });
    expect(await (await info(site, api)).json()).toMatchObject({ blog_id: '5001', scope: 'posts,media' });
    const wholeSite = await freshToken(emulator, { endpoint: 'authorize', blog: 'alicecooks.wordpress.com' });
    expect(await (await info(wholeSite, api)).json()).toEqual({
      client_id: api,
      user_id: '1001',
      blog_id: '5003',
      scope: '',
    });
  });

  it('answers user_id and blog_id as numbers with tokenInfoNumberIds, null staying null', async () => {
    const control = emulatorControl(emulator.url);
    const login = await freshToken(emulator);
    const global = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    const site = await freshToken(emulator, { endpoint: 'authorize', blog: '5003' });
    await control.setBehaviour({ tokenInfoNumberIds: true });
    try {
      expect(await (await info(login)).json()).toEqual({
        client_id: SANDBOX.clientId,
        user_id: 1001,
        blog_id: 0,
        scope: 'auth',
      });
      expect(await (await info(global, SANDBOX_API.clientId)).json()).toMatchObject({ user_id: 1001, blog_id: null });
      expect(await (await info(site, SANDBOX_API.clientId)).json()).toMatchObject({
        user_id: 1001,
        blog_id: 5003,
        scope: '',
      });
    } finally {
      await control.setBehaviour({ tokenInfoNumberIds: false });
    }
    expect(await (await info(site, SANDBOX_API.clientId)).json()).toMatchObject({ user_id: '1001', blog_id: '5003' });
  });

  it('refuses unknown, revoked, unencoded and other-client tokens', async () => {
    const token = await freshToken(emulator);
    await expectError(await info('nope'), 400, INVALID);
    await expectError(await info(token, '99001'), 400, INVALID);
    // The sandbox's other app: another client than the one the token was issued to.
    await expectError(await info(token, SANDBOX_API.clientId), 400, INVALID);
    const raw = await fetch(`${emulator.oauthUrl}/token-info?client_id=${SANDBOX.clientId}&token=${token}`);
    await expectError(raw, 400, INVALID);
    await emulatorControl(emulator.url).revokeTokens();
    await expectError(await info(token), 400, INVALID);
  });
});
