import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readAppState } from './app-state';
import { type ConnectionStore, connectionIdSchema, MAX_CONNECTIONS } from './connection';
import { addConnection } from './connection-list';
import {
  readConnectionStore,
  removeStoredConnection,
  selectStoredConnection,
  updateConnectionStore,
} from './connection-store';
import { ConnectError } from './errors';
import { readGravatarCache } from './gravatar-cache';
import { gravatarHash } from './gravatar-hash';
import { takeStorageNotice } from './stored';
import { ALICE, BOB, CAROL, fakeConnection, globalConnection } from './testing/fixtures';

/** What version 0.1 stored for a signed-in person. */
const OLD_TOKEN = 'old-tok)%&@(^';
const oldConnection = {
  accessToken: OLD_TOKEN,
  scope: ['auth'],
  blogId: null,
  blogUrl: null,
  obtainedAt: 1_700_000_000_000,
};

const local = () => fakeBrowser.storage.local.get(null);

beforeEach(() => {
  fakeBrowser.reset();
  takeStorageNotice();
});

describe('migration from the one-connection shape', () => {
  test('a signed-in person stays signed in, with the same token and profile, and the old keys go', async () => {
    await fakeBrowser.storage.local.set({ connection: oldConnection, profile: ALICE });
    const store = await readConnectionStore();
    expect(store.connections).toHaveLength(1);
    const [connection] = store.connections;
    expect(connection).toEqual({ ...oldConnection, id: expect.any(String), kind: 'login', profile: ALICE });
    expect(connectionIdSchema.safeParse(connection?.id).success).toBe(true);
    expect(store.activeId).toBe(connection?.id);
    expect(Object.keys(await local())).toEqual(['connections']);
    expect(takeStorageNotice()).toBeUndefined();

    const { state } = await readAppState();
    expect(state.status).toBe('signed_in');
    expect(state.connections[0]?.profile).toEqual(ALICE);
    expect(JSON.stringify(state)).not.toContain(OLD_TOKEN);
  });

  test('the kind comes from the old scope', async () => {
    await fakeBrowser.storage.local.set({ connection: { ...oldConnection, scope: ['global'] } });
    expect((await readConnectionStore()).connections[0]?.kind).toBe('global');
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      connection: { ...oldConnection, scope: [], blogId: 5, blogUrl: 'https://x.example' },
    });
    expect((await readConnectionStore()).connections[0]).toMatchObject({ kind: 'site', blogId: 5 });
  });

  test('running twice changes nothing more', async () => {
    await fakeBrowser.storage.local.set({ connection: oldConnection, profile: ALICE });
    const first = await readConnectionStore();
    const second = await readConnectionStore();
    expect(second).toEqual(first);
    expect(await local()).toEqual({ connections: first });
  });

  test('a migration cut short after writing runs again without a duplicate', async () => {
    await fakeBrowser.storage.local.set({ connection: oldConnection, profile: ALICE });
    const first = await readConnectionStore();
    // As if the worker stopped before the old keys were removed.
    await fakeBrowser.storage.local.set({ connection: oldConnection, profile: ALICE });
    expect(await readConnectionStore()).toEqual(first);
    expect(Object.keys(await local())).toEqual(['connections']);
  });

  test('a pair written while the migration reads is read whole or not at all, never half (and then dropped)', async () => {
    // The old pair lands right after the first read of the old keys.
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    let written = false;
    vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys) => {
      const got = await get(keys as never);
      const asks = [keys].flat().includes('connection');
      if (asks && !written) {
        written = true;
        await fakeBrowser.storage.local.set({ connection: oldConnection, profile: ALICE });
      }
      return got;
    });
    await readConnectionStore();
    // The next read finds the pair and migrates it.
    expect((await readConnectionStore()).connections.map((c) => c.accessToken)).toEqual([OLD_TOKEN]);
    expect(takeStorageNotice()).toBeUndefined();
    vi.restoreAllMocks();
  });

  test('it joins connections already in the new store, without touching them', async () => {
    const existing = globalConnection({ profile: ALICE });
    const store: ConnectionStore = { version: 2, activeId: existing.id, connections: [existing] };
    await fakeBrowser.storage.local.set({ connections: store, connection: oldConnection });
    const after = await readConnectionStore();
    expect(after.connections[0]).toEqual(existing);
    expect(after.connections[1]?.accessToken).toBe(OLD_TOKEN);
    expect(after.activeId).toBe(after.connections[1]?.id);
  });

  test('a damaged old token is dropped and reported; the profile without it goes too', async () => {
    await fakeBrowser.storage.local.set({
      connection: { accessToken: 42 },
      profile: ALICE,
      settings: { access: { level: 'global' } },
    });
    const store = await readConnectionStore();
    expect(store.connections).toEqual([]);
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
    expect(await local()).toEqual({ settings: { access: { level: 'global' } } });
  });

  test('an old token that no request could carry is dropped and reported, as damage; the store still reads', async () => {
    await fakeBrowser.storage.local.set({ connection: { ...oldConnection, accessToken: 'old-tok\r\nX: 1' } });
    expect((await readConnectionStore()).connections).toEqual([]);
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
    expect(await local()).toEqual({});
  });

  test('a damaged old profile is dropped and reported; the token still migrates', async () => {
    await fakeBrowser.storage.local.set({ connection: oldConnection, profile: { id: 'x' } });
    const store = await readConnectionStore();
    expect(store.connections[0]?.accessToken).toBe(OLD_TOKEN);
    expect(store.connections[0]?.profile).toBeUndefined();
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
    expect(Object.keys(await local())).toEqual(['connections']);
  });

  test('a profile left without a token is removed quietly', async () => {
    await fakeBrowser.storage.local.set({ profile: ALICE });
    expect((await readConnectionStore()).connections).toEqual([]);
    expect(await local()).toEqual({});
    expect(takeStorageNotice()).toBeUndefined();
  });

  test('a damaged new store does not stop the old token from migrating', async () => {
    await fakeBrowser.storage.local.set({ connections: { version: 3 }, connection: oldConnection });
    const store = await readConnectionStore();
    expect(store.connections.map((c) => c.accessToken)).toEqual([OLD_TOKEN]);
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
  });
});

