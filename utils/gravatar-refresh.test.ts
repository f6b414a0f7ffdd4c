/**
 * The Gravatar profile of the signed-in accounts against the real emulator over loopback: when it is asked
 * (after `/me`, at most once an hour, never while a 429's wait runs, never with the option off), what is kept
 * when it fails, and when its cache entry goes. Requests are counted by the emulator.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emulatorControl } from '../sandbox/emulator/control-client';
import { type RunningEmulator, startEmulator } from '../sandbox/emulator/start-emulator';
import { readAppState } from './app-state';
import { handleMessage } from './background-router';
import { MAX_CONNECTIONS } from './connection';
import { addConnection } from './connection-list';
import { readConnectionStore, updateConnectionStore } from './connection-store';
import { GRAVATAR_FRESH_MS, readGravatarCache } from './gravatar-cache';
import { gravatarHash } from './gravatar-hash';
import { refreshGravatar } from './gravatar-refresh';
import { refreshProfile } from './profile-refresh';
import { revoke } from './revoke';
import { takeStorageNotice } from './stored';
import { connect, GLOBAL, LOGIN, useEmulator } from './testing/emulator-connections';
import { ALICE, CAROL, fakeConnection } from './testing/fixtures';

let emulator: RunningEmulator;
const control = () => emulatorControl(emulator.url);
const gravatarRequests = async () => (await control().stats()).gravatarRequests;
const popup = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };

const realNow = Date.now.bind(Date);
/** Moves the extension's clock (and the emulator's: same process) forward. */
function later(ms: number): void {
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  fakeBrowser.reset();
  takeStorageNotice();
  await control().reset();
  useEmulator(emulator);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Holds the requests `match` picks until `held` resolves; `asked` resolves as the first is sent. */
function holdFetch(match: (url: string) => boolean) {
  const asked = Promise.withResolvers<void>();
  const held = Promise.withResolvers<void>();
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    if (match(String(input instanceof Request ? input.url : input))) {
      asked.resolve();
      await held.promise;
    }
    return realFetch(input, init);
  });
  return { asked, held };
}

const aliceHash = () => gravatarHash('alice@example.com');
const bobHash = () => gravatarHash('bob@example.org');
const carolHash = () => gravatarHash(CAROL.email);
/** Carol's connection, stored: a verified account whose email has no Gravatar profile. */
async function storeCarol() {
  const carol = fakeConnection({ profile: CAROL });
  await updateConnectionStore((store) => addConnection(store, carol));
  return carol;
}
const shown = async () => (await readAppState()).state.connections[0]?.gravatar;

