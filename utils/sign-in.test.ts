/**
 * The background's sign-in, refresh and revoke against the real emulator and the real proxy over loopback
 * HTTP. Only the platform edge is faked: WXT's fakeBrowser, with `identity` (which it lacks) driving the
 * emulator's consent form the way a person would, and the browser's `Origin` header on fetch.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { errorWords, nextStep } from '../components/error-words';
import { emulatorControl } from '../sandbox/emulator/control-client';
import { type ConsentParams, obtainCode } from '../sandbox/emulator/drive-consent';
import type { RunningEmulator } from '../sandbox/emulator/index';
import {
  SANDBOX_API_CLIENT_ID,
  SANDBOX_CLIENT_ID,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_REDIRECT_URI,
} from '../sandbox/sandbox-config';
import { type SandboxServers, startSandboxServers } from '../sandbox/start-servers';
import type { AccessRequest } from './access';
import { meFailure } from './api-problem';
import { readAppState } from './app-state';
import { handleMessage } from './background-router';
import { type Connection, MAX_CONNECTIONS } from './connection';
import { checkConnectionsHealth } from './connection-health';
import { TOKEN_INFO_ENDPOINT } from './connection-holds';
import { activeConnection, addConnection } from './connection-list';
import {
  readConnectionStore,
  removeStoredConnection,
  selectStoredConnection,
  updateConnectionStore,
} from './connection-store';
import { noteAccessEnded } from './ended-access';
import { callEndpoint } from './endpoint-call';
import { ConnectError, toErrorInfo } from './errors';
import { dismissOutcome, readOutcome } from './kept-outcome';
import type { Outcome } from './messages';
import { pendingFlowSchema } from './pending-flow';
import { fetchProfile, refreshProfile } from './profile-refresh';
import { holdFor, rateLimitKey } from './rate-limits';
import { restoreOfferFor } from './restore-offer';
import { revoke } from './revoke';
import { signIn as startSignIn } from './sign-in';
import { saveRestoreOffer, saveSettings, takeStorageNotice } from './stored';
import { pageSender, storeDamagedConnection } from './testing/background';
import { ALICE, fakeConnection } from './testing/fixtures';

/**
 * `accessEndedSince` as it is, with a hook a test can set to run right after the sign-in's first check (before
 * its store step): an ending noted there is seen only by the check the store's queue runs. `freshWorker`: the endings
 * this worker saw are forgotten, as in a worker started after the browser's restart.
 */
const endedHook = vi.hoisted(() => ({ afterNextCheck: undefined as (() => void) | undefined, freshWorker: false }));
vi.mock('./ended-access', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./ended-access')>();
  return {
    ...actual,
    accessEndedSince(since: number, accountId: number | undefined) {
      const ended = actual.accessEndedSince(since, accountId);
      const hook = endedHook.afterNextCheck;
      endedHook.afterNextCheck = undefined;
      hook?.();
      return ended;
    },
    endingsSeen() {
      return endedHook.freshWorker ? [] : actual.endingsSeen();
    },
  };
});

/**
 * A sign-in and the Gravatar look-up it starts once the connection is stored (the worker answers the popup
 * without waiting for it): the tests wait for both, so a look-up's write never lands in the next test.
 */
async function signIn(access?: AccessRequest) {
  const result = await startSignIn(access);
  await result.gravatar;
  return result;
}

let servers: SandboxServers;
let emulator: RunningEmulator;
let proxy: SandboxServers['proxy'];
const control = () => emulatorControl(emulator.url);
const realFetch = globalThis.fetch;
/** Runs once the answer to a matching request has arrived, before the code that asked sees it. */
let afterAnswer: { match: (url: string) => boolean; run: () => Promise<void> } | undefined;
/** Runs before the first request it matches is sent (and holds that request until it is done). */
let beforeRequest: { match: (url: string) => boolean; run: () => Promise<void> } | undefined;
/** Rewrites the answer to the first request it matches: an upstream that says what WordPress.com should not. */
let rewriteAnswer: { match: (url: string) => boolean; body: (real: unknown) => unknown } | undefined;

type Launch = (details: { url: string; interactive?: boolean }) => Promise<string>;
const identity = fakeBrowser.identity as unknown as { launchWebAuthFlow: Launch; getRedirectURL: () => string };

type Person = Pick<ConsentParams, 'user' | 'blogId'> & { decision?: 'approve' | 'deny' };

/** Access requests the flow saw while its window was open. */
const flowsSeen: AccessRequest[] = [];

/**
 * Chromium's `storage.session.setAccessLevel`, which fakeBrowser lacks (Firefox has none either): it records
 * what the session area held when it was called.
 */
const sessionAtAccessLevel: Array<Record<string, unknown>> = [];
const setAccessLevel = vi.fn(async (_options: { accessLevel: string }) => {
  sessionAtAccessLevel.push(await fakeBrowser.storage.session.get(null));
});

/**
 * A person on the emulator's consent page, as `launchWebAuthFlow` would see it: the page is the one our
 * URL names (endpoint, scope and blog as we sent them), and they approve or deny as `Person` says.
 */
