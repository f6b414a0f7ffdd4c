import { describe, expect, test, vi } from 'vitest';
import { type ConnectionStore, EMPTY_STORE, MAX_CONNECTIONS } from './connection';
import {
  activeConnection,
  addConnection,
  attachProfile,
  newestFirst,
  removeConnections,
  selectConnection,
} from './connection-list';
import { ConnectError } from './errors';
import { ALICE, BOB, fakeConnection, globalConnection, siteConnection } from './testing/fixtures';

const storeOf = (...connections: ReturnType<typeof fakeConnection>[]): ConnectionStore => ({
  version: 2,
  activeId: connections.at(-1)?.id ?? null,
  connections,
});

describe('adding a connection', () => {
  test('adds it, makes it active, and leaves the others alone', () => {
    const a = fakeConnection({ profile: ALICE });
    const b = globalConnection({ profile: BOB });
    const store = addConnection(addConnection(EMPTY_STORE, a), b);
    expect(store.connections).toEqual([a, b]);
    expect(store.activeId).toBe(b.id);
  });

  test('replaces the same account’s connection of the same kind and site, dropping the old token', () => {
    const old = siteConnection({ profile: ALICE });
    const other = globalConnection({ profile: ALICE });
    const renewed = siteConnection({ profile: ALICE });
    const store = addConnection(storeOf(old, other), renewed);
    expect(store.connections).toEqual([other, renewed]);
    expect(JSON.stringify(store)).not.toContain(old.accessToken);
    expect(store.activeId).toBe(renewed.id);
  });

  test('a one-site grant is its scopes too; a login or all-sites one is its kind, however its scope was written', () => {
    const posts = siteConnection({ profile: ALICE, scope: ['posts'] });
    const whole = siteConnection({ profile: ALICE, scope: [] });
    expect(addConnection(storeOf(posts), whole).connections).toEqual([posts, whole]);
    const samePosts = siteConnection({ profile: ALICE, scope: ['posts'] });
    expect(addConnection(storeOf(posts), samePosts).connections).toEqual([samePosts]);
    // An answer with no scope for all sites, stored as asked, and one token-info wrote as `global`: one grant.
    const told = globalConnection({ profile: ALICE, scope: ['global'] });
    const untold = globalConnection({ profile: ALICE, scope: [] });
    expect(addConnection(storeOf(told), untold).connections).toEqual([untold]);
    // WordPress.com's answer for all sites may name a site (`blog_url` "can be" null, so sometimes is not): one grant.
    const naming = globalConnection({ profile: ALICE, blogId: 5001, blogUrl: 'https://alicewrites.wordpress.com' });
    expect(addConnection(storeOf(untold), naming).connections).toEqual([naming]);
    const loginNaming = fakeConnection({ profile: ALICE, blogId: 5001 });
    const login = fakeConnection({ profile: ALICE });
    expect(addConnection(storeOf(login), loginNaming).connections).toEqual([loginNaming]);
  });

  test('a token of another app is another grant; one stored before there were two apps is the login app’s', () => {
    vi.stubEnv('WXT_WPCOM_CLIENT_ID', '84620');
    try {
      // An "All sites" connection of the one app an earlier build had (stored with no app), then one of the API app.
      const old = globalConnection({ profile: ALICE });
      const api = globalConnection({ profile: ALICE, clientId: '84621' });
      expect(addConnection(storeOf(old), api).connections).toEqual([old, api]);
      // A new "Profile only" sign-in replaces the old one: the same (login) app.
      const oldLogin = fakeConnection({ profile: ALICE });
      const login = fakeConnection({ profile: ALICE, clientId: '84620' });
      expect(addConnection(storeOf(oldLogin), login).connections).toEqual([login]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('keeps connections that differ in account, kind or site', () => {
    const base = siteConnection({ profile: ALICE });
    const others = [
      siteConnection({ profile: BOB }),
      siteConnection({ profile: ALICE, blogId: 5003, blogUrl: 'https://second.example' }),
      globalConnection({ profile: ALICE }),
      fakeConnection({ profile: ALICE }),
      // Without a profile the account is unknown: never taken for a duplicate.
      siteConnection(),
    ];
    const store = others.reduce(addConnection, addConnection(EMPTY_STORE, base));
    expect(store.connections).toHaveLength(6);
    expect(addConnection(store, siteConnection()).connections).toHaveLength(7);
  });

  test(`keeps at most ${MAX_CONNECTIONS}: the oldest inactive one goes, wherever it sits`, () => {
    const many = Array.from({ length: MAX_CONNECTIONS }, (_, i) => fakeConnection({ obtainedAt: 1_000 + i }));
    const oldest = fakeConnection({ obtainedAt: 5 });
    many.splice(7, 1, oldest);
    const store: ConnectionStore = { version: 2, activeId: many[3]?.id ?? null, connections: many };
    const newer = fakeConnection({ obtainedAt: 10_000 });
    const after = addConnection(store, newer);
    expect(after.connections).toHaveLength(MAX_CONNECTIONS);
    expect(after.connections.map((c) => c.id)).not.toContain(oldest.id);
    expect(after.connections.at(-1)).toEqual(newer);
    expect(after.activeId).toBe(newer.id);
    expect(store.connections).toHaveLength(MAX_CONNECTIONS);
  });
});

describe('selecting and removing', () => {
  test('select makes another connection active; an unknown id is refused', () => {
    const [a, b] = [fakeConnection(), fakeConnection()];
    const store = storeOf(a, b);
    expect(selectConnection(store, a.id).activeId).toBe(a.id);
    let error: unknown;
    try {
      selectConnection(store, 'no-such-connection');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe('connection_gone');
    expect(store.activeId).toBe(b.id);
  });

  test('removing the active one moves to the most recent remaining, then to none', () => {
    const older = fakeConnection({ obtainedAt: 10 });
    const newest = fakeConnection({ obtainedAt: 30 });
    const middle = fakeConnection({ obtainedAt: 20 });
    let store: ConnectionStore = { version: 2, activeId: middle.id, connections: [older, newest, middle] };
    store = removeConnections(store, [middle.id]);
    expect(store.connections).toEqual([older, newest]);
    expect(store.activeId).toBe(newest.id);
    store = removeConnections(store, [older.id]);
    expect(store.activeId).toBe(newest.id);
    store = removeConnections(store, [newest.id]);
    expect(store).toEqual(EMPTY_STORE);
  });

  test('newest first, by obtainedAt then by order of adding', () => {
    const [a, b, c] = [
      fakeConnection({ obtainedAt: 5 }),
      fakeConnection({ obtainedAt: 9 }),
      fakeConnection({ obtainedAt: 5 }),
    ];
    expect(newestFirst([a, b, c]).map((x) => x.id)).toEqual([b.id, c.id, a.id]);
  });
});

describe('attaching a profile', () => {
  test('stores it on that connection only', () => {
    const [a, b] = [fakeConnection(), fakeConnection()];
    const store = attachProfile(storeOf(a, b), a.id, ALICE);
    expect(store.connections).toEqual([{ ...a, profile: ALICE }, b]);
    expect(store.activeId).toBe(b.id);
  });

  test('an older connection of the same grant becomes a duplicate and goes; the active one follows', () => {
    const older = siteConnection({ profile: ALICE });
    const unknown = siteConnection();
    const store = attachProfile({ version: 2, activeId: older.id, connections: [older, unknown] }, unknown.id, ALICE);
    expect(store.connections).toEqual([{ ...unknown, profile: ALICE }]);
    expect(activeConnection(store)?.id).toBe(unknown.id);
  });

  test('a connection removed meanwhile stays removed', () => {
    const a = fakeConnection();
    expect(attachProfile(EMPTY_STORE, a.id, ALICE)).toEqual(EMPTY_STORE);
  });
});