describe('when Gravatar is asked', () => {
  test('after /me, not before; then not again for an hour', async () => {
    await connect(emulator, LOGIN);
    expect(await gravatarRequests()).toBe(0);
    await refreshProfile();
    expect(await gravatarRequests()).toBe(1);
    expect(await shown()).toMatchObject({ hash: await aliceHash(), displayName: 'Alice Example', pronouns: 'she/her' });

    await refreshProfile();
    later(GRAVATAR_FRESH_MS - 1000);
    await refreshProfile();
    const stats = await control().stats();
    expect(stats).toMatchObject({ gravatarRequests: 1, meRequests: 4 });

    later(GRAVATAR_FRESH_MS + 1000);
    await refreshProfile();
    expect(await gravatarRequests()).toBe(2);
  });

  test('a 404 (carol has no profile) is remembered for an hour too; the /me profile alone is shown', async () => {
    await storeCarol();
    expect(await refreshGravatar(CAROL.email)).toBe('absent');
    expect(await refreshGravatar(CAROL.email)).toBe('cached');
    expect(await gravatarRequests()).toBe(1);
    expect((await readGravatarCache())[await carolHash()]).toEqual({ status: 'absent', fetchedAt: expect.any(Number) });
    const { state } = await readAppState();
    expect(state.connections[0]?.profile?.username).toBe('carolverified');
    expect(state.connections[0]).not.toHaveProperty('gravatar');
  });

  test('never for an account WordPress.com has not verified: nothing sent, and nothing kept is shown', async () => {
    // Anyone can sign up with another person's email; that person's Gravatar must not be shown as the new account's.
    const bob = await connect(emulator, { user: 'bob' });
    await refreshProfile();
    expect(await refreshGravatar('alice@example.com')).toBe('off');
    expect(await gravatarRequests()).toBe(0);
    expect(await readGravatarCache()).toEqual({});
    // A profile kept from before (an older build; a verification WordPress.com took back) is not shown either.
    const found = {
      status: 'found',
      fetchedAt: Date.now(),
      profile: { hash: await bobHash(), displayName: 'Someone', verifiedAccounts: [], fetchedAt: Date.now() },
    };
    await fakeBrowser.storage.local.set({ gravatar: { [await bobHash()]: found } });
    // Kept (a valid entry, not damage cleared on the way), and not shown.
    expect(Object.keys(await readGravatarCache())).toEqual([await bobHash()]);
    const { state } = await readAppState();
    expect(state.connections.find((view) => view.id === bob.id)).not.toHaveProperty('gravatar');
    // And it goes with his last connection, though another account stays.
    await connect(emulator, LOGIN);
    await revoke(bob.id);
    expect(await readGravatarCache()).toEqual({});
  });

  test('not when /me says the email itself is unverified, though the account is', async () => {
    const carol = fakeConnection({ profile: { ...CAROL, emailVerified: false } });
    await updateConnectionStore((store) => addConnection(store, carol));
    expect(await refreshGravatar(CAROL.email)).toBe('off');
    expect(await gravatarRequests()).toBe(0);
  });

  test('only the signed-in accounts: one request per account, shared by its connections', async () => {
    await connect(emulator, LOGIN);
    await connect(emulator, GLOBAL);
    await refreshProfile();
    await refreshProfile();
    expect(await gravatarRequests()).toBe(1);
    const { state } = await readAppState();
    expect(state.connections.map((connection) => connection.gravatar?.displayName)).toEqual([
      'Alice Example',
      'Alice Example',
    ]);
    expect(Object.keys(await readGravatarCache())).toEqual([await aliceHash()]);
  });

  test('concurrent look-ups of one account share one request', async () => {
    // Alice's connection, stored without a sign-in (which would ask Gravatar itself).
    await updateConnectionStore((store) => addConnection(store, fakeConnection({ profile: ALICE })));
    await Promise.all([refreshGravatar('alice@example.com'), refreshGravatar(' ALICE@example.com')]);
    expect(await gravatarRequests()).toBe(1);
  });
});

describe('when Gravatar fails', () => {
  async function cachedAlice() {
    await connect(emulator, LOGIN);
    await refreshProfile();
    const before = await readGravatarCache();
    expect(before[await aliceHash()]?.status).toBe('found');
    return before;
  }

  test('429: the cached profile stays; nothing is sent before X-RateLimit-Reset', async () => {
    const before = await cachedAlice();
    // The period ends 120 s after the moment the refresh below is made at (the emulator keeps real time; this
    // test moves the extension's clock on).
    const skewSeconds = (GRAVATAR_FRESH_MS + 1000) / 1000;
    await control().setBehaviour({ gravatarFailure: 'rate_limited', gravatarRetryAfter: skewSeconds + 120 });
    later(GRAVATAR_FRESH_MS + 1000);
    expect(await refreshProfile()).toMatchObject({ username: 'alicewrites' });
    expect(await gravatarRequests()).toBe(2);
    const held = (await readGravatarCache())[await aliceHash()];
    expect(held).toEqual({ ...before[await aliceHash()], retryAt: expect.any(Number) });
    expect(held?.retryAt).toBeGreaterThanOrEqual(realNow() + GRAVATAR_FRESH_MS + 119_000);
    expect(await shown()).toMatchObject({ displayName: 'Alice Example' });

    await control().setBehaviour({ gravatarFailure: null });
    later(GRAVATAR_FRESH_MS + 1000 + 60_000);
    await refreshProfile();
    expect(await gravatarRequests()).toBe(2);
    later(GRAVATAR_FRESH_MS + 1000 + 121_000);
    await refreshProfile();
    expect(await gravatarRequests()).toBe(3);
    expect((await readGravatarCache())[await aliceHash()]).not.toHaveProperty('retryAt');
  });

  test('a 429 holds back every account’s look-up, not only the one it answered: the limit is the client’s', async () => {
    await connect(emulator, LOGIN);
    await storeCarol();
    await control().setBehaviour({ gravatarFailure: 'rate_limited', gravatarRetryAfter: 120 });
    expect(await refreshGravatar('alice@example.com')).toBe('rate_limited');
    expect(await refreshGravatar(CAROL.email)).toBe('cached');
    expect(await gravatarRequests()).toBe(1);
    await control().setBehaviour({ gravatarFailure: null });
    later(121_000);
    expect(await refreshGravatar(CAROL.email)).toBe('absent');
  });

  test('429 without a readable wait, before any answer: an hour’s wait, and no profile', async () => {
    await control().setBehaviour({ gravatarFailure: 'rate_limited', gravatarRetryAfter: null });
    await connect(emulator, LOGIN);
    await refreshProfile();
    const entry = (await readGravatarCache())[await aliceHash()];
    expect(entry).toEqual({ status: 'unknown', retryAt: expect.any(Number) });
    expect(entry?.retryAt).toBeGreaterThanOrEqual(realNow() + GRAVATAR_FRESH_MS - 5000);
    expect(await shown()).toBeUndefined();
    later(GRAVATAR_FRESH_MS - 10_000);
    await refreshProfile();
    expect(await gravatarRequests()).toBe(1);
  });

  test.each([['server_error'], ['garbage']] as const)(
    '%s: the cache stays, the refresh works, the next refresh tries again',
    async (failure) => {
      const before = await cachedAlice();
      await control().setBehaviour({ gravatarFailure: failure });
      later(GRAVATAR_FRESH_MS + 1000);
      const answer = await handleMessage({ type: 'refreshProfile' }, popup);
      expect(answer).toMatchObject({
        ok: true,
        state: { connections: [{ gravatar: { displayName: 'Alice Example' } }] },
      });
      expect(answer).not.toHaveProperty('notice');
      expect(answer.ok && answer.state.offline).toBeUndefined();
      expect(await readGravatarCache()).toEqual(before);
      await refreshProfile();
      expect(await gravatarRequests()).toBe(3);
    },
  );

  test('an unreachable Gravatar: the refresh works, and WordPress.com is not called offline', async () => {
    await connect(emulator, LOGIN);
    vi.stubEnv('WXT_GRAVATAR_API_URL', 'http://127.0.0.1:1/v3');
    expect(await refreshProfile()).toMatchObject({ username: 'alicewrites' });
    const { state } = await readAppState();
    expect(state.offline).toBeUndefined();
    expect(state.connections[0]).not.toHaveProperty('gravatar');
    expect(await fakeBrowser.storage.local.get('gravatar')).toEqual({});
  });
});

