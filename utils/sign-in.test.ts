/**
 * The background's sign-in against the real emulator and the real proxy over loopback HTTP.
 * Only the platform edge is faked: WXT's fakeBrowser, with `identity` (which it lacks) driving the
 * emulator's consent form the way a person would, and the browser's `Origin` header on fetch.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emulatorControl } from '../sandbox/emulator/control-client';
import { obtainCode } from '../sandbox/emulator/drive-consent';
import type { RunningEmulator } from '../sandbox/emulator/index';
import { SANDBOX_CLIENT_ID, SANDBOX_EXTENSION_ORIGIN, SANDBOX_REDIRECT_URI } from '../sandbox/sandbox-config';
import { type SandboxServers, startSandboxServers } from '../sandbox/start-servers';
import { readAppState } from './app-state';
import { ConnectError } from './errors';
import { refreshProfile } from './profile-refresh';
import { revoke } from './revoke';
import { signIn } from './sign-in';
import { readConnection, readProfile } from './stored';

let servers: SandboxServers;
let emulator: RunningEmulator;
let proxy: SandboxServers['proxy'];
const control = () => emulatorControl(emulator.url);
const realFetch = globalThis.fetch;

type Launch = (details: { url: string; interactive?: boolean }) => Promise<string>;
const identity = fakeBrowser.identity as unknown as { launchWebAuthFlow: Launch; getRedirectURL: () => string };

/** A person approving (or denying) on the emulator's consent page, as `launchWebAuthFlow` would see it. */
function person(decision: 'approve' | 'deny' = 'approve', user: 'alice' | 'bob' = 'alice') {
  return vi.fn<Launch>(async ({ url }) => {
    const params = new URL(url).searchParams;
    const answer = await obtainCode(emulator.oauthUrl, {
      clientId: params.get('client_id') ?? '',
      redirectUri: params.get('redirect_uri') ?? '',
      state: params.get('state') ?? undefined,
      user,
      decision,
    });
    return answer.location.href;
  });
}

beforeAll(async () => {
  servers = await startSandboxServers({ emulatorPort: 0, proxyPort: 0, rateLimitPerMinute: 1000 });
  ({ emulator, proxy } = servers);
});
afterAll(() => servers?.close());

beforeEach(async () => {
  fakeBrowser.reset();
  await control().reset();
  vi.stubEnv('WXT_WPCOM_CLIENT_ID', SANDBOX_CLIENT_ID);
  vi.stubEnv('WXT_WPCOM_OAUTH_URL', emulator.oauthUrl);
  vi.stubEnv('WXT_WPCOM_API_URL', emulator.apiUrl);
  vi.stubEnv('WXT_GRAVATAR_API_URL', emulator.gravatarUrl);
  vi.stubEnv('WXT_TOKEN_PROXY_URL', `${proxy.url}/token`);
  identity.getRedirectURL = () => SANDBOX_REDIRECT_URI;
  // A browser sends its extension origin on the extension's cross-origin requests; Node does not.
  // (The tests' own calls to the emulator's control API stay origin-less, as local tools.)
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!String(input).includes('/__sandbox/')) headers.set('Origin', SANDBOX_EXTENSION_ORIGIN);
    return realFetch(input, { ...init, headers });
  });
});

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

describe('signIn', () => {
  test('stores the token and the profile, and forgets the state', async () => {
    identity.launchWebAuthFlow = person();
    await signIn();
    const connection = await readConnection();
    expect(connection?.scope).toEqual(['auth']);
    expect(connection?.accessToken).toMatch(/[)%&@(^]/);
    expect(await readProfile()).toMatchObject({ username: 'alicewrites', verified: true });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    const url = new URL(vi.mocked(identity.launchWebAuthFlow).mock.calls[0]?.[0].url ?? '');
    expect(url.pathname).toBe('/oauth2/authenticate');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: SANDBOX_CLIENT_ID,
      redirect_uri: SANDBOX_REDIRECT_URI,
      response_type: 'code',
      scope: 'auth',
    });
  });

  test('joins a flow already running: one window', async () => {
    identity.launchWebAuthFlow = person();
    await Promise.all([signIn(), signIn(), signIn()]);
    expect(identity.launchWebAuthFlow).toHaveBeenCalledTimes(1);
    expect((await control().stats()).tokenRequests).toBe(1);
  });

  test('a callback with another state never sends the code anywhere', async () => {
    await control().setBehaviour({ tamperState: true });
    identity.launchWebAuthFlow = person();
    expect((await failureOf(signIn())).code).toBe('state_mismatch');
    expect((await control().stats()).tokenRequests).toBe(0);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test('denial, closing the window, and an unloadable page each have their code', async () => {
    identity.launchWebAuthFlow = person('deny');
    expect((await failureOf(signIn())).code).toBe('access_denied');
    identity.launchWebAuthFlow = vi.fn<Launch>().mockRejectedValue(new Error('The user did not approve access.'));
    expect((await failureOf(signIn())).code).toBe('user_cancelled');
    identity.launchWebAuthFlow = vi
      .fn<Launch>()
      .mockRejectedValue(new Error('Authorization page could not be loaded.'));
    expect((await failureOf(signIn())).code).toBe('network');
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test('the provider’s error code survives the proxy', async () => {
    // A code is single-use: replay the same callback URL twice.
    let first: string | undefined;
    const approve = person();
    identity.launchWebAuthFlow = vi.fn<Launch>(async (details) => {
      first ??= await approve(details);
      // Same code, but the state of this new flow, so only the code's reuse can fail.
      const replay = new URL(first);
      replay.searchParams.set('state', new URL(details.url).searchParams.get('state') ?? '');
      return replay.href;
    });
    await signIn();
    const error = await failureOf(signIn());
    expect(error.code).toBe('exchange_failed');
    expect(error.providerError).toBe('invalid_grant');
  });

  test('an unusable answer from WordPress.com is reported with the proxy’s code', async () => {
    await control().setBehaviour({ tokenFailure: 'html' });
    identity.launchWebAuthFlow = person();
    const error = await failureOf(signIn());
    expect(error.code).toBe('exchange_failed');
    expect(error.providerError).toBe('upstream_error');
  });
});

describe('after sign-in', () => {
  test('a token revoked at WordPress.com is removed on the next refresh', async () => {
    identity.launchWebAuthFlow = person('approve', 'bob');
    await signIn();
    await control().revokeTokens();
    expect((await failureOf(refreshProfile())).code).toBe('token_invalid');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((await readAppState()).state.status).toBe('signed_out');
  });

  test('revoking a login token wipes it and sends the person to Connected Apps', async () => {
    identity.launchWebAuthFlow = person();
    await signIn();
    expect(await revoke()).toBe('manual');
    for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.session, fakeBrowser.storage.sync]) {
      expect(await area.get(null)).toEqual({});
    }
    expect(await revoke()).toBe('none');
  });
});