function person({ decision = 'approve', ...who }: Person = {}) {
  return vi.fn<Launch>(async ({ url }) => {
    const flow = pendingFlowSchema.parse((await fakeBrowser.storage.session.get('pendingFlow')).pendingFlow);
    flowsSeen.push(flow.access);
    const page = new URL(url);
    const get = (name: string) => page.searchParams.get(name) ?? undefined;
    const answer = await obtainCode(emulator.oauthUrl, {
      endpoint: page.pathname.endsWith('/authorize') ? 'authorize' : 'authenticate',
      clientId: get('client_id') ?? '',
      redirectUri: get('redirect_uri') ?? '',
      ...(get('state') === undefined ? {} : { state: get('state') }),
      ...(get('scope') === undefined ? {} : { scope: get('scope') }),
      ...(get('blog') === undefined ? {} : { blog: get('blog') }),
      ...who,
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
  takeStorageNotice();
  flowsSeen.length = 0;
  sessionAtAccessLevel.length = 0;
  setAccessLevel.mockClear();
  Object.assign(fakeBrowser.storage.session, { setAccessLevel });
  await control().reset();
  vi.stubEnv('WXT_WPCOM_CLIENT_ID', SANDBOX_CLIENT_ID);
  vi.stubEnv('WXT_WPCOM_API_CLIENT_ID', SANDBOX_API_CLIENT_ID);
  vi.stubEnv('WXT_WPCOM_OAUTH_URL', emulator.oauthUrl);
  vi.stubEnv('WXT_WPCOM_API_URL', emulator.apiUrl);
  vi.stubEnv('WXT_GRAVATAR_API_URL', emulator.gravatarUrl);
  vi.stubEnv('WXT_TOKEN_PROXY_URL', `${proxy.url}/token`);
  identity.getRedirectURL = () => SANDBOX_REDIRECT_URI;
  // The browsers send the extension's origin on its worker's POSTs, not on its GETs (measured in Chromium 156 and
  // Firefox ESR with the extension's host permissions: tests/e2e sign-in "…refusing extension origins…"); Node sends
  // none. (The tests' own calls to the emulator's control API stay origin-less, as local tools.)
  afterAnswer = undefined;
  beforeRequest = undefined;
  rewriteAnswer = undefined;
  endedHook.afterNextCheck = undefined;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const method = (init.method ?? 'GET').toUpperCase();
    if (!String(input).includes('/__sandbox/') && method !== 'GET' && method !== 'HEAD') {
      headers.set('Origin', SANDBOX_EXTENSION_ORIGIN);
    }
    const before = beforeRequest;
    if (before?.match(String(input))) {
      beforeRequest = undefined;
      await before.run();
    }
    let response = await realFetch(input, { ...init, headers });
    const rewrite = rewriteAnswer;
    if (rewrite?.match(String(input))) {
      rewriteAnswer = undefined;
      const body = JSON.stringify(rewrite.body(await response.json()));
      response = new Response(body, { status: response.status, headers: { 'Content-Type': 'application/json' } });
    }
    const hook = afterAnswer;
    if (hook?.match(String(input))) {
      afterAnswer = undefined;
      await hook.run();
    }
    return response;
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

/**
 * How long the emulator holds a disconnect's answer in the tests of what happens meanwhile: the test acts in that
 * time (over loopback HTTP), so it is seconds, not a few hundred ms that a busy machine could spend elsewhere.
 */
const SLOW_DISCONNECT_MS = 2_000;

const authUrl = (call = 0) => new URL(vi.mocked(identity.launchWebAuthFlow).mock.calls[call]?.[0].url ?? '');
const connections = async () => (await readConnectionStore()).connections;
const everything = async () =>
  JSON.stringify([
    await fakeBrowser.storage.local.get(null),
    await fakeBrowser.storage.session.get(null),
    await fakeBrowser.storage.sync.get(null),
  ]);
/** After the person revoked Alice's last connection: no offer to sign in again, and nothing of her in any area. */
async function expectNothingOfAlice(): Promise<void> {
  expect((await readAppState()).state).not.toHaveProperty('restore');
  expect(await everything()).not.toMatch(/Alice|alicewrites/);
}

async function signInAs(person_: Person, access?: AccessRequest): Promise<Connection> {
  identity.launchWebAuthFlow = person(person_);
  const { connectionId } = await signIn(access);
  const connection = (await connections()).find((c) => c.id === connectionId);
  if (!connection) throw new Error('the new connection is not stored');
  return connection;
}

/** A sign-in whose `/me` fails (WordPress.com answers 500): its connection is stored with no profile. */
async function signInWithoutProfile(who: Person = {}, access?: AccessRequest): Promise<string> {
  await control().setBehaviour({ meFailure: 'server_error' });
  identity.launchWebAuthFlow = person(who);
  const { connectionId } = await signIn(access);
  await control().setBehaviour({ meFailure: null });
  return connectionId;
}

describe('signIn at each access level', () => {
  test('by default, a login: the token and its profile are stored, and the state forgotten', async () => {
    identity.launchWebAuthFlow = person();
    const result = await signIn();
    expect(result.notice).toBeUndefined();
    const store = await readConnectionStore();
    const connection = activeConnection(store);
    expect(connection).toMatchObject({
      id: result.connectionId,
      kind: 'login',
      scope: ['auth'],
      blogId: null,
      clientId: SANDBOX_CLIENT_ID,
    });
    expect(connection?.accessToken).toMatch(/[)%&@(^]/);
    expect(connection?.profile).toMatchObject({ id: 1001, username: 'alicewrites', verified: true });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(authUrl().pathname).toBe('/oauth2/authenticate');
    expect(Object.fromEntries(authUrl().searchParams)).toMatchObject({
      client_id: SANDBOX_CLIENT_ID,
      redirect_uri: SANDBOX_REDIRECT_URI,
      response_type: 'code',
      scope: 'auth',
    });
    expect(flowsSeen).toEqual([{ level: 'profile' }]);
  });

  test('the state is forgotten as soon as it is read: gone before the code is sent to the proxy', async () => {
    let sessionAtExchange: Record<string, unknown> | undefined;
    beforeRequest = {
      match: (url) => url.startsWith(`${proxy.url}/token`),
      run: async () => {
        sessionAtExchange = await fakeBrowser.storage.session.get(null);
      },
    };
    identity.launchWebAuthFlow = person();
    await signIn();
    expect(beforeRequest).toBeUndefined();
    expect(sessionAtExchange).toBeDefined();
    expect(sessionAtExchange).not.toHaveProperty('pendingFlow');
  });

  test('the state goes into a session area closed to content scripts: trusted contexts set before it is saved', async () => {
    identity.launchWebAuthFlow = person();
    await signIn();
    expect(setAccessLevel).toHaveBeenCalledExactlyOnceWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    expect(sessionAtAccessLevel).toEqual([{}]);
  });

  test('the level saved on the options page: all sites', async () => {
    await saveSettings({ access: { level: 'global' } });
    const connection = await signInAs({});
    expect(authUrl().pathname).toBe('/oauth2/authorize');
    expect(authUrl().searchParams.get('scope')).toBe('global');
    expect(authUrl().searchParams.has('blog')).toBe(false);
    // The API app, not the login app: WordPress.com says not to use one app for both.
    expect(authUrl().searchParams.get('client_id')).toBe(SANDBOX_API_CLIENT_ID);
    expect(connection).toMatchObject({
      kind: 'global',
      scope: ['global'],
      blogId: null,
      blogUrl: null,
      clientId: SANDBOX_API_CLIENT_ID,
    });
    expect(connection.profile?.username).toBe('alicewrites');
  });

  test('one site named by address, narrowed to scopes', async () => {
    const connection = await signInAs(
      {},
      { level: 'site', blog: 'alicecooks.wordpress.com', scopes: ['posts', 'stats'] },
    );
    expect(authUrl().searchParams.get('blog')).toBe('alicecooks.wordpress.com');
    expect(authUrl().searchParams.get('scope')).toBe('posts stats');
    expect(authUrl().searchParams.get('client_id')).toBe(SANDBOX_API_CLIENT_ID);
    expect(connection).toMatchObject({
      kind: 'site',
      scope: ['posts', 'stats'],
      blogId: 5003,
      clientId: SANDBOX_API_CLIENT_ID,
    });
    expect(flowsSeen).toEqual([{ level: 'site', blog: 'alicecooks.wordpress.com', scopes: ['posts', 'stats'] }]);
  });

  test('a token answer in the other forms WordPress.com documents (scopes with commas, a number ID) is read the same', async () => {
    await control().setBehaviour({ tokenAnswerOtherForm: true });
    const connection = await signInAs(
      {},
      { level: 'site', blog: 'alicecooks.wordpress.com', scopes: ['posts', 'stats'] },
    );
    expect(connection).toMatchObject({ kind: 'site', scope: ['posts', 'stats'], blogId: 5003 });
    expect(connection.profile?.username).toBe('alicewrites');
    const global = await signInAs({}, { level: 'global' });
    expect(global).toMatchObject({ kind: 'global', scope: ['global'], blogId: null });
  });

  test('one site picked on the consent page, with all of its access', async () => {
    const connection = await signInAs({ blogId: 5001 }, { level: 'site', scopes: [] });
    expect(authUrl().searchParams.has('scope')).toBe(false);
    expect(authUrl().searchParams.has('blog')).toBe(false);
    expect(connection).toMatchObject({ kind: 'site', scope: [], blogId: 5001 });
  });

  test('an explicit access wins over the saved one', async () => {
    await saveSettings({ access: { level: 'global' } });
    expect((await signInAs({}, { level: 'profile' })).kind).toBe('login');
  });
});

describe('when WordPress.com gives more than was asked for', () => {
  test('a site narrowed to scopes granted in full: kept as granted, and the person is told', async () => {
    await control().setBehaviour({ grantWholeSite: true });
    identity.launchWebAuthFlow = person();
    const result = await signIn({ level: 'site', blog: '5001', scopes: ['posts', 'media'] });
    expect(result.notice?.code).toBe('access_wider');
    expect(result.notice?.message).toMatch(/asked for One site, limited to posts, media; .* One site, in full/);
    const [stored] = await connections();
    expect(stored).toMatchObject({ id: result.connectionId, kind: 'site', scope: [], blogId: 5001 });
    // Told once, with the answer to this sign-in; nothing else is noted.
    expect((await readAppState()).notice).toBeUndefined();
  });

  test('/me refused while token-info confirms the token with more than the token endpoint said: its reach and the notice follow token-info', async () => {
    await control().setBehaviour({ authorizationStripped: true });
    identity.launchWebAuthFlow = person();
    rewriteAnswer = {
      match: (url) => url.includes('/token-info'),
      body: (real) => ({ ...(real as object), scope: 'posts media stats' }),
    };
    const result = await signIn({ level: 'site', blog: '5001', scopes: ['posts'] });
    expect(rewriteAnswer).toBeUndefined();
    expect(result.notice?.code).toBe('access_wider');
    expect(result.notice?.message).toMatch(
      /^You asked for One site, limited to posts; this connection has One site, limited to posts, media, stats\./,
    );
    const [stored] = await connections();
    expect(stored).toMatchObject({ id: result.connectionId, kind: 'site', blogId: 5001, health: { status: 'valid' } });
    expect(new Set(stored?.scope)).toEqual(new Set(['posts', 'media', 'stats']));
    expect(stored?.profile).toBeUndefined();
  });

  test('what was asked for, given: no notice', async () => {
    identity.launchWebAuthFlow = person();
    const result = await signIn({ level: 'site', blog: '5001', scopes: ['posts', 'media'] });
    expect(result.notice).toBeUndefined();
  });

  test('another site than the one asked for (another account picked on the consent page): kept, and told', async () => {
    identity.launchWebAuthFlow = person({ user: 'bob' });
    const result = await signIn({ level: 'site', blog: '5001', scopes: [] });
    const [stored] = await connections();
    expect(stored).toMatchObject({ id: result.connectionId, kind: 'site' });
    expect(stored?.blogId).not.toBe(5001);
    expect(result.notice?.code).toBe('access_other');
    expect(result.notice?.message).toMatch(/^You asked for the site 5001; this connection is for .+\. It is kept/);
  });
});

describe('several connections', () => {
  test('with 20 connections kept, a sign-in is refused before WordPress.com issues anything; with 19 it adds the 20th', async () => {
    const others = Array.from({ length: MAX_CONNECTIONS - 1 }, (_, i) =>
      fakeConnection({ profile: { ...ALICE, id: 5000 + i }, obtainedAt: Date.now() - 1000 + i }),
    );
    await updateConnectionStore((store) => others.reduce((current, c) => addConnection(current, c), store));
    const twentieth = await signInAs({ user: 'bob' });
    expect(await connections()).toHaveLength(MAX_CONNECTIONS);

    identity.launchWebAuthFlow = person();
    const before = await control().stats();
    const refused = await failureOf(signIn({ level: 'global' }));
    expect(refused.code).toBe('connection_limit');
    expect([errorWords(refused.code), refused.message, nextStep(toErrorInfo(refused))]).toEqual([
      'This extension already keeps as many connections as it can.',
      'It keeps at most 20: one more would leave the oldest one’s access live at WordPress.com, out of your reach here.',
      'Revoke a connection you no longer need, then add this one.',
    ]);
    expect(identity.launchWebAuthFlow).not.toHaveBeenCalled();
    expect(await control().stats()).toMatchObject({
      consentPages: before.consentPages,
      tokensIssued: before.tokensIssued,
    });
    expect(await fakeBrowser.storage.session.get('pendingFlow')).toEqual({});
    // Nothing kept was dropped for it.
    expect((await connections()).map((c) => c.id).sort()).toEqual([...others.map((c) => c.id), twentieth.id].sort());
  });

  test('each sign-in adds one and makes it active; the others stay as they were', async () => {
    const login = await signInAs({});
    const global = await signInAs({}, { level: 'global' });
    const bob = await signInAs({ user: 'bob' }, { level: 'profile' });
    const store = await readConnectionStore();
    expect(store.connections.map((c) => c.id)).toEqual([login.id, global.id, bob.id]);
    expect(store.connections[0]).toEqual(login);
    expect(store.activeId).toBe(bob.id);
    expect((await readAppState()).state).toMatchObject({ status: 'signed_in', activeId: bob.id });
  });

  test('signing in again to the same account, kind, site and scopes replaces that connection and drops its token', async () => {
    const first = await signInAs({}, { level: 'site', blog: '5001', scopes: ['posts'] });
    const other = await signInAs({}, { level: 'site', blog: '5003', scopes: [] });
    const again = await signInAs({}, { level: 'site', blog: '5001', scopes: ['posts'] });
    expect((await connections()).map((c) => c.id)).toEqual([other.id, again.id]);
    expect(again.accessToken).not.toBe(first.accessToken);
    expect(await everything()).not.toContain(first.accessToken);
    // Other scopes for the same site are another grant: that token stays, with its Revoke, beside the new one.
    const whole = await signInAs({}, { level: 'site', blog: '5001', scopes: [] });
    expect((await connections()).map((c) => c.id)).toEqual([other.id, again.id, whole.id]);
  });

  test('joins a flow already running that asks for the same access: one window', async () => {
    identity.launchWebAuthFlow = person();
    // No access is the saved one (profile); the same access written another way joins too.
    const results = await Promise.all([signIn(), signIn({ level: 'profile' }), signIn()]);
    expect(new Set(results.map((r) => r.connectionId)).size).toBe(1);
    expect(identity.launchWebAuthFlow).toHaveBeenCalledTimes(1);
    expect((await control().stats()).tokenRequests).toBe(1);
    expect(await connections()).toHaveLength(1);
  });

  test('one site: the same site and scopes in another order join', async () => {
    identity.launchWebAuthFlow = person();
    const results = await Promise.all([
      signIn({ level: 'site', blog: '5001', scopes: ['posts', 'stats'] }),
      signIn({ level: 'site', blog: ' 5001 ', scopes: ['stats', 'posts'] }),
    ]);
    expect(results[1]?.connectionId).toBe(results[0]?.connectionId);
    expect(identity.launchWebAuthFlow).toHaveBeenCalledTimes(1);
  });

  /** The consent window stays open until the returned function is called (then Alice approves). */
  function holdConsent(): () => void {
    let approve: () => void = () => undefined;
    const consent = person();
    identity.launchWebAuthFlow = vi.fn<Launch>(async (details) => {
      await new Promise<void>((resolve) => {
        approve = resolve;
      });
      return consent(details);
    });
    return () => approve();
  }

  test('a page opened while "Sign in again" waits is told the sign-in is that one, not "Log in"', async () => {
    await saveRestoreOffer({
      label: 'Alice Example — One site: 5001',
      access: { level: 'site', blog: '5001', scopes: [] },
      removedAt: Date.now(),
    });
    const approve = holdConsent();
    const again = signIn({ level: 'site', blog: '5001', scopes: [] });
    await vi.waitFor(() => expect(identity.launchWebAuthFlow).toHaveBeenCalled());
    expect((await readAppState()).state).toMatchObject({ status: 'signing_in', signingInAgain: true });
    approve();
    await again;
    expect((await readAppState()).state).not.toHaveProperty('signingInAgain');
    // Another access than the offer's ("Log in" with the saved one): not the offer's sign-in.
    await saveRestoreOffer({
      label: 'Alice Example — One site: 5001',
      access: { level: 'site', blog: '5001', scopes: [] },
      removedAt: Date.now(),
    });
    const approveLogIn = holdConsent();
    const logIn = signIn({ level: 'profile' });
    await vi.waitFor(() => expect(identity.launchWebAuthFlow).toHaveBeenCalled());
    const { state } = await readAppState();
    expect(state.status).toBe('signing_in');
    expect(state).not.toHaveProperty('signingInAgain');
    approveLogIn();
    await logIn;
  });

  test('a page opened while a sign-in waits is told the access that sign-in asks for, not the saved one', async () => {
    await saveSettings({ access: { level: 'profile' } });
    const approve = holdConsent();
    const global = signIn({ level: 'global' });
    // Said from the start, before the sign-in has read anything.
    expect(startSignIn.pendingAccess).toEqual({ level: 'global' });
    await vi.waitFor(() => expect(identity.launchWebAuthFlow).toHaveBeenCalled());
    expect((await readAppState()).state).toMatchObject({
      status: 'signing_in',
      settings: { access: { level: 'profile' } },
      signingInWith: { level: 'global' },
    });
    approve();
    await global;
    expect((await readAppState()).state).not.toHaveProperty('signingInWith');
  });

  test('a sign-in asking for other access while one is waiting is refused, and the waiting one goes on', async () => {
    // The popup's "Log in" (profile) waits on the consent window; the options page asks for all sites.
    const approve = holdConsent();
    const popup = signIn({ level: 'profile' });
    await vi.waitFor(() => expect(identity.launchWebAuthFlow).toHaveBeenCalled());
    const others: AccessRequest[] = [
      { level: 'global' },
      { level: 'site', scopes: [] },
      { level: 'site', blog: '5001', scopes: [] },
    ];
    for (const other of others) {
      const refused = await failureOf(signIn(other));
      expect(refused.code).toBe('sign_in_pending');
      expect(refused.message).toMatch(/asks for other access/);
    }
    approve();
    const { connectionId } = await popup;
    expect(identity.launchWebAuthFlow).toHaveBeenCalledTimes(1);
    expect(await connections()).toMatchObject([{ id: connectionId, kind: 'login' }]);
    expect(flowsSeen).toEqual([{ level: 'profile' }]);
  });

  test('the saved access counts: a sign-in without one is refused while another access is waiting', async () => {
    const approve = holdConsent();
    const options = signIn({ level: 'global' });
    await vi.waitFor(() => expect(identity.launchWebAuthFlow).toHaveBeenCalled());
    expect((await failureOf(signIn())).code).toBe('sign_in_pending');
    approve();
    expect((await options).connectionId).toBeDefined();
    expect(identity.launchWebAuthFlow).toHaveBeenCalledTimes(1);
  });

  test('a failed sign-in leaves the existing connections alone', async () => {
    const kept = await signInAs({});
    const before = await fakeBrowser.storage.local.get(null);
    await control().setBehaviour({ tamperState: true });
    identity.launchWebAuthFlow = person();
    expect((await failureOf(signIn({ level: 'global' }))).code).toBe('state_mismatch');
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    expect(activeConnection(await readConnectionStore())?.id).toBe(kept.id);
  });

  test('when the profile cannot be loaded, the connection is kept and the person told', async () => {
    await control().setBehaviour({ meFailure: 'server_error' });
    identity.launchWebAuthFlow = person();
    const { connectionId, notice } = await signIn();
    expect(notice?.code).toBe('service_unavailable');
    expect(notice?.message).toMatch(/profile could not be loaded/);
    const [connection] = await connections();
    expect(connection?.id).toBe(connectionId);
    expect(connection?.profile).toBeUndefined();
    // The next refresh fills it in.
    await control().setBehaviour({ meFailure: null });
    expect(await refreshProfile()).toMatchObject({ username: 'alicewrites' });
    expect((await connections())[0]?.profile?.username).toBe('alicewrites');
  });
});

describe('after a sign-in', () => {
  test('the Gravatar profile is asked for after the token and /me, never before, and shown', async () => {
    const consent = person();
    let requestsDuringConsent = -1;
    identity.launchWebAuthFlow = vi.fn<Launch>(async (details) => {
      requestsDuringConsent = (await control().stats()).gravatarRequests;
      return consent(details);
    });
    await signIn();
    expect(requestsDuringConsent).toBe(0);
    expect((await control().stats()).gravatarRequests).toBe(1);
    const { state } = await readAppState();
    expect(state.connections[0]?.gravatar).toMatchObject({
      displayName: 'Alice Example',
      jobTitle: 'Technical writer',
    });
  });

  test('the sign-in resolves with the connection and its profile stored; the Gravatar look-up follows', async () => {
    identity.launchWebAuthFlow = person();
    const result = await startSignIn();
    expect((await connections()).find((c) => c.id === result.connectionId)?.profile?.username).toBe('alicewrites');
    await result.gravatar;
    expect((await readAppState()).state.connections[0]?.gravatar?.displayName).toBe('Alice Example');
  });

  test('a token WordPress.com refuses right after issuing it is not kept: token_invalid, nothing stored', async () => {
    // Ended at WordPress.com as soon as the proxy has it: /me and token-info both refuse it.
    afterAnswer = { match: (url) => url.endsWith('/token'), run: () => control().revokeTokens('alice') };
    identity.launchWebAuthFlow = person();
    const error = await failureOf(signIn());
    expect(error.code).toBe('token_invalid');
    expect(await connections()).toEqual([]);
    expect((await control().stats()).tokensIssued).toBe(1);
    // No connection, no offer to sign in again (nothing was ever signed in), no wait, no token anywhere: only how the
    // sign-in ended, for the next popup.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['outcome']);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  test('/me refusing a token that token-info confirms (a proxy stripped Authorization): kept, and the person told why', async () => {
    await control().setBehaviour({ authorizationStripped: true });
    identity.launchWebAuthFlow = person();
    const before = (await control().stats()).tokenInfoRequests;
    const { connectionId, notice } = await signIn();
    expect(notice?.code).toBe('service_unavailable');
    expect(notice?.message).toMatch(/profile could not be loaded yet.*confirmed that it still works.*a proxy/);
    expect((await control().stats()).tokenInfoRequests - before).toBe(1);
    const [connection] = await connections();
    expect(connection?.id).toBe(connectionId);
    expect(connection?.profile).toBeUndefined();

    // The popup's refresh keeps it too, and so does the console; without the proxy in the way, the profile comes.
    const refused = await failureOf(refreshProfile());
    expect(refused.code).toBe('service_unavailable');
    expect(refused.message).toMatch(/confirmed that it still works/);
    // token-info's verdict is kept, as a health check keeps it.
    expect((await connections())[0]?.health).toMatchObject({ status: 'valid' });
    expect((await callEndpoint(connectionId, 'me', {})).problem?.code).toBe('scope_insufficient');
    expect((await connections()).map((c) => c.id)).toEqual([connectionId]);
    expect((await readAppState()).state).not.toHaveProperty('restore');
    await control().setBehaviour({ authorizationStripped: false });
    expect(await refreshProfile()).toMatchObject({ username: 'alicewrites' });
  });

  test('/me refusing a token while token-info cannot answer: kept, for the next check to ask', async () => {
    await control().setBehaviour({ authorizationStripped: true, tokenInfoFailure: 'rate_limited' });
    identity.launchWebAuthFlow = person();
    const { connectionId, notice } = await signIn();
    expect(notice?.message).toMatch(/could not be asked to confirm it/);
    expect((await connections()).map((c) => c.id)).toEqual([connectionId]);
  });

  /** A sign-in (its Gravatar look-up included) with the emulator behaving as `behaviour` says; the connection shown. */
  async function firstConnectionWhile(behaviour: Parameters<ReturnType<typeof control>['setBehaviour']>[0]) {
    await control().setBehaviour(behaviour);
    identity.launchWebAuthFlow = person();
    await signIn();
    return (await readAppState()).state.connections[0];
  }

  test('an email /me tells as typed (case, spaces) finds its Gravatar profile', async () => {
    const connection = await firstConnectionWhile({ meEmailAsTyped: true });
    expect(connection?.profile).toMatchObject({ email: '  Alice@Example.COM ', verified: true });
    // Gravatar hashes the trimmed, lower-cased address: the profile is found.
    expect(connection?.gravatar?.displayName).toBe('Alice Example');
  });

  test('email_verified apart from verified is kept; false, Gravatar is not asked for that email', async () => {
    const connection = await firstConnectionWhile({ meEmailVerified: false });
    expect(connection?.profile).toMatchObject({ verified: true, emailVerified: false });
    expect(connection).not.toHaveProperty('gravatar');
    expect((await control().stats()).gravatarRequests).toBe(0);
  });

  test('with the option off, Gravatar is not asked at all', async () => {
    await saveSettings({ access: { level: 'profile' }, showGravatar: false });
    await signInAs({});
    expect((await control().stats()).gravatarRequests).toBe(0);
    expect(await fakeBrowser.storage.local.get('gravatar')).toEqual({});
  });

  test('an offer to sign another account in again stays: the only word of its removed connection', async () => {
    const bob = await signInAs({ user: 'bob' });
    await removeStoredConnection(bob.id);
    await saveRestoreOffer(restoreOfferFor(bob, Date.now()));
    await signInAs({});
    expect((await readAppState()).state.restore).toMatchObject({ label: expect.stringContaining('Bob') });
    // Bob signing in again is what it asked for: then it goes.
    await signInAs({ user: 'bob' });
    expect((await readAppState()).state).not.toHaveProperty('restore');
  });

  test('"Sign in again" whose /me fails: the offer it answered goes, though whose account is not known yet', async () => {
    const bob = await signInAs({ user: 'bob' });
    await removeStoredConnection(bob.id);
    const offer = restoreOfferFor(bob, Date.now());
    await saveRestoreOffer(offer);
    // Another access, account unknown: it may be anyone's, and the offer stays.
    await signInWithoutProfile({ user: 'bob' }, { level: 'global' });
    expect((await readAppState()).state.restore).toMatchObject({ access: offer.access });
    // The offer's own access: its "Sign in again".
    await signInWithoutProfile({ user: 'bob' }, offer.access);
    expect((await readAppState()).state).not.toHaveProperty('restore');
  });

  test('the offer to sign in again and the offline mark are cleared', async () => {
    await fakeBrowser.storage.local.set({
      restore: { access: { level: 'profile' }, label: 'Alice Example — Profile only', removedAt: 1 },
    });
    await fakeBrowser.storage.session.set({ connectivity: { offlineSince: 1 } });
    await signInAs({});
    const { state } = await readAppState();
    expect(state).not.toHaveProperty('restore');
    expect(state).not.toHaveProperty('offline');
  });
});

describe('signIn failures', () => {
  test('a callback with another state never sends the code anywhere', async () => {
    await control().setBehaviour({ tamperState: true });
    identity.launchWebAuthFlow = person();
    expect((await failureOf(signIn())).code).toBe('state_mismatch');
    expect((await control().stats()).tokenRequests).toBe(0);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // The flow is gone; only the outcome is kept, for the next popup.
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['outcome']);
  });

  test('denial, closing the window, and an unloadable page each have their code', async () => {
    identity.launchWebAuthFlow = person({ decision: 'deny' });
    expect((await failureOf(signIn())).code).toBe('access_denied');
    identity.launchWebAuthFlow = vi.fn<Launch>().mockRejectedValue(new Error('The user did not approve access.'));
    expect((await failureOf(signIn())).code).toBe('user_cancelled');
    identity.launchWebAuthFlow = vi
      .fn<Launch>()
      .mockRejectedValue(new Error('Authorization page could not be loaded.'));
    expect((await failureOf(signIn())).code).toBe('network');
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['outcome']);
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

describe('how a sign-in ended, for a popup that closed during it', () => {
  /** What the next page is shown (the popup that asked has usually closed as WordPress.com's window opened). */
  const outcome = async () => (await readAppState()).state.outcome;
  /** The kept failure or notice (a revoke's outcome has none). */
  const problemIn = (kept: Outcome | undefined) => (kept && 'problem' in kept ? kept.problem : undefined);

  test('a failure is kept until a page has shown it, and then goes', async () => {
    identity.launchWebAuthFlow = person({ decision: 'deny' });
    const error = await failureOf(signIn());
    const kept = await outcome();
    expect(problemIn(kept)).toEqual(toErrorInfo(error));
    expect(problemIn(kept)?.code).toBe('access_denied');
    // Every page that opens is shown it, until one says it has shown it.
    expect(await outcome()).toEqual(kept);
    await dismissOutcome('00000000-0000-4000-8000-000000000000');
    expect(await outcome()).toEqual(kept);
    await dismissOutcome(kept?.id ?? '');
    expect(await outcome()).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test('a success with a notice keeps the notice; a clean success keeps nothing and forgets an older outcome', async () => {
    await control().setBehaviour({ grantWholeSite: true });
    identity.launchWebAuthFlow = person();
    const wider = await signIn({ level: 'site', blog: '5001', scopes: ['posts'] });
    expect(problemIn(await outcome())).toEqual(toErrorInfo(wider.notice));
    expect(problemIn(await outcome())?.code).toBe('access_wider');
    await control().setBehaviour({ grantWholeSite: false });
    await signIn({ level: 'site', blog: '5001', scopes: ['posts'] });
    expect(await outcome()).toBeUndefined();
  });

  test('a window the person closed is told to nobody, and replaces an older outcome', async () => {
    identity.launchWebAuthFlow = person({ decision: 'deny' });
    await failureOf(signIn());
    identity.launchWebAuthFlow = vi.fn<Launch>().mockRejectedValue(new Error('The user did not approve access.'));
    expect((await failureOf(signIn())).code).toBe('user_cancelled');
    expect(await outcome()).toBeUndefined();
  });

  test('a newer outcome is not dismissed by a page that showed the older one', async () => {
    identity.launchWebAuthFlow = person({ decision: 'deny' });
    await failureOf(signIn());
    const older = await outcome();
    await control().setBehaviour({ tamperState: true });
    identity.launchWebAuthFlow = person();
    await failureOf(signIn());
    await dismissOutcome(older?.id ?? '');
    expect(problemIn(await outcome())?.code).toBe('state_mismatch');
  });

  test('an outcome older than a sign-in’s ten minutes is not shown, and goes', async () => {
    identity.launchWebAuthFlow = person({ decision: 'deny' });
    await failureOf(signIn());
    expect(await readOutcome(Date.now() + 9 * 60_000)).toBeDefined();
    expect(await readOutcome(Date.now() + 11 * 60_000)).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test('damage found during a sign-in is left for the popup that comes back, not put in the answer the closed one would get', async () => {
    identity.launchWebAuthFlow = person();
    await signIn();
    // A damaged entry beside Alice's connection, first found by the next sign-in's read of the store.
    const damaged = await storeDamagedConnection();
    const popup = pageSender('popup');
    const broadcasts = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const answer = await handleMessage({ type: 'signIn' }, popup);
    // The Gravatar look-up the answer does not wait for ends with a broadcast (after the one as it starts and the
    // one for the answer): waited for, so that its write never lands in the next test.
    await vi.waitFor(() => expect(broadcasts.mock.calls.length).toBeGreaterThanOrEqual(3));
    expect(answer.ok && answer.state?.status).toBe('signed_in');
    expect(answer).not.toHaveProperty('notice');
    const next = await handleMessage({ type: 'getState' }, popup);
    expect(next.ok && next.notice).toMatchObject({ code: 'storage_corrupt' });
    expect(JSON.stringify(next)).not.toContain(damaged.accessToken);
  });

  test.each([
    ['the popup', 'popup', 1],
    ['the options page, which stays open and shows the outcome itself', 'options', 0],
  ] as const)('a sign-in begun on %s brings the toolbar popup back %i time(s)', async (_, page, reopened) => {
    identity.launchWebAuthFlow = person();
    // The browser as after WordPress.com's window closed: window 7 has the focus again, and no popup page is open.
    const lastWindow = vi
      .spyOn(fakeBrowser.windows, 'getLastFocused')
      .mockResolvedValue({ id: 7, focused: true } as never);
    const runtime = fakeBrowser.runtime as unknown as { getContexts: () => Promise<unknown[]> };
    runtime.getContexts = vi.fn(async () => []);
    const openPopup = vi.spyOn(fakeBrowser.action, 'openPopup').mockResolvedValue(undefined);
    const broadcasts = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const answer = await handleMessage({ type: 'signIn' }, pageSender(page));
    expect(answer.ok && answer.state?.status).toBe('signed_in');
    // The answer does not wait for the Gravatar look-up, which ends with a broadcast; nor for the popup to reopen.
    await vi.waitFor(() => expect(broadcasts.mock.calls.length).toBeGreaterThanOrEqual(3));
    if (reopened) await vi.waitFor(() => expect(openPopup).toHaveBeenCalledWith({ windowId: 7 }));
    else expect(lastWindow).not.toHaveBeenCalled();
    expect(openPopup).toHaveBeenCalledTimes(reopened);
  });

  test('a damaged outcome is removed and said once, like any damaged item', async () => {
    await fakeBrowser.storage.session.set({ outcome: { id: 'x', problem: 'token=secret', at: 1 } });
    const reading = await readAppState();
    expect(reading.state.outcome).toBeUndefined();
    expect(reading.notice?.code).toBe('storage_corrupt');
    expect(reading.notice?.message).toMatch(/outcome of the last sign-in or revoke was damaged/);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});

describe('when WordPress.com answers 429 during a sign-in', () => {
  /** What the popup shows for a failure: the code's words, the background's message and the next step. */
  const shownFor = (error: unknown) => {
    const info = toErrorInfo(error);
    return [errorWords(info.code), info.message, nextStep(info)].join(' ');
  };

  test('at the code exchange: rate_limited with WordPress.com’s wait, passed on by the proxy; nothing stored', async () => {
    await control().setBehaviour({ tokenFailure: 'rate_limited', wpcomRetryAfter: 30 });
    identity.launchWebAuthFlow = person();
    const error = await failureOf(signIn());
    expect(error).toMatchObject({
      code: 'rate_limited',
      providerError: 'upstream_rate_limited',
      retryAfterSeconds: 30,
    });
    expect(shownFor(error)).toMatch(
      /WordPress\.com asked the sign-in service to slow down\..*Try again in 30 seconds\./,
    );
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['outcome']);
    // A popup opened later is told the wait that is left, not the whole wait again.
    const later = await readOutcome(Date.now() + 20_000);
    const leftLater = later && 'problem' in later ? later.problem.retryAfterSeconds : undefined;
    expect(leftLater).toBeGreaterThanOrEqual(9);
    expect(leftLater).toBeLessThanOrEqual(10);
    const past = await readOutcome(Date.now() + 31_000);
    expect(past && 'problem' in past ? past.problem : undefined).toMatchObject({ code: 'rate_limited' });
    // Once the wait has passed, the person may try again now (not "wait a minute", as for a wait never said).
    expect(past && 'problem' in past ? past.problem.retryAfterSeconds : undefined).toBe(0);
    expect(past && 'problem' in past ? nextStep(past.problem) : undefined).toBe('Try again now.');
    // An HTTP date becomes seconds (at the proxy); without a readable wait the person is told to wait a minute.
    await control().setBehaviour({ wpcomRetryAfter: new Date(Date.now() + 120_000).toUTCString() });
    const dated = await failureOf(signIn());
    expect(dated.retryAfterSeconds).toBeGreaterThanOrEqual(110);
    expect(dated.retryAfterSeconds).toBeLessThanOrEqual(120);
    await control().setBehaviour({ wpcomRetryAfter: 'soon' });
    const unknown = await failureOf(signIn());
    expect([unknown.code, unknown.retryAfterSeconds]).toEqual(['rate_limited', undefined]);
    expect(shownFor(unknown)).toMatch(/Wait a minute, then try again\./);
  });

  test('at /me: the connection is kept, and the notice says how long to wait', async () => {
    await control().setBehaviour({ meFailure: 'rate_limited', wpcomRetryAfter: 45 });
    identity.launchWebAuthFlow = person();
    const { connectionId, notice } = await signIn();
    expect(notice).toMatchObject({ code: 'rate_limited', providerError: 'rate_limit_exceeded', retryAfterSeconds: 45 });
    expect(shownFor(notice)).toMatch(/profile could not be loaded yet.*Try again in 45 seconds\./);
    // The wait is said once, by the next step, which a popup opened later counts down: never in the message too.
    expect(shownFor(notice).match(/45/g)).toHaveLength(1);
    const later = await readOutcome(Date.now() + 20_000);
    const keptProblem = later && 'problem' in later ? later.problem : undefined;
    expect(keptProblem && `${keptProblem.message} ${nextStep(keptProblem)}`).toMatch(
      /loaded yet.*Try again in 25 seconds\./,
    );
    expect(keptProblem?.message).not.toMatch(/45/);
    const [connection] = await connections();
    expect(connection?.id).toBe(connectionId);
    expect(connection?.profile).toBeUndefined();
    // A Retry-After date works the same way.
    await control().setBehaviour({ wpcomRetryAfter: new Date(Date.now() + 90_000).toUTCString() });
    const { notice: dated } = await signIn();
    expect(dated?.retryAfterSeconds).toBeGreaterThanOrEqual(80);
    expect(dated?.retryAfterSeconds).toBeLessThanOrEqual(90);
    // The popup's refresh, which follows at once, waits as WordPress.com asked: nothing is sent.
    await control().setBehaviour({ meFailure: null });
    const sent = (await control().stats()).meRequests;
    const held = await failureOf(refreshProfile());
    expect(held.code).toBe('rate_limited');
    expect(held.retryAfterSeconds).toBeGreaterThanOrEqual(80);
    expect(held.retryAfterSeconds).toBeLessThanOrEqual(90);
    expect((await control().stats()).meRequests).toBe(sent);
  });

  test('a 429 at the profile refresh: it and the console’s /me send nothing until WordPress.com’s wait has passed', async () => {
    const alice = await signInAs({});
    // Seconds, not one: the test checks that nothing is sent during the wait, over several loopback calls.
    await control().setBehaviour({ meFailure: 'rate_limited', wpcomRetryAfter: 3 });
    expect(await failureOf(refreshProfile())).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3 });
    await control().setBehaviour({ meFailure: null });
    const sent = (await control().stats()).meRequests;
    expect((await failureOf(refreshProfile())).code).toBe('rate_limited');
    expect((await failureOf(callEndpoint(alice.id, 'me', {}))).code).toBe('rate_limited');
    expect((await control().stats()).meRequests).toBe(sent);
    // Once the wait has passed, both are sent again.
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    expect(await refreshProfile()).toMatchObject({ username: 'alicewrites' });
    expect((await callEndpoint(alice.id, 'me', {})).status).toBe(200);
    expect((await control().stats()).meRequests).toBe(sent + 2);
  });
});

describe('after sign-in', () => {
  test('a token revoked at WordPress.com: the refresh removes that connection only', async () => {
    const alice = await signInAs({});
    const bob = await signInAs({ user: 'bob' });
    await control().revokeTokens('bob');
    expect((await failureOf(refreshProfile())).code).toBe('token_invalid');
    expect((await connections()).map((c) => c.id)).toEqual([alice.id]);
    expect(await everything()).not.toContain(bob.accessToken);
    const { state } = await readAppState();
    expect(state).toMatchObject({ status: 'signed_in', activeId: alice.id });
    await control().revokeTokens('alice');
    expect((await failureOf(refreshProfile())).code).toBe('token_invalid');
    expect((await readAppState()).state.status).toBe('signed_out');
  });

  test('refreshProfile updates the active connection’s profile', async () => {
    const connection = await signInAs({});
    const before = connection.profile?.fetchedAt ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const profile = await refreshProfile();
    expect(profile?.fetchedAt).toBeGreaterThan(before);
    expect((await connections())[0]?.profile?.fetchedAt).toBe(profile?.fetchedAt);
  });

  test('a refresh for a connection made active while the last one’s refresh runs asks for its own /me', async () => {
    const alice = await signInAs({});
    const bob = await signInAs({ user: 'bob' });
    // Bob's /me is held until Alice is made active ("Use" clicked while his refresh runs) and hers is asked for.
    const asked = Promise.withResolvers<void>();
    const held = Promise.withResolvers<void>();
    beforeRequest = {
      match: (url) => url.endsWith('/v1.1/me'),
      run: async () => {
        asked.resolve();
        await held.promise;
      },
    };
    const meBefore = (await control().stats()).meRequests;
    const bobs = refreshProfile();
    await asked.promise;
    await selectStoredConnection(alice.id);
    const alices = refreshProfile();
    held.resolve();
    expect((await bobs)?.username).toBe(bob.profile?.username);
    expect((await alices)?.username).toBe('alicewrites');
    expect((await control().stats()).meRequests - meBefore).toBe(2);
    const stored = await connections();
    expect(stored.find((c) => c.id === alice.id)?.profile?.fetchedAt).toBeGreaterThan(alice.profile?.fetchedAt ?? 0);
  });

  test('revoking a login token removes it, sends the person to Connected Apps, and leaves the others', async () => {
    const other = await signInAs({ user: 'bob' });
    const login = await signInAs({});
    expect((await revoke(login.id)).remote).toBe('manual');
    expect(await everything()).not.toContain(login.accessToken);
    expect(await connections()).toEqual([other]);
    expect((await readConnectionStore()).activeId).toBe(other.id);
    expect((await revoke(login.id)).remote).toBe('none');
    // The token still works at WordPress.com: only the person can end it there.
    expect((await fetchProfile(login)).username).toBe('alicewrites');
  });

  test('revoke() without an id ends the active one', async () => {
    const first = await signInAs({});
    const active = await signInAs({ user: 'bob' });
    expect((await revoke()).remote).toBe('manual');
    expect((await connections()).map((c) => c.id)).toEqual([first.id]);
    expect(await everything()).not.toContain(active.accessToken);
    expect((await revoke()).remote).toBe('manual');
    expect((await revoke()).remote).toBe('none');
    // After the last one, nothing of ours is left anywhere, once a page has shown what the last revoke did.
    const { outcome: told } = (await readAppState()).state;
    expect(told).toMatchObject({ revocation: { remote: 'manual' } });
    await dismissOutcome(told?.id ?? '');
    for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.session, fakeBrowser.storage.sync]) {
      expect(await area.get(null)).toEqual({});
    }
  });

  test('revoking the last connection leaves nothing of the person: the "sign in again" offer goes, the settings stay', async () => {
    await saveSettings({ access: { level: 'profile' }, showGravatar: true });
    const site = await signInAs({}, { level: 'site', blog: '5001', scopes: [] });
    const login = await signInAs({});
    // As when the health check finds the site token refused: the connection goes, an offer to sign in again stays.
    await removeStoredConnection(site.id);
    await saveRestoreOffer(restoreOfferFor(site, Date.now()));
    expect((await readAppState()).state).toMatchObject({ restore: { label: expect.stringContaining('Alice') } });
    expect((await revoke(login.id)).remote).toBe('manual');
    const { state } = await readAppState();
    expect(state.status).toBe('signed_out');
    expect(state).not.toHaveProperty('restore');
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['settings']);
    // Only what the revoke did is kept, for a popup that closed meanwhile: "remove the app at Connected Apps".
    expect(state.outcome).toMatchObject({ revocation: { remote: 'manual', othersRemoved: 0 } });
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['outcome']);
    expect(await everything()).not.toMatch(/Alice|alicewrites/);
    await dismissOutcome(state.outcome?.id ?? '');
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test('revoking an account’s last connection takes its "sign in again" offer, while another account stays; another account’s offer stays', async () => {
    const bob = await signInAs({ user: 'bob' });
    const aliceLogin = await signInAs({});
    const aliceSite = await signInAs({}, { level: 'site', blog: '5001', scopes: [] });
    // As when a check found Alice's login refused: that connection went, an offer naming her stays.
    await removeStoredConnection(aliceLogin.id);
    await saveRestoreOffer(restoreOfferFor(aliceLogin, Date.now()));
    expect((await readAppState()).state.restore).toMatchObject({ label: expect.stringContaining('Alice') });
    expect((await revoke(aliceSite.id)).remote).toBe('manual');
    expect(await connections()).toEqual([bob]);
    expect((await readAppState()).state).not.toHaveProperty('restore');
    expect(await everything()).not.toMatch(/Alice|alicewrites/);

    // An offer for Bob, while Alice's connection is revoked: Bob's stays.
    const aliceAgain = await signInAs({});
    await saveRestoreOffer(restoreOfferFor(bob, Date.now()));
    expect((await revoke(aliceAgain.id)).remote).toBe('manual');
    expect((await readAppState()).state.restore).toMatchObject({ label: expect.stringContaining('Bob') });
    // The pages are told the offer, never whose account it is.
    expect((await readAppState()).state.restore).not.toHaveProperty('accountId');
  });

  test('after a browser restart, a connection the person’s "All sites" revoke ended is removed without an offer', async () => {
    const bob = await signInAs({ user: 'bob' });
    const aliceSite = await signInAs({}, { level: 'site', blog: '5001', scopes: [] });
    const aliceGlobal = await signInAs({}, { level: 'global' });
    // token-info cannot judge the one-site token during the revoke (WordPress.com asked it to wait): it stays.
    await holdFor(rateLimitKey(aliceSite.id, TOKEN_INFO_ENDPOINT), 3600, Date.now());
    expect(await revoke(aliceGlobal.id)).toEqual({ remote: 'ended', othersRemoved: 0 });
    expect((await connections()).map((c) => c.id).sort()).toEqual([bob.id, aliceSite.id].sort());

    // The browser restarts: the session area and the worker's memory are gone. Its start-up check finds the one-site
    // token refused; offering Alice that access back would undo what she just did.
    await fakeBrowser.storage.session.clear();
    endedHook.freshWorker = true;
    try {
      expect(await checkConnectionsHealth({ force: true })).toMatchObject({ removed: 1 });
    } finally {
      endedHook.freshWorker = false;
    }
    expect((await connections()).map((c) => c.id)).toEqual([bob.id]);
    expect((await readAppState()).state).not.toHaveProperty('restore');
  });

  test('two revokes of one connection at once: one disconnect, one outcome, "ended" kept', async () => {
    await signInAs({ user: 'bob' });
    const global = await signInAs({}, { level: 'global' });
    const results = await Promise.all([revoke(global.id), revoke(global.id)]);
    // The second found it gone: it sends nothing, and its "manual" (a dead token's disconnect) does not replace "ended".
    expect(results.map((result) => result.remote).sort()).toEqual(['ended', 'none']);
    const disconnects = Object.entries((await control().stats()).restRequests).filter(([path]) =>
      path.includes('/connected-applications/'),
    );
    expect(disconnects.map(([, count]) => count)).toEqual([1]);
    expect(await readOutcome()).toMatchObject({ revocation: { remote: 'ended' } });
  });

  test('an "All sites" revoke WordPress.com confirmed takes an offer to sign in to that account again, though its login stays', async () => {
    const aliceLogin = await signInAs({});
    const aliceSite = await signInAs({}, { level: 'site', blog: '5001', scopes: [] });
    const aliceGlobal = await signInAs({}, { level: 'global' });
    await removeStoredConnection(aliceSite.id);
    await saveRestoreOffer(restoreOfferFor(aliceSite, Date.now()));
    expect(await revoke(aliceGlobal.id)).toEqual({ remote: 'ended', othersRemoved: 0 });
    expect(await connections()).toEqual([aliceLogin]);
    expect((await readAppState()).state).not.toHaveProperty('restore');
  });

  test('after an "All sites" revoke, the account’s "Profile only" connection is still the person’s to be offered back: another app', async () => {
    const bob = await signInAs({ user: 'bob' });
    const aliceLogin = await signInAs({});
    const aliceSite = await signInAs({}, { level: 'site', blog: '5001', scopes: [] });
    const aliceGlobal = await signInAs({}, { level: 'global' });
    expect(await revoke(aliceGlobal.id)).toEqual({ remote: 'ended', othersRemoved: 1 });
    // The API app's disconnect ended the one-site connection, not "Profile only", the login app's.
    expect((await connections()).map((c) => c.id).sort()).toEqual([bob.id, aliceLogin.id].sort());
    expect(aliceSite.id).toBeTruthy();

    // "Profile only", later refused for another reason: offered back, as the person did not end that access.
    await control().revokeTokens('alice');
    expect(await checkConnectionsHealth({ force: true })).toMatchObject({ removed: 1 });
    expect((await connections()).map((c) => c.id)).toEqual([bob.id]);
    expect((await readAppState()).state.restore).toMatchObject({
      access: { level: 'profile' },
      label: expect.stringContaining('Alice'),
    });
  });

  test('a session area that refuses to forget does not stop the revoke from ending the access at WordPress.com', async () => {
    const global = await signInAs({}, { level: 'global' });
    const remove = fakeBrowser.storage.session.remove.bind(fakeBrowser.storage.session);
    let refusals = 0;
    // The first forgetting of everything (a list of keys) is refused; single keys and a second try are not.
    const refused = vi.spyOn(fakeBrowser.storage.session, 'remove').mockImplementation(async (keys) => {
      if (Array.isArray(keys) && refusals++ === 0) throw new Error('session storage is unavailable');
      return remove(keys);
    });
    try {
      expect((await revoke(global.id)).remote).toBe('ended');
      expect(refusals).toBe(2);
    } finally {
      refused.mockRestore();
    }
    expect((await failureOf(fetchProfile(global))).code).toBe('token_invalid');
    expect(await everything()).not.toMatch(/Alice|alicewrites/);
  });

  test('revoking a global token ends the API app for that account at WordPress.com: its other connections of that app go too, its login stays', async () => {
    const aliceLogin = await signInAs({});
    const aliceSite = await signInAs({}, { level: 'site', blog: '5001', scopes: [] });
    const bob = await signInAs({ user: 'bob' }, { level: 'global' });
    const aliceGlobal = await signInAs({}, { level: 'global' });
    expect(await revoke(aliceGlobal.id)).toEqual({ remote: 'ended', othersRemoved: 1 });
    // The login connection is the login app's, which the disconnect of the API app does not end: asked, and kept.
    expect(await connections()).toEqual([aliceLogin, bob]);
    expect((await fetchProfile(aliceLogin)).username).toBe('alicewrites');
    expect((await readAppState()).state.outcome).toMatchObject({ revocation: { remote: 'ended', othersRemoved: 1 } });
    const stored = await everything();
    for (const gone of [aliceSite, aliceGlobal]) {
      expect(stored).not.toContain(gone.accessToken);
      // WordPress.com (the emulator) really ended them.
      expect((await failureOf(fetchProfile(gone))).code).toBe('token_invalid');
    }
    expect((await fetchProfile(bob)).username).toBe('bobunverified');
  });

  test('when the disconnect ends only global tokens, the account’s other live connections stay: WordPress.com is asked, not assumed', async () => {
    await control().setBehaviour({ appDeleteEnds: 'global_tokens' });
    const aliceLogin = await signInAs({});
    const aliceSite = await signInAs({}, { level: 'site', blog: '5001', scopes: [] });
    const bob = await signInAs({ user: 'bob' }, { level: 'global' });
    const aliceGlobal = await signInAs({}, { level: 'global' });
    const before = (await control().stats()).tokenInfoRequests;
    expect(await revoke(aliceGlobal.id)).toEqual({ remote: 'ended', othersRemoved: 0 });
    // Alice's two other connections were asked about; Bob's was not.
    expect((await control().stats()).tokenInfoRequests - before).toBe(2);
    expect((await connections()).map((c) => c.id).sort()).toEqual([aliceLogin.id, aliceSite.id, bob.id].sort());
    expect((await fetchProfile(aliceLogin)).username).toBe('alicewrites');
  });

  test('the token leaves storage first, before WordPress.com has answered the disconnect', async () => {
    const aliceGlobal = await signInAs({}, { level: 'global' });
    await control().setBehaviour({ appDeleteDelayMs: SLOW_DISCONNECT_MS });
    let settled = false;
    const revoking = revoke(aliceGlobal.id).finally(() => {
      settled = true;
    });
    await vi.waitFor(async () => expect(await everything()).not.toContain(aliceGlobal.accessToken));
    expect(settled).toBe(false);
    expect((await revoking).remote).toBe('ended');
  });

  test.each([
    ['refuses to disconnect the app (403)', 'refused'],
    ['answers 200 {"success":false}', 'not_done'],
    ['answers another 200 ({"deleted":true})', 'unexpected'],
  ] as const)(
    'when WordPress.com %s, revoking a global token sends the person to Connected Apps and keeps the others',
    async (_, failure) => {
      const aliceLogin = await signInAs({});
      const aliceGlobal = await signInAs({}, { level: 'global' });
      await control().setBehaviour({ appDeleteFailure: failure });
      expect((await revoke(aliceGlobal.id)).remote).toBe('manual');
      expect(await everything()).not.toContain(aliceGlobal.accessToken);
      // Nothing was ended at WordPress.com, so the account's other connection still works and stays.
      expect(await connections()).toEqual([aliceLogin]);
      expect((await fetchProfile(aliceGlobal)).username).toBe('alicewrites');
    },
  );
});

describe('a revoke that ends an account’s access', () => {
  /** A connection of the API app, as the "All sites" one is: the disconnect of that app ends it too. */
  const ONE_SITE: AccessRequest = { level: 'site', blog: '5001', scopes: [] };
  const isMe = (url: string) => new URL(url).pathname.endsWith('/me');
  /** Runs `revoke` once the sign-in's `/me` has answered: after the token was issued, before it is stored. */
  const revokeAfterProfile = (id: string) => {
    afterAnswer = { match: isMe, run: async () => void expect((await revoke(id)).remote).toBe('ended') };
  };
  const storedTokens = async () => (await connections()).map((c) => c.accessToken);

  test('a health check during a slow disconnect waits for the revoke: what it ended goes with no "sign in again" offer', async () => {
    const aliceSite = await signInAs({}, ONE_SITE);
    const aliceGlobal = await signInAs({}, { level: 'global' });
    // WordPress.com ends the tokens at once and answers the disconnect a while later.
    await control().setBehaviour({ appDeleteDelayMs: SLOW_DISCONNECT_MS });
    const revoking = revoke(aliceGlobal.id);
    await vi.waitFor(async () => expect((await failureOf(fetchProfile(aliceSite))).code).toBe('token_invalid'));
    // As another popup's check would, while the first popup's revoke waits for the disconnect's answer.
    const report = await checkConnectionsHealth({ force: true });
    expect(await revoking).toEqual({ remote: 'ended', othersRemoved: 1 });
    expect(report.removed).toBe(0);
    expect(await connections()).toEqual([]);
    expect((await readAppState()).state).not.toHaveProperty('restore');
  });

  test.each([
    ['a profile refresh', async () => (await failureOf(refreshProfile())).code],
    ['a console call', async (id: string) => (await callEndpoint(id, 'me', {})).problem?.code],
  ] as const)(
    '%s during a slow disconnect waits for the revoke: what it ended is the revoke’s, counted, with no "sign in again" offer',
    async (_, ask) => {
      const bob = await signInAs({ user: 'bob' });
      const aliceSite = await signInAs({}, ONE_SITE);
      const aliceGlobal = await signInAs({}, { level: 'global' });
      await selectStoredConnection(aliceSite.id);
      await control().setBehaviour({ appDeleteDelayMs: SLOW_DISCONNECT_MS });
      const revoking = revoke(aliceGlobal.id);
      await vi.waitFor(async () => expect((await failureOf(fetchProfile(aliceSite))).code).toBe('token_invalid'));
      // As another popup would while the first one's revoke waits for the disconnect's answer.
      const code = await ask(aliceSite.id);
      expect(await revoking).toEqual({ remote: 'ended', othersRemoved: 1 });
      expect(code).toBe('token_invalid');
      expect(await connections()).toEqual([bob]);
      expect((await readAppState()).state).not.toHaveProperty('restore');
      expect(await fakeBrowser.storage.local.get('restore')).toEqual({});
    },
  );

  test('a health check already asking when a slow disconnect begins: what the disconnect ended gets no "sign in again" offer', async () => {
    const bob = await signInAs({ user: 'bob' });
    const aliceSite = await signInAs({}, ONE_SITE);
    const aliceGlobal = await signInAs({}, { level: 'global' });
    await control().setBehaviour({ appDeleteDelayMs: SLOW_DISCONNECT_MS });
    let revoking: Promise<unknown> | undefined;
    // The check has begun (no revoke under way then); its token-info request for Alice's one-site connection waits until the
    // person's "All sites" revoke has made WordPress.com end Alice's tokens, the disconnect's answer still on its way.
    beforeRequest = {
      match: (url) =>
        url.includes('/token-info') && [...new URL(url).searchParams.values()].includes(aliceSite.accessToken),
      run: async () => {
        revoking = revoke(aliceGlobal.id);
        await vi.waitFor(async () => expect((await failureOf(fetchProfile(aliceSite))).code).toBe('token_invalid'));
      },
    };
    const report = await checkConnectionsHealth({ force: true });
    expect(beforeRequest).toBeUndefined();
    expect(await revoking).toEqual({ remote: 'ended', othersRemoved: 1 });
    expect(report.removed).toBe(0);
    expect(await connections()).toEqual([expect.objectContaining({ id: bob.id })]);
    expect((await readAppState()).state).not.toHaveProperty('restore');
  });

  test('a check whose answer comes after the person revoked that last connection leaves nothing of them', async () => {
    const login = await signInAs({});
    await control().revokeTokens();
    // The check's token-info answer (refused) arrives; before the check reads it, the person revokes the connection.
    afterAnswer = { match: (url) => url.includes('/token-info'), run: async () => void (await revoke(login.id)) };
    const report = await checkConnectionsHealth({ force: true });
    expect(report.removed).toBe(0);
    const { state } = await readAppState();
    expect(state).not.toHaveProperty('restore');
    expect(state.outcome).toMatchObject({ revocation: { remote: 'manual' } });
    expect(await everything()).not.toMatch(/Alice|alicewrites/);
  });

  test('a profile refresh whose refusal comes after the person revoked that last connection leaves nothing of them', async () => {
    const login = await signInAs({});
    await control().revokeTokens();
    // `/me` answers (refused); before the refresh reads it, the person clicks Revoke.
    afterAnswer = { match: isMe, run: async () => void (await revoke(login.id)) };
    expect((await failureOf(refreshProfile())).code).toBe('token_invalid');
    expect(afterAnswer).toBeUndefined();
    await expectNothingOfAlice();
  });

  test('a console call whose token is refused after the person revoked that last connection leaves nothing of them', async () => {
    const login = await signInAs({});
    await control().revokeTokens();
    // The call's answer ("An active access token…") arrives; token-info refuses the token; then the person revokes.
    afterAnswer = { match: (url) => url.includes('/token-info'), run: async () => void (await revoke(login.id)) };
    const call = await callEndpoint(login.id, 'me', {});
    expect(call.problem?.code).toBe('token_invalid');
    expect(afterAnswer).toBeUndefined();
    await expectNothingOfAlice();
  });

  test('a refused token a refresh removes first still gets its offer to sign in again', async () => {
    const login = await signInAs({});
    await control().revokeTokens();
    expect((await failureOf(refreshProfile())).code).toBe('token_invalid');
    // The person's Revoke comes after: the connection was already gone, and the offer stays.
    expect((await revoke(login.id)).remote).toBe('none');
    expect((await readAppState()).state.restore).toMatchObject({ label: expect.stringContaining('Alice') });
  });

  const sessionKeys = async () => Object.keys(await fakeBrowser.storage.session.get(null)).sort();

  test('revoking the last connection, an "All sites" one WordPress.com disconnects, leaves only what the revoke did', async () => {
    const global = await signInAs({}, { level: 'global' });
    expect((await revoke(global.id)).remote).toBe('ended');
    // The ended access was noted (endedAccess) while it ran; nothing of it stays after the last connection.
    expect(await sessionKeys()).toEqual(['outcome']);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([]);
    await expectNothingOfAlice();
  });

  test('a console call WordPress.com holds back (429) after the person revoked that last connection keeps no hold', async () => {
    const global = await signInAs({}, { level: 'global' });
    await control().setBehaviour({ restRateLimit: 30 });
    afterAnswer = { match: (url) => url.includes('/me/sites'), run: async () => void (await revoke(global.id)) };
    const call = await callEndpoint(global.id, 'me-sites', {});
    expect(afterAnswer).toBeUndefined();
    expect(call.problem?.code).toBe('rate_limited');
    expect(await connections()).toEqual([]);
    expect(await sessionKeys()).toEqual(['outcome']);
  });

  test('a revoked connection’s holds go with it; the others’ stay', async () => {
    const aliceGlobal = await signInAs({}, { level: 'global' });
    const bobGlobal = await signInAs({ user: 'bob' }, { level: 'global' });
    await control().setBehaviour({ restRateLimit: 30 });
    expect((await callEndpoint(bobGlobal.id, 'me-sites', {})).problem?.code).toBe('rate_limited');
    await selectStoredConnection(aliceGlobal.id);
    expect((await callEndpoint(aliceGlobal.id, 'me-sites', {})).problem?.code).toBe('rate_limited');
    await revoke(bobGlobal.id);
    const holds = (await fakeBrowser.storage.session.get('rateLimits')).rateLimits as Record<string, number>;
    expect(Object.keys(holds)).toEqual([`${aliceGlobal.id} me-sites`]);
  });

  test('a refresh or a check that cannot reach WordPress.com after the person revoked that last connection marks nothing offline', async () => {
    const login = await signInAs({});
    beforeRequest = {
      match: (url) => new URL(url).pathname.endsWith('/me'),
      run: async () => {
        await revoke(login.id);
        await control().setBehaviour({ outage: true });
      },
    };
    expect(['network', 'timeout']).toContain((await failureOf(refreshProfile())).code);
    expect(await sessionKeys()).toEqual(['outcome']);

    await control().setBehaviour({ outage: false });
    const again = await signInAs({});
    beforeRequest = {
      match: (url) => url.includes('/token-info'),
      run: async () => {
        await revoke(again.id);
        await control().setBehaviour({ outage: true });
      },
    };
    expect((await checkConnectionsHealth({ force: true })).unreachable).toBe(1);
    expect(await sessionKeys()).toEqual(['outcome']);
  });

  test('a sync area that refuses to forget does not stop the revoke from ending the access at WordPress.com', async () => {
    const global = await signInAs({}, { level: 'global' });
    const refused = vi.spyOn(fakeBrowser.storage.sync, 'remove').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM'));
    try {
      expect((await revoke(global.id)).remote).toBe('ended');
      expect(refused).toHaveBeenCalled();
    } finally {
      refused.mockRestore();
    }
    expect(await everything()).not.toMatch(/Alice|alicewrites/);
  });

  test('while a sign-in of that account is storing its token: the token WordPress.com ended is not kept', async () => {
    const aliceGlobal = await signInAs({}, { level: 'global' });
    const bob = await signInAs({ user: 'bob' });
    revokeAfterProfile(aliceGlobal.id);
    identity.launchWebAuthFlow = person();
    const error = await failureOf(signIn(ONE_SITE));
    expect(error.code).toBe('token_invalid');
    expect(error.message).toMatch(/ended on WordPress\.com while this sign-in was finishing/);
    expect(afterAnswer).toBeUndefined();
    expect(await connections()).toEqual([bob]);
    expect((await readConnectionStore()).activeId).toBe(bob.id);
  });

  test('noted between the sign-in’s first check and its write: the check in the store’s queue catches it', async () => {
    const bob = await signInAs({ user: 'bob' });
    // WordPress.com ends Alice's access once her new token is issued; the worker hears of it only after the
    // sign-in's first check has passed.
    afterAnswer = {
      match: isMe,
      run: async () => {
        await control().revokeTokens('alice');
        endedHook.afterNextCheck = () => noteAccessEnded(1001);
      },
    };
    identity.launchWebAuthFlow = person();
    const error = await failureOf(signIn());
    expect(error.code).toBe('token_invalid');
    expect(endedHook.afterNextCheck).toBeUndefined();
    expect(await connections()).toEqual([bob]);
  });

  test('while WordPress.com cannot be asked about the new token: it is kept, not called ended', async () => {
    const bobGlobal = await signInAs({ user: 'bob' }, { level: 'global' });
    await control().setBehaviour({ meFailure: 'server_error' });
    afterAnswer = {
      match: isMe,
      run: async () => {
        expect((await revoke(bobGlobal.id)).remote).toBe('ended');
        await control().setBehaviour({ outage: true });
      },
    };
    identity.launchWebAuthFlow = person();
    const { connectionId } = await signIn();
    await control().setBehaviour({ outage: false, meFailure: null });
    expect((await connections()).map((c) => c.id)).toEqual([connectionId]);
    expect((await fetchProfile((await connections())[0] as Connection)).username).toBe('alicewrites');
  });

  test('a sign-in of that account finishing while the app is being disconnected is asked about, and kept when live', async () => {
    const aliceGlobal = await signInAs({}, { level: 'global' });
    const bob = await signInAs({ user: 'bob' });
    let signedIn: string | undefined;
    afterAnswer = {
      match: (url) => url.endsWith('/delete'),
      run: async () => {
        // WordPress.com has ended the access; a new sign-in of Alice finishes before the worker hears of it.
        identity.launchWebAuthFlow = person();
        signedIn = (await signIn()).connectionId;
      },
    };
    expect((await revoke(aliceGlobal.id)).remote).toBe('ended');
    expect(signedIn).toBeDefined();
    const stored = await connections();
    expect(stored.map((c) => c.id).sort()).toEqual([bob.id, signedIn].sort());
    const fresh = stored.find((c) => c.id === signedIn) as Connection;
    expect((await fetchProfile(fresh)).username).toBe('alicewrites');
  });

  test('from a connection with no profile: its account is asked for first, so other accounts’ connections are not asked', async () => {
    const aliceSite = await signInAs({}, ONE_SITE);
    const bob = await signInAs({ user: 'bob' });
    const connectionId = await signInWithoutProfile({}, { level: 'global' });
    const before = (await control().stats()).tokenInfoRequests;
    expect(await revoke(connectionId)).toEqual({ remote: 'ended', othersRemoved: 1 });
    // One question for whose token it was, one for Alice's one-site connection; none for Bob's.
    expect((await control().stats()).tokenInfoRequests - before).toBe(2);
    expect(await connections()).toEqual([bob]);
    expect((await failureOf(fetchProfile(aliceSite))).code).toBe('token_invalid');
  });

  test('from a connection with no profile: token-info is not asked whose it is while it asked that connection to wait', async () => {
    const connectionId = await signInWithoutProfile({}, { level: 'global' });
    await control().setBehaviour({ tokenInfoFailure: 'rate_limited', wpcomRetryAfter: 60 });
    await checkConnectionsHealth({ force: true });
    await control().setBehaviour({ tokenInfoFailure: null });
    const before = (await control().stats()).tokenInfoRequests;
    expect(await revoke(connectionId)).toEqual({ remote: 'ended', othersRemoved: 0 });
    expect((await control().stats()).tokenInfoRequests).toBe(before);
    expect(await connections()).toEqual([]);
  });

  test('from a connection with no profile: a token-info answer naming another app is not taken as its account', async () => {
    const aliceSite = await signInAs({}, ONE_SITE);
    const bob = await signInAs({ user: 'bob' });
    const connectionId = await signInWithoutProfile({}, { level: 'global' });
    // The question for whose token it is gets an answer for another app, naming Bob: not this token's account.
    rewriteAnswer = {
      match: (url) => url.includes('/token-info'),
      body: (real) => ({ ...(real as object), client_id: '99001', user_id: bob.profile?.id }),
    };
    expect(await revoke(connectionId)).toEqual({ remote: 'ended', othersRemoved: 1 });
    expect(rewriteAnswer).toBeUndefined();
    // The account could not be told, so every connection was asked: Alice's refused one went, Bob's live one stays.
    expect(await connections()).toEqual([bob]);
    expect((await failureOf(fetchProfile(aliceSite))).code).toBe('token_invalid');
  });

  test('when WordPress.com cannot be reached after the disconnect, the account’s other connections stay for the health check', async () => {
    const aliceLogin = await signInAs({});
    const aliceGlobal = await signInAs({}, { level: 'global' });
    afterAnswer = { match: (url) => url.endsWith('/delete'), run: () => control().setBehaviour({ outage: true }) };
    expect(await revoke(aliceGlobal.id)).toEqual({ remote: 'ended', othersRemoved: 0 });
    await control().setBehaviour({ outage: false });
    expect((await connections()).map((c) => c.id)).toEqual([aliceLogin.id]);
  });

  test('a connection the revoke could not ask about, found refused later: removed with no "sign in again" (the person ended it)', async () => {
    const aliceCooks = await signInAs({}, { level: 'site', blog: '5003', scopes: [] });
    const aliceSite = await signInAs({ blogId: 5001 }, { level: 'site', scopes: [] });
    const aliceGlobal = await signInAs({}, { level: 'global' });
    afterAnswer = { match: (url) => url.endsWith('/delete'), run: () => control().setBehaviour({ outage: true }) };
    expect(await revoke(aliceGlobal.id)).toEqual({ remote: 'ended', othersRemoved: 0 });
    await control().setBehaviour({ outage: false });
    // The ending is kept in storage.local, where a worker that stopped meanwhile (or the browser) finds it.
    expect(await fakeBrowser.storage.local.get('endedAccess')).toEqual({
      endedAccess: [{ accountId: 1001, at: expect.any(Number), clientId: SANDBOX_API_CLIENT_ID }],
    });

    // The popup opening refreshes the active connection's profile: refused, removed, no offer.
    expect((await connections()).map((c) => c.id).sort()).toEqual([aliceSite.id, aliceCooks.id].sort());
    expect((await failureOf(refreshProfile())).code).toBe('token_invalid');
    // The check finds the other one.
    expect(await checkConnectionsHealth({ force: true })).toMatchObject({ removed: 1 });
    expect(await connections()).toEqual([]);
    expect((await readAppState()).state).not.toHaveProperty('restore');

    // A connection obtained after the ending, found refused: that one the person did not end.
    const later = await signInAs({});
    await control().revokeTokens('alice');
    expect(await checkConnectionsHealth({ force: true })).toMatchObject({ removed: 1 });
    expect((await readAppState()).state.restore).toMatchObject({ access: { level: 'profile' } });
    expect(later.id).toBeTruthy();
  });

  test('a connection the revoke could not ask about is asked about by the next popup’s check, not 5 minutes later', async () => {
    const aliceSite = await signInAs({}, ONE_SITE);
    const bob = await signInAs({ user: 'bob' });
    const aliceGlobal = await signInAs({}, { level: 'global' });
    // Every connection was just checked: an ordinary popup's check would skip them all for 5 minutes.
    await checkConnectionsHealth({ force: true });
    expect(await checkConnectionsHealth()).toMatchObject({ checked: 0 });
    afterAnswer = { match: (url) => url.endsWith('/delete'), run: () => control().setBehaviour({ outage: true }) };
    expect(await revoke(aliceGlobal.id)).toEqual({ remote: 'ended', othersRemoved: 0 });
    await control().setBehaviour({ outage: false });
    expect((await connections()).map((c) => c.id).sort()).toEqual([aliceSite.id, bob.id].sort());

    // The next popup's check asks about Alice's remaining connection (her access ended since it was last asked),
    // not Bob's, and removes it without "sign in again".
    expect(await checkConnectionsHealth()).toMatchObject({ checked: 1, removed: 1 });
    expect((await connections()).map((c) => c.id)).toEqual([bob.id]);
    expect((await readAppState()).state).not.toHaveProperty('restore');
    // Asked once: a check without a verdict would not be retried at every popup either.
    expect(await checkConnectionsHealth()).toMatchObject({ checked: 0 });
  });

  test('while a sign-in of another account is storing its token: that token is kept', async () => {
    const bobGlobal = await signInAs({ user: 'bob' }, { level: 'global' });
    revokeAfterProfile(bobGlobal.id);
    const alice = await signInAs({});
    expect(afterAnswer).toBeUndefined();
    expect(await connections()).toEqual([alice]);
    expect((await fetchProfile(alice)).username).toBe('alicewrites');
  });

  test('while a sign-in whose profile failed is storing its token: WordPress.com is asked, and a live token is kept', async () => {
    const bobGlobal = await signInAs({ user: 'bob' }, { level: 'global' });
    await control().setBehaviour({ meFailure: 'server_error' });
    revokeAfterProfile(bobGlobal.id);
    identity.launchWebAuthFlow = person();
    const { connectionId, notice } = await signIn();
    expect(notice?.code).toBe('service_unavailable');
    expect(afterAnswer).toBeUndefined();
    expect((await connections()).map((c) => [c.id, c.profile])).toEqual([[connectionId, undefined]]);
  });

  test('takes the account’s connections that have no profile yet, and leaves other accounts’ ones', async () => {
    const aliceNoProfile = await signInWithoutProfile({}, ONE_SITE);
    const bobNoProfile = await signInWithoutProfile({ user: 'bob' });
    const aliceGlobal = await signInAs({}, { level: 'global' });
    expect((await revoke(aliceGlobal.id)).remote).toBe('ended');
    expect((await connections()).map((c) => c.id)).toEqual([bobNoProfile]);
    expect(await connections()).not.toContainEqual(expect.objectContaining({ id: aliceNoProfile }));
  });

  test('from a connection with no profile: the connections WordPress.com now refuses go, other accounts’ stay', async () => {
    const aliceSite = await signInAs({}, ONE_SITE);
    const bob = await signInAs({ user: 'bob' });
    const connectionId = await signInWithoutProfile({}, { level: 'global' });
    const tokens = await storedTokens();
    expect((await revoke(connectionId)).remote).toBe('ended');
    expect(await connections()).toEqual([bob]);
    const stored = await everything();
    for (const token of tokens.filter((token) => token !== bob.accessToken)) expect(stored).not.toContain(token);
    expect((await failureOf(fetchProfile(aliceSite))).code).toBe('token_invalid');
  });
});

describe('when WordPress.com refuses the extension’s origin', () => {
  // Whether an app's Javascript Origins may list a `chrome-extension://` origin is not confirmed
  // (docs/wpcom-api.md): the emulator's `extensionOriginsRefused` refuses it although the sandbox app lists it. The
  // worker's GETs carry no Origin in either browser, so only its POSTs can meet that refusal: the code exchange goes
  // to our proxy (which wants the origin), and the "All sites" revoke's disconnect goes to WordPress.com.
  test('the sign-in, the profile and the check work: their GETs carry no origin to refuse', async () => {
    await control().setBehaviour({ extensionOriginsRefused: true });
    identity.launchWebAuthFlow = person();
    const { connectionId, notice } = await signIn();
    expect(notice).toBeUndefined();
    const [connection] = await connections();
    expect(connection).toMatchObject({ id: connectionId, kind: 'login', profile: { username: 'alicewrites' } });
    expect((await refreshProfile())?.username).toBe('alicewrites');
    expect(await checkConnectionsHealth({ force: true })).toMatchObject({ valid: 1, removed: 0 });
  });

  test('an "All sites" revoke’s disconnect, a POST with the origin, is refused: gone here, and Connected Apps is the way', async () => {
    const global = await signInAs({}, { level: 'global' });
    await control().setBehaviour({ extensionOriginsRefused: true });
    expect(await revoke(global.id)).toEqual({ remote: 'manual', othersRemoved: 0 });
    expect(await connections()).toEqual([]);
    expect(await fakeBrowser.storage.local.get('endedAccess')).toEqual({});
  });

  test('the refusal, where it comes, is the publisher’s setup: its words say so, never "sign in again"', () => {
    const refusal = { error: 'unauthorized', message: 'You cannot make requests from this origin.' };
    const info = toErrorInfo(meFailure({ status: 403, body: refusal }, Date.now()));
    const shown = [errorWords(info.code), info.message, nextStep(info)].join(' ');
    expect(shown).toMatch(/does not accept requests from this extension/);
    expect(shown).toMatch(/publisher.*Javascript Origins/);
    expect(shown).not.toMatch(/sign in again|log in again|more access|your role/i);
  });
});