describe('the option', () => {
  const save = (showGravatar: boolean) =>
    handleMessage({ type: 'saveSettings', settings: { access: { level: 'profile' }, showGravatar } }, popup);

  test('off: the cache is cleared on save, and no request is made; on again: fetched on the next refresh', async () => {
    await connect(emulator, LOGIN);
    await refreshProfile();
    expect(await shown()).toBeDefined();

    const answer = await save(false);
    expect(answer).toMatchObject({ ok: true, state: { settings: { showGravatar: false } } });
    expect(answer.ok && answer.state.connections[0]).not.toHaveProperty('gravatar');
    expect(await fakeBrowser.storage.local.get('gravatar')).toEqual({});
    later(2 * GRAVATAR_FRESH_MS);
    await refreshProfile();
    expect(await refreshGravatar('alice@example.com')).toBe('off');
    expect(await gravatarRequests()).toBe(1);
    expect(await fakeBrowser.storage.local.get('gravatar')).toEqual({});

    await save(true);
    expect(await gravatarRequests()).toBe(1);
    await refreshProfile();
    expect(await gravatarRequests()).toBe(2);
    expect(await shown()).toMatchObject({ displayName: 'Alice Example' });
  });

  test('a cache entry written while the option was turned off is not kept', async () => {
    await connect(emulator, LOGIN);
    const lookUp = refreshGravatar('alice@example.com');
    await save(false);
    await lookUp;
    expect(await fakeBrowser.storage.local.get('gravatar')).toEqual({});
  });
});