describe('changing the store', () => {
  test('concurrent changes are applied one after the other, none lost', async () => {
    const connections = Array.from({ length: 10 }, () => fakeConnection());
    await Promise.all(connections.map((c) => updateConnectionStore((store) => addConnection(store, c))));
    expect((await readConnectionStore()).connections).toHaveLength(10);
  });

  test('reading the store of a person signed out writes nothing back', async () => {
    const writes = [vi.spyOn(fakeBrowser.storage.local, 'set'), vi.spyOn(fakeBrowser.storage.local, 'remove')];
    try {
      await readConnectionStore();
      await readConnectionStore();
      for (const write of writes) expect(write).not.toHaveBeenCalled();
    } finally {
      for (const write of writes) write.mockRestore();
    }
  });

  test('a refused change writes nothing and does not block the next one', async () => {
    const a = fakeConnection();
    await updateConnectionStore((store) => addConnection(store, a));
    const before = await local();
    await expect(selectStoredConnection('unknown-id')).rejects.toBeInstanceOf(ConnectError);
    expect(await local()).toEqual(before);
    await expect(removeStoredConnection(a.id)).resolves.toMatchObject({ connections: [] });
  });

  test('removing one connection removes its token and nothing else', async () => {
    const [a, b] = [fakeConnection(), fakeConnection()];
    await updateConnectionStore((store) => addConnection(addConnection(store, a), b));
    await removeStoredConnection(b.id);
    const stored = JSON.stringify(await local());
    expect(stored).not.toContain(b.accessToken);
    expect(stored).toContain(a.accessToken);
    expect((await readConnectionStore()).activeId).toBe(a.id);
    // Removing what is gone is fine.
    await removeStoredConnection(b.id);
  });
});

