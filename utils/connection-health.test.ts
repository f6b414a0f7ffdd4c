/**
 * The connection check against the real emulator over loopback: valid tokens only get their `checkedAt`,
 * refused ones or another app's are removed with an offer to sign in again, ones whose scope or site differ are
 * kept with the reach token-info reports, and an outage (the emulator dropping
 * connections) removes nothing and marks WordPress.com offline until the next answer.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../entrypoints/background';
import { emulatorControl } from '../sandbox/emulator/control-client';
import { type RunningEmulator, startEmulator } from '../sandbox/emulator/start-emulator';
import { OTHER_CLIENT, SANDBOX, SANDBOX_API, TEST_CLIENTS } from '../sandbox/emulator/test-support';
import { readAppState } from './app-state';
import { handleMessage } from './background-router';
import type { Connection } from './connection';
import { checkConnectionsHealth, HEALTH_CHECK_INTERVAL_MS } from './connection-health';
import { readConnectionStore, updateConnectionStore } from './connection-store';
import { readGravatarCache } from './gravatar-cache';
import { gravatarHash } from './gravatar-hash';
import { refreshGravatar } from './gravatar-refresh';
import type { BackgroundResponse } from './messages';
import { refreshProfile } from './profile-refresh';
import { takeStorageNotice } from './stored';
import { storeDamagedConnection } from './testing/background';
import { connect, GLOBAL, LOGIN, SITE_NARROWED, SITE_WHOLE, useEmulator } from './testing/emulator-connections';
import { tokenInfoUrl } from './token-info';

let emulator: RunningEmulator;
const control = () => emulatorControl(emulator.url);
const stats = () => control().stats();
const popup = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };
const ask = (message: unknown) => handleMessage(message, popup);
const launchWebAuthFlow = vi.fn();

const realNow = Date.now.bind(Date);
function later(ms: number): void {
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
}

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  fakeBrowser.reset();
  takeStorageNotice();
  await control().reset();
  useEmulator(emulator);
  launchWebAuthFlow.mockReset();
  // No check may ever start a sign-in.
  (fakeBrowser as unknown as { identity: object }).identity = { launchWebAuthFlow, getRedirectURL: () => '' };
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const stored = async () => (await readConnectionStore()).connections;
const byId = async (id: string) => (await stored()).find((connection) => connection.id === id);
const withoutHealth = ({ health: _, ...connection }: Connection) => connection;
const stateOf = (answer: BackgroundResponse) => {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.error.code}`);
  return answer.state;
};

describe('a valid token', () => {
  test('of each kind gets `valid` and its checkedAt, and nothing else happens', async () => {
    const connections = [
      await connect(emulator, LOGIN),
      await connect(emulator, SITE_NARROWED),
      await connect(emulator, SITE_WHOLE),
      await connect(emulator, GLOBAL),
    ];
    const before = await stats();
    const started = realNow();
    const state = stateOf(await ask({ type: 'checkHealth' }));
    const after = await stats();
    expect(after.tokenInfoRequests - before.tokenInfoRequests).toBe(4);
    expect(after).toMatchObject({ consentPages: before.consentPages, tokenRequests: before.tokenRequests });
    expect(after.meRequests).toBe(before.meRequests);
    expect(launchWebAuthFlow).not.toHaveBeenCalled();

    for (const connection of connections) {
      const now = await byId(connection.id);
      expect(now && withoutHealth(now)).toEqual(connection);
      expect(now?.health).toEqual({ status: 'valid', checkedAt: expect.any(Number) });
      expect(now?.health?.checkedAt).toBeGreaterThanOrEqual(started);
    }
    expect(state.connections.every((connection) => connection.health?.status === 'valid')).toBe(true);
    expect(state).not.toHaveProperty('restore');
    expect(state).not.toHaveProperty('offline');
    expect(JSON.stringify(state)).not.toContain(connections[0]?.accessToken);
  });

  test('of each kind stays `valid` when token-info sends user_id and blog_id as numbers', async () => {
    // The docs' example answer has string IDs (the emulator's default); the numbers a client must read too.
    const connections = [
      await connect(emulator, LOGIN),
      await connect(emulator, SITE_NARROWED),
      await connect(emulator, SITE_WHOLE),
      await connect(emulator, GLOBAL),
    ];
    await control().setBehaviour({ tokenInfoNumberIds: true });
    const site = connections[2]?.accessToken ?? '';
    const sent = await (await fetch(tokenInfoUrl(emulator.oauthUrl, SANDBOX_API.clientId, site))).json();
    expect(sent).toMatchObject({ user_id: 1001, blog_id: 5003 });
    expect(await checkConnectionsHealth({ force: true })).toEqual({ checked: 4, valid: 4, removed: 0, unreachable: 0 });
    expect((await stats()).tokenInfoRequests).toBe(5);
    for (const connection of connections) expect((await byId(connection.id))?.health?.status).toBe('valid');
  });
});

describe('a token WordPress.com no longer accepts', () => {
  test.each([
    ['a login', LOGIN, { level: 'profile' }, 'Alice Example — Profile only'],
    [
      'a narrowed one-site',
      SITE_NARROWED,
      { level: 'site', blog: '5001', scopes: ['posts', 'media'] },
      'Alice Example — One site: alicewrites.wordpress.com (posts, media)',
    ],
    [
      'a whole one-site',
      SITE_WHOLE,
      { level: 'site', blog: '5003', scopes: [] },
      'Alice Example — One site: alicecooks.wordpress.com',
    ],
    ['an all-sites', GLOBAL, { level: 'global' }, 'Alice Example — All sites'],
  ])('%s token revoked at WordPress.com is removed, and signing in again offered', async (_, params, access, label) => {
    const bob = await connect(emulator, { user: 'bob' });
    const gone = await connect(emulator, params);
    await refreshGravatar('alice@example.com');
    // Bob is not verified: nothing is asked of Gravatar for him (gravatar-hash.ts `gravatarMayShow`).
    expect(await refreshGravatar('bob@example.org')).toBe('off');
    expect(Object.keys(await readGravatarCache())).toEqual([await gravatarHash('alice@example.com')]);
    await control().revokeTokens('alice');

    const state = stateOf(await ask({ type: 'checkHealth' }));
    expect((await stored()).map((connection) => connection.id)).toEqual([bob.id]);
    expect(state).toMatchObject({ status: 'signed_in', activeId: bob.id, restore: { access, label } });
    expect(state.restore?.removedAt).toBeGreaterThan(0);
    expect(launchWebAuthFlow).not.toHaveBeenCalled();
    // Alice's Gravatar profile went with her last connection.
    expect(await readGravatarCache()).toEqual({});
    const everything = JSON.stringify([
      await fakeBrowser.storage.local.get(null),
      await fakeBrowser.storage.session.get(null),
    ]);
    expect(everything).not.toContain(gone.accessToken);

    // The offer survives the popup closing, until dismissed.
    expect(stateOf(await ask({ type: 'getState' })).restore).toEqual(state.restore);
    expect(stateOf(await ask({ type: 'dismissRestore' }))).not.toHaveProperty('restore');
    expect(await fakeBrowser.storage.local.get('restore')).toEqual({});
  });

  test('the Gravatar entry stays while another connection of the account remains', async () => {
    const login = await connect(emulator, LOGIN);
    const global = await connect(emulator, GLOBAL);
    await refreshGravatar('alice@example.com');
    await updateConnectionStore((store) => ({
      ...store,
      connections: store.connections.map((c) => (c.id === login.id ? { ...c, accessToken: 'revoked)%&@(^' } : c)),
    }));
    await checkConnectionsHealth();
    expect((await stored()).map((connection) => connection.id)).toEqual([global.id]);
    expect(Object.keys(await readGravatarCache())).toEqual([await gravatarHash('alice@example.com')]);
  });

  test('when several go, the offer is for the active one', async () => {
    const first = await connect(emulator, GLOBAL);
    await connect(emulator, LOGIN);
    await ask({ type: 'selectConnection', id: first.id });
    await control().revokeTokens('alice');
    const state = stateOf(await ask({ type: 'checkHealth' }));
    expect(state).toMatchObject({ status: 'signed_out', restore: { access: { level: 'global' } } });
  });
});

describe('a token that is not what we stored', () => {
  // The site's address is kept only when the site was right: token-info names a site by ID alone. A reach wider
  // than shown is said to the page that asked for the check.
  test.each<[string, Partial<Connection>, 'kept' | 'unknown', 'wider' | 'not wider']>([
    ['fewer scopes', { scope: ['posts'] }, 'kept', 'wider'],
    ['another site', { blogId: 5003, blogUrl: 'https://alicecooks.wordpress.com' }, 'unknown', 'not wider'],
    ['another kind', { kind: 'global', scope: ['global'], blogId: null, blogUrl: null }, 'unknown', 'not wider'],
  ])('stored with %s: kept, with the reach WordPress.com reports', async (_, change, address, wider) => {
    const connection = await connect(emulator, SITE_NARROWED);
    await updateConnectionStore((store) => ({
      ...store,
      connections: store.connections.map((c) => (c.id === connection.id ? { ...c, ...change } : c)),
    }));
    const answer = await ask({ type: 'checkHealth' });
    const state = stateOf(answer);
    if (wider === 'wider') {
      expect(answer.ok && answer.notice).toMatchObject({ code: 'access_wider' });
      expect(answer.ok && answer.notice?.message).toMatch(
        /reaches One site, limited to posts, media, more than it was shown with \(One site, limited to posts\)/,
      );
      // Also kept for the next popup: a check at browser start has no page to tell.
      expect(state.outcome).toMatchObject({ problem: answer.ok ? answer.notice : {} });
    } else {
      expect(answer.ok && answer.notice).toBeFalsy();
      expect(state.outcome).toBeUndefined();
    }
    const [kept] = await stored();
    expect(kept && withoutHealth(kept)).toEqual({
      ...withoutHealth(connection),
      blogUrl: address === 'kept' ? connection.blogUrl : null,
    });
    expect(kept?.health?.status).toBe('valid');
    expect(state.restore).toBeUndefined();
    expect(state.connections).toHaveLength(1);
  });

  test('a check that finds a reach wider than shown and a damaged connection: both are told, one answer after the other', async () => {
    const connection = await connect(emulator, SITE_NARROWED);
    await updateConnectionStore((store) => ({
      ...store,
      connections: store.connections.map((c) => (c.id === connection.id ? { ...c, scope: ['posts'] } : c)),
    }));
    // A damaged entry next to it, first found by the check's own read of the store.
    const damaged = await storeDamagedConnection();

    const checked = await ask({ type: 'checkHealth', force: true });
    expect(checked.ok && checked.notice).toMatchObject({ code: 'access_wider' });
    // The page shows it, and dismisses the outcome kept with it: an answer it does not read.
    const outcomeId = stateOf(checked).outcome?.id ?? '';
    expect(await ask({ type: 'dismissOutcome', id: outcomeId })).not.toHaveProperty('notice');
    // The next answer it reads tells the damage, and that the dropped connection may still be live.
    const next = await ask({ type: 'getState' });
    expect(next.ok && next.notice).toMatchObject({
      code: 'storage_corrupt',
      message: expect.stringMatching(/Connected Apps/),
    });
    expect(JSON.stringify(next)).not.toContain(damaged.accessToken);
    // Told once.
    expect(await ask({ type: 'getState' })).not.toHaveProperty('notice');
  });

  test('damage a console call finds is not taken by its answer, which the console does not show: the next answer tells it', async () => {
    const connection = await connect(emulator, GLOBAL);
    const damaged = await storeDamagedConnection();

    const called = await ask({ type: 'callEndpoint', connectionId: connection.id, endpoint: 'me', params: {} });
    expect(called.ok && called.call?.status).toBe(200);
    expect(called).not.toHaveProperty('notice');
    const next = await ask({ type: 'getState' });
    expect(next.ok && next.notice).toMatchObject({ code: 'storage_corrupt' });
    expect(JSON.stringify([called, next])).not.toContain(damaged.accessToken);
    expect(await ask({ type: 'getState' })).not.toHaveProperty('notice');
  });

  test('each token is asked about as the app it was issued to; one stored before there were two apps, as the login app', async () => {
    const login = await connect(emulator, LOGIN);
    const global = await connect(emulator, GLOBAL);
    expect([login.clientId, global.clientId]).toEqual([SANDBOX.clientId, SANDBOX_API.clientId]);
    // A login connection from before the two apps: no app stored.
    await updateConnectionStore((store) => ({
      ...store,
      connections: store.connections.map(({ clientId: _, ...rest }) =>
        rest.id === login.id ? rest : { ...rest, clientId: _ },
      ),
    }));
    expect((await byId(login.id))?.clientId).toBeUndefined();
    expect(await checkConnectionsHealth({ force: true })).toEqual({ checked: 2, valid: 2, removed: 0, unreachable: 0 });
  });

  test('a token stored as the login app’s that is the API app’s (or the other way round): removed', async () => {
    const global = await connect(emulator, GLOBAL);
    await updateConnectionStore((store) => ({
      ...store,
      connections: store.connections.map((c) => (c.id === global.id ? { ...c, clientId: SANDBOX.clientId } : c)),
    }));
    await checkConnectionsHealth({ force: true });
    expect(await stored()).toEqual([]);
  });

  test('another app’s token: removed, also when the store names that app', async () => {
    const params = { clientId: OTHER_CLIENT.clientId, redirectUri: OTHER_CLIENT.redirectUris[0] ?? '' };
    await connect(emulator, params, {
      client_id: OTHER_CLIENT.clientId,
      client_secret: OTHER_CLIENT.clientSecret,
      redirect_uri: params.redirectUri,
    });
    expect(await stored()).toHaveLength(1);
    await checkConnectionsHealth();
    expect(await stored()).toEqual([]);
  });
});

describe('when WordPress.com cannot be reached', () => {
  test('a network failure changes nothing stored: the state says offline until an answer comes', async () => {
    const login = await connect(emulator, LOGIN);
    const global = await connect(emulator, GLOBAL);
    const before = await fakeBrowser.storage.local.get(null);
    await control().setBehaviour({ outage: true });
    const started = realNow();

    const state = stateOf(await ask({ type: 'checkHealth' }));
    expect((await stats()).droppedRequests).toBe(2);
    expect((await stored()).map(withoutHealth)).toEqual([login, global]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    // Throttled like a verdict: a second unforced check right away asks nothing.
    await ask({ type: 'checkHealth' });
    expect((await stats()).droppedRequests).toBe(2);
    expect(state.offline?.since).toBeGreaterThanOrEqual(started);
    expect(state).not.toHaveProperty('restore');
    expect(await fakeBrowser.storage.session.get('connectivity')).toEqual({
      connectivity: { offlineSince: state.offline?.since },
    });

    // Still offline after another failure: since the first one.
    const refresh = await ask({ type: 'refreshProfile' });
    expect(refresh).toMatchObject({ ok: false, error: { code: 'network' }, state: { offline: state.offline } });
    expect(await stored()).toHaveLength(2);

    await control().setBehaviour({ outage: false });
    const back = stateOf(await ask({ type: 'checkHealth', force: true }));
    expect(back).not.toHaveProperty('offline');
    expect(back.connections.map((connection) => connection.health?.status)).toEqual(['valid', 'valid']);
  });

  test('a /me refresh during an outage marks offline; the next good refresh clears it', async () => {
    const login = await connect(emulator, LOGIN);
    await control().setBehaviour({ outage: true });
    const failed = await ask({ type: 'refreshProfile' });
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'network' },
      state: { offline: { since: expect.any(Number) } },
    });
    expect(await stored()).toEqual([login]);
    await control().setBehaviour({ outage: false });
    expect(stateOf(await ask({ type: 'refreshProfile' }))).not.toHaveProperty('offline');
  });

  test('token-info answering 429: no verdict, nothing removed, not offline, and nothing asked until the wait has passed', async () => {
    const login = await connect(emulator, LOGIN);
    const global = await connect(emulator, GLOBAL);
    const before = await fakeBrowser.storage.local.get(null);
    const unanswered = { checked: 2, valid: 0, removed: 0, unreachable: 2 };
    // Seconds, not one: the test checks that nothing is sent during the wait, over several loopback calls.
    await control().setBehaviour({ tokenInfoFailure: 'rate_limited', wpcomRetryAfter: 3 });
    let asked = (await stats()).tokenInfoRequests;
    expect(await checkConnectionsHealth({ force: true })).toEqual(unanswered);
    expect((await stats()).tokenInfoRequests - asked).toBe(2);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    const { state } = await readAppState();
    expect(state).not.toHaveProperty('restore');
    expect(state).not.toHaveProperty('offline');

    // WordPress.com would answer now, but asked to wait: even a forced check ("Check now") sends nothing.
    await control().setBehaviour({ tokenInfoFailure: null });
    asked = (await stats()).tokenInfoRequests;
    expect(await checkConnectionsHealth({ force: true })).toEqual(unanswered);
    expect((await stats()).tokenInfoRequests).toBe(asked);
    expect((await stored()).map(withoutHealth)).toEqual([login, global]);
    expect(launchWebAuthFlow).not.toHaveBeenCalled();

    // Once the wait has passed, the same tokens are asked about and found valid.
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    expect(await checkConnectionsHealth({ force: true })).toMatchObject({ valid: 2, removed: 0 });
    expect((await stats()).tokenInfoRequests - asked).toBe(2);

    // A Retry-After date holds each connection's token-info until then.
    await control().setBehaviour({
      tokenInfoFailure: 'rate_limited',
      wpcomRetryAfter: new Date(Date.now() + 30_000).toUTCString(),
    });
    expect(await checkConnectionsHealth({ force: true })).toEqual(unanswered);
    const holds = (await fakeBrowser.storage.session.get('rateLimits')).rateLimits as Record<string, number>;
    expect(Object.keys(holds).sort()).toEqual([`${login.id} token-info`, `${global.id} token-info`].sort());
    for (const until of Object.values(holds)) {
      expect(until).toBeGreaterThan(Date.now() + 25_000);
      expect(until).toBeLessThanOrEqual(Date.now() + 30_000);
    }
  });

  test.each([
    ['a server error', 'server_error', 'service_unavailable'],
    ['an HTML page', 'garbage', 'invalid_response'],
    ['JSON that is no user', 'wrong_shape', 'invalid_response'],
    ['429 Too Many Requests', 'rate_limited', 'rate_limited'],
  ] as const)(
    '/me answering %s: the cached profile stays, with a clear error; not offline',
    async (_, failure, code) => {
      const login = await connect(emulator, LOGIN);
      await control().setBehaviour({ meFailure: failure });
      const answer = await ask({ type: 'refreshProfile' });
      expect(answer).toMatchObject({ ok: false, error: { code } });
      if (answer.ok) throw new Error('expected a failure');
      expect(answer.state?.connections[0]?.profile).toEqual(login.profile);
      expect(answer.state).not.toHaveProperty('offline');
      expect(await stored()).toEqual([login]);
    },
  );
});

describe('when checks run', () => {
  test('a popup’s checks are throttled to one per connection every 5 minutes; force skips that', async () => {
    await connect(emulator, LOGIN);
    await connect(emulator, GLOBAL);
    await checkConnectionsHealth();
    expect((await stats()).tokenInfoRequests).toBe(2);
    expect(await checkConnectionsHealth()).toMatchObject({ checked: 0 });
    later(HEALTH_CHECK_INTERVAL_MS - 1000);
    await ask({ type: 'checkHealth' });
    expect((await stats()).tokenInfoRequests).toBe(2);
    await ask({ type: 'checkHealth', force: true });
    expect((await stats()).tokenInfoRequests).toBe(4);
    later(HEALTH_CHECK_INTERVAL_MS + 1000);
    await ask({ type: 'checkHealth' });
    expect((await stats()).tokenInfoRequests).toBe(4);
    later(2 * HEALTH_CHECK_INTERVAL_MS);
    await ask({ type: 'checkHealth' });
    expect((await stats()).tokenInfoRequests).toBe(6);
  });

  test('concurrent checks share one run', async () => {
    await connect(emulator, LOGIN);
    await Promise.all([checkConnectionsHealth(), ask({ type: 'checkHealth' }), ask({ type: 'checkHealth' })]);
    expect((await stats()).tokenInfoRequests).toBe(1);
  });

  test('"Check now" pressed while a throttled check runs checks every connection, after that run, never beside it', async () => {
    const recent = await connect(emulator, LOGIN);
    await checkConnectionsHealth();
    const fresh = await connect(emulator, GLOBAL);
    const before = (await stats()).tokenInfoRequests;
    // The token-info requests as they go out and come back.
    const realFetch = globalThis.fetch;
    const events: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const tokenInfo = String(input).includes('/oauth2/token-info');
      if (tokenInfo) events.push('sent');
      try {
        return await realFetch(input, init);
      } finally {
        if (tokenInfo) events.push('answered');
      }
    });

    const popupOpened = checkConnectionsHealth();
    const checkNow = checkConnectionsHealth({ force: true });
    expect(await popupOpened).toMatchObject({ checked: 1, valid: 1 });
    expect(await checkNow).toMatchObject({ checked: 2, valid: 2 });
    expect((await stats()).tokenInfoRequests - before).toBe(3);
    // The throttled run (the fresh connection only) ended before the forced one (both) began.
    expect(events).toEqual(['sent', 'answered', 'sent', 'sent', 'answered', 'answered']);
    for (const connection of [recent, fresh]) expect((await byId(connection.id))?.health?.status).toBe('valid');

    // Another "Check now" meanwhile joins the forced run; a throttled check joins whichever run is under way.
    const [a, b, c] = [
      checkConnectionsHealth(),
      checkConnectionsHealth({ force: true }),
      checkConnectionsHealth({ force: true }),
    ];
    expect(c).toBe(b);
    await Promise.all([a, b, c]);
    expect((await stats()).tokenInfoRequests - before).toBe(5);
  });

  test('the browser starting checks every connection, recently checked or not', async () => {
    background.main?.();
    await connect(emulator, LOGIN);
    await connect(emulator, GLOBAL);
    await connect(emulator, { user: 'bob' });
    await checkConnectionsHealth();
    await fakeBrowser.runtime.onStartup.trigger();
    expect((await stats()).tokenInfoRequests).toBe(6);
    expect((await stored()).every((connection) => connection.health?.status === 'valid')).toBe(true);
    expect(launchWebAuthFlow).not.toHaveBeenCalled();
  });

  test('getState answers from storage alone: nothing is sent', async () => {
    await connect(emulator, LOGIN);
    await refreshProfile();
    const before = await stats();
    await control().setBehaviour({ outage: true });
    const state = stateOf(await ask({ type: 'getState' }));
    expect(state.connections[0]?.gravatar?.displayName).toBe('Alice Example');
    expect(await stats()).toEqual(before);
  });

  test('no connections: nothing to check, nothing sent', async () => {
    expect(await checkConnectionsHealth({ force: true })).toEqual({ checked: 0, valid: 0, removed: 0, unreachable: 0 });
    expect((await stats()).tokenInfoRequests).toBe(0);
    expect((await readAppState()).state).not.toHaveProperty('offline');
  });
});