describe('when the cache entry goes', () => {
  test('with the account’s last connection, not before', async () => {
    const login = await connect(emulator, LOGIN);
    const global = await connect(emulator, GLOBAL);
    const carol = await storeCarol();
    await refreshGravatar('alice@example.com');
    await refreshGravatar(CAROL.email);
    expect(Object.keys(await readGravatarCache()).sort()).toEqual([await aliceHash(), await carolHash()].sort());

    await revoke(login.id);
    expect(Object.keys(await readGravatarCache()).sort()).toEqual([await aliceHash(), await carolHash()].sort());
    await revoke(carol.id);
    expect(Object.keys(await readGravatarCache())).toEqual([await aliceHash()]);
    await revoke(global.id);
    expect((await readConnectionStore()).connections).toEqual([]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  test('but a 429’s wait it held stays, on an account still connected: Gravatar’s limit is the client’s', async () => {
    await connect(emulator, LOGIN);
    const carol = await storeCarol();
    await control().setBehaviour({ gravatarFailure: 'rate_limited', gravatarRetryAfter: 120 });
    expect(await refreshGravatar(CAROL.email)).toBe('rate_limited');
    await revoke(carol.id);
    // Nothing of Carol is kept, her hash included.
    expect(Object.keys(await readGravatarCache())).toEqual([await aliceHash()]);
    await control().setBehaviour({ gravatarFailure: null });
    expect(await refreshGravatar('alice@example.com')).toBe('cached');
    expect(await gravatarRequests()).toBe(1);
    later(121_000);
    expect(await refreshGravatar('alice@example.com')).toBe('found');
    expect(await gravatarRequests()).toBe(2);
  });

  test('with a connection whose token /me refuses', async () => {
    await connect(emulator, LOGIN);
    await refreshProfile();
    await control().revokeTokens('alice');
    await expect(refreshProfile()).rejects.toMatchObject({ code: 'token_invalid' });
    // The token and the account's Gravatar entry are gone; what is left is the offer to sign in again.
    const local = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(local)).toEqual(['restore']);
    expect(local.restore).toMatchObject({ access: { level: 'profile' }, label: 'Alice Example — Profile only' });
  });

  test('not written when its answer arrives after the account’s last connection was revoked', async () => {
    await connect(emulator, LOGIN);
    // Gravatar's answer is held until the revoke (and its prune) have finished.
    const { asked, held } = holdFetch((url) => url.startsWith(emulator.gravatarUrl));
    const refreshing = refreshProfile();
    await asked.promise;
    await revoke();
    expect((await readConnectionStore()).connections).toEqual([]);
    held.resolve();
    expect(await refreshing).toMatchObject({ username: 'alicewrites' });
    expect(await gravatarRequests()).toBe(1);
    expect(await readGravatarCache()).toEqual({});
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  test('not asked when the account’s last connection was revoked while its /me was out', async () => {
    await connect(emulator, LOGIN);
    // The popup's refresh: its /me is held until the person's revoke (which empties the cache) has finished.
    const { asked, held } = holdFetch((url) => new URL(url).pathname.endsWith('/me'));
    const before = await gravatarRequests();
    const refreshing = refreshProfile();
    await asked.promise;
    await revoke();
    held.resolve();
    await refreshing.catch(() => undefined);
    // Nothing about the revoked person goes to Gravatar, not even the hash of their email.
    expect(await gravatarRequests()).toBe(before);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  test('with the account’s last connection when the 21st sign-in leaves it out, as the oldest', async () => {
    await connect(emulator, LOGIN);
    await refreshGravatar('alice@example.com');
    // Alice's is the oldest; then MAX_CONNECTIONS - 1 others (no account known yet), the last one active.
    await updateConnectionStore((store) =>
      Array.from({ length: MAX_CONNECTIONS - 1 }, () => fakeConnection({ obtainedAt: Date.now() })).reduce(
        addConnection,
        store,
      ),
    );
    expect(Object.keys(await readGravatarCache())).toEqual([await aliceHash()]);

    const bob = await connect(emulator, { user: 'bob' });
    const { connections } = await readConnectionStore();
    expect(connections).toHaveLength(MAX_CONNECTIONS);
    expect(connections.some((connection) => connection.profile?.username === 'alicewrites')).toBe(false);
    expect(connections.at(-1)?.id).toBe(bob.id);
    expect(await readGravatarCache()).toEqual({});
    expect(await fakeBrowser.storage.local.get('gravatar')).toEqual({});
  });

  test('with the old email when /me says the account’s email changed', async () => {
    await connect(emulator, LOGIN);
    await refreshProfile();
    expect(Object.keys(await readGravatarCache())).toEqual([await aliceHash()]);

    // The emulator has no switch for a user's email: its /me answer is changed on the way.
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      if (String(input instanceof Request ? input.url : input) !== `${emulator.apiUrl}/v1.1/me`) return response;
      const me = await response.json();
      return Response.json({ ...me, email: 'alice.new@example.com' }, { status: response.status });
    });
    expect(await refreshProfile()).toMatchObject({ email: 'alice.new@example.com' });
    // The new email has no Gravatar profile (a 404, cached); the old one's entry is gone.
    expect(await readGravatarCache()).toEqual({
      [await gravatarHash('alice.new@example.com')]: { status: 'absent', fetchedAt: expect.any(Number) },
    });
  });
});