describe('damaged entries', () => {
  const store = (activeId: unknown, connections: unknown[]) => ({ version: 2, activeId, connections });
  /** A stored connection whose kind no version of the extension wrote. */
  const damaged = () => ({ ...fakeConnection(), kind: 'x' });

  test('a damaged connection goes alone: the others stay, it leaves storage, and the person is told', async () => {
    const [a, b, bad] = [fakeConnection(), globalConnection({ profile: ALICE }), damaged()];
    await fakeBrowser.storage.local.set({ connections: store(b.id, [a, bad, b]) });

    const read = await readConnectionStore();
    expect(read).toEqual({ version: 2, activeId: b.id, connections: [a, b] });
    expect(await local()).toEqual({ connections: read });
    expect(JSON.stringify(await local())).not.toContain(bad.accessToken);

    const notice = takeStorageNotice();
    expect(notice?.code).toBe('storage_corrupt');
    expect(notice?.message).toMatch(/Connected Apps/);
    for (const token of [a.accessToken, b.accessToken, bad.accessToken]) {
      expect(JSON.stringify(notice)).not.toContain(token);
    }
    // Told once; the store written back reads as it is.
    expect(await readConnectionStore()).toEqual(read);
    expect(takeStorageNotice()).toBeUndefined();
  });

  test('damage only in a profile or a last check costs no token: kept without them, nothing to tell', async () => {
    const a = globalConnection({ profile: { ...ALICE, fetchedAt: 0 } });
    const b = fakeConnection({ profile: ALICE, health: { status: 'gone' as 'valid', checkedAt: 5 } });
    await fakeBrowser.storage.local.set({ connections: store(a.id, [a, b]) });
    const { profile: _p, ...bareA } = a;
    const { health: _h, ...bareB } = b;
    const read = await readConnectionStore();
    expect(read).toEqual({ version: 2, activeId: a.id, connections: [bareA, bareB] });
    expect(read.connections[1]?.profile).toEqual(ALICE);
    expect(JSON.stringify(await local())).toContain(a.accessToken);
    expect(JSON.stringify(await local())).toContain(b.accessToken);
    expect(takeStorageNotice()).toBeUndefined();
  });

  test('a profile dropped as damage takes its account’s Gravatar entry with it', async () => {
    const [alice, carol] = await Promise.all([gravatarHash(ALICE.email), gravatarHash(CAROL.email)]);
    const absent = { status: 'absent', fetchedAt: 1 };
    const a = fakeConnection({ profile: ALICE });
    const c = { ...fakeConnection(), profile: { ...CAROL, fetchedAt: 0 } };
    await fakeBrowser.storage.local.set({
      connections: store(a.id, [a, c]),
      gravatar: { [alice]: absent, [carol]: absent },
    });
    expect((await readConnectionStore()).connections).toHaveLength(2);
    expect(await readGravatarCache()).toEqual({ [alice]: absent });
  });

  test('a stored token that no request could carry is damage: dropped alone, and the person is told', async () => {
    // Sent as it is, it would make every fetch throw: WordPress.com "unreachable" forever, the token in the error.
    const a = fakeConnection();
    const unsendable = [
      fakeConnection({ accessToken: 'tok)%&@(^\r\nX-Injected: 1' }),
      fakeConnection({ accessToken: 'tok)%&@(^€' }),
      fakeConnection({ accessToken: 'tok )%&@(^' }),
    ];
    await fakeBrowser.storage.local.set({ connections: store(a.id, [a, ...unsendable]) });
    expect(await readConnectionStore()).toEqual({ version: 2, activeId: a.id, connections: [a] });
    const notice = takeStorageNotice();
    expect(notice?.code).toBe('storage_corrupt');
    expect(notice?.message).toMatch(/Connected Apps/);
    for (const { accessToken } of unsendable)
      expect(JSON.stringify([await local(), notice])).not.toContain(accessToken);
  });

  test('when the active one was the damaged one, the most recent remaining one becomes active', async () => {
    const [older, newer] = [fakeConnection({ obtainedAt: 10 }), fakeConnection({ obtainedAt: 20 })];
    const bad = { ...damaged(), id: 'gone-gone-gone' };
    await fakeBrowser.storage.local.set({ connections: store(bad.id, [newer, bad, older]) });
    const read = await readConnectionStore();
    expect(read.activeId).toBe(newer.id);
    expect(read.connections).toEqual([newer, older]);
    expect((await local()).connections).toEqual(read);
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
  });

  test.each([
    ['damaged', 42],
    ['missing', undefined],
  ])('a %s active id loses no token: the most recent one becomes active, without a notice', async (_, activeId) => {
    const [older, newer] = [fakeConnection({ obtainedAt: 10 }), fakeConnection({ obtainedAt: 20 })];
    await fakeBrowser.storage.local.set({ connections: store(activeId, [older, newer]) });
    const read = await readConnectionStore();
    expect(read).toEqual({ version: 2, activeId: newer.id, connections: [older, newer] });
    expect((await local()).connections).toEqual(read);
    expect(takeStorageNotice()).toBeUndefined();
  });

  test('when every connection is damaged, the store goes and the person is told', async () => {
    await fakeBrowser.storage.local.set({
      connections: store(null, [damaged(), { accessToken: 42 }, 'x']),
      settings: { access: { level: 'global' } },
    });
    expect(await readConnectionStore()).toEqual({ version: 2, activeId: null, connections: [] });
    expect(await local()).toEqual({ settings: { access: { level: 'global' } } });
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
  });

  test.each([
    ['not an object', 'garbage'],
    ['no list', { version: 2, activeId: null }],
    ['a list that is not one', { version: 2, activeId: null, connections: { 0: fakeConnection() } }],
    ['another version', { version: 3, activeId: null, connections: [fakeConnection()] }],
    [
      'too many',
      store(
        null,
        Array.from({ length: MAX_CONNECTIONS + 1 }, () => fakeConnection()),
      ),
    ],
  ])('a store damaged around its entries (%s) is removed whole, and the person is told', async (_, value) => {
    await fakeBrowser.storage.local.set({ connections: value, settings: { access: { level: 'global' } } });
    expect((await readConnectionStore()).connections).toEqual([]);
    expect(await local()).toEqual({ settings: { access: { level: 'global' } } });
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
  });

  test('a damaged connection takes its account’s Gravatar entry with it; a whole store damaged takes them all', async () => {
    const [alice, bob] = await Promise.all([gravatarHash(ALICE.email), gravatarHash(BOB.email)]);
    const absent = { status: 'absent', fetchedAt: 1 };
    const gravatar = { [alice]: absent, [bob]: absent };
    const a = fakeConnection({ profile: ALICE });
    const bad = { ...damaged(), profile: BOB };
    await fakeBrowser.storage.local.set({ connections: store(a.id, [a, bad]), gravatar });
    await readConnectionStore();
    expect(await readGravatarCache()).toEqual({ [alice]: absent });

    await fakeBrowser.storage.local.set({ connections: { version: 2, activeId: null }, gravatar });
    expect((await readConnectionStore()).connections).toEqual([]);
    expect(await local()).toEqual({});
  });

  test("a damaged connection dropped, or a damaged store cleared, sweeps the popup's kept frame (Chromium, no popup open)", async () => {
    // The dropped entry may be the person the popup's kept first frame shows (store/data-use.md: it goes as soon as
    // it shows a connection that has ended, also with no popup open).
    const swept: string[] = [];
    vi.stubGlobal('chrome', {
      offscreen: {
        createDocument: async (options: { url: string }) => {
          swept.push(new URL(options.url).searchParams.get('for') ?? '');
        },
        closeDocument: async () => undefined,
      },
      runtime: { getContexts: async () => [] },
    });
    try {
      const a = fakeConnection();
      await fakeBrowser.storage.local.set({ connections: store(a.id, [a, damaged()]) });
      await readConnectionStore();
      await vi.waitFor(() => expect(swept).toEqual([JSON.stringify({ activeId: a.id, connectionIds: [a.id] })]));

      await fakeBrowser.storage.local.set({ connections: 'garbage' });
      await readConnectionStore();
      await vi.waitFor(() => expect(swept.at(-1)).toBe(JSON.stringify({ activeId: null, connectionIds: [] })));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('the repair is one step in the queue: a change queued behind it keeps both', async () => {
    const [a, bad, added] = [fakeConnection(), damaged(), fakeConnection()];
    await fakeBrowser.storage.local.set({ connections: store(a.id, [a, bad]) });
    await Promise.all([readConnectionStore(), updateConnectionStore((s) => addConnection(s, added))]);
    expect((await local()).connections).toEqual({ version: 2, activeId: added.id, connections: [a, added] });
  });
});
