import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from './access';
import { readAppState } from './app-state';
import { ConnectError } from './errors';
import { newPendingFlow } from './pending-flow';
import {
  forgetSignedOut,
  noteDamage,
  readPendingFlow,
  readSettings,
  savePendingFlow,
  saveSettings,
  takeStorageNotice,
} from './stored';
import { fakeConnection } from './testing/fixtures';

const AREAS = () => [fakeBrowser.storage.local, fakeBrowser.storage.session, fakeBrowser.storage.sync];

describe('stored settings and flow', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    takeStorageNotice();
  });

  test('settings default to the login level, and are parsed back', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    const settings = {
      access: { level: 'site', blog: 'example.wordpress.com', scopes: ['posts'] },
      showGravatar: false,
    } as const;
    await saveSettings({ ...settings, access: { ...settings.access, scopes: [...settings.access.scopes] } });
    expect(await readSettings()).toEqual(settings);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  test('settings saved before the Gravatar option existed read with it on, and are not damage', async () => {
    await fakeBrowser.storage.local.set({ settings: { access: { level: 'global' } } });
    expect(await readSettings()).toEqual({ access: { level: 'global' }, showGravatar: true });
    expect(takeStorageNotice()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: { access: { level: 'global' } } });
  });

  test('damaged settings are cleared, the defaults used, and the damage noted once', async () => {
    await fakeBrowser.storage.local.set({ settings: { access: { level: 'everything' } } });
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
    expect(takeStorageNotice()).toBeUndefined();
  });

  test('saving refuses settings that do not parse', async () => {
    await expect(saveSettings({ access: { level: 'global', blog: 'x' } } as never)).rejects.toThrow();
  });

  test('the pending flow lives in session storage; a damaged one fails its sign-in', async () => {
    const flow = newPendingFlow('https://x.chromiumapp.org/', { level: 'global' }, 1);
    await savePendingFlow(flow);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ pendingFlow: flow });
    expect(await readPendingFlow()).toEqual(flow);
    await fakeBrowser.storage.session.set({ pendingFlow: { state: 'x' } });
    const error = await readPendingFlow().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe('storage_corrupt');
    // The damaged flow is gone; which thing was damaged is kept for the next answer (no value).
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ storageNotice: 'signInAttempt' });
  });

  test('forgetting a signed-out person removes every key of ours but the settings and a sign-in under way, from local, session and sync, and nothing else', async () => {
    const connection = fakeConnection();
    // As when the last connection has just gone: the store wrote its empty self away; a legacy key may linger.
    await fakeBrowser.storage.local.set({
      settings: DEFAULT_SETTINGS,
      connection,
      profile: { id: 1 },
      gravatar: { ['a'.repeat(64)]: { status: 'absent', fetchedAt: 1 } },
      restore: { access: { level: 'global' }, label: 'Alice Example — All sites', removedAt: 1 },
      someoneElse: 1,
    });
    await fakeBrowser.storage.session.set({
      pendingFlow: { state: 'x' },
      rateLimits: {},
      connectivity: { offlineSince: 1 },
    });
    await fakeBrowser.storage.sync.set({ connection, connections: {} });
    await forgetSignedOut();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ someoneElse: 1, settings: DEFAULT_SETTINGS });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ pendingFlow: { state: 'x' } });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    for (const area of AREAS()) expect(JSON.stringify(await area.get(null))).not.toContain(connection.accessToken);
  });
  test('forgetting a signed-out person removes every item stored.ts defines, in every area, but the settings and a sign-in under way', async () => {
    // Read from the source, not from the list forgetSignedOut uses: an item added without it is caught here.
    const source = readFileSync(new URL('./stored.ts', import.meta.url), 'utf8');
    const items = [...source.matchAll(/defineItem\('(?:local|session)', '(\w+)'\)/g)].map((match) => match[1] ?? '');
    const keys = [...items, 'connection', 'profile'];
    expect(keys).toEqual(expect.arrayContaining(['endedAccess', 'consoleDraft', 'outcome', 'rateLimits', 'restore']));
    const everyKey = Object.fromEntries(keys.map((key) => [key, { of: 'Alice Example' }]));
    for (const area of AREAS()) await area.set(everyKey);
    await forgetSignedOut();
    // The connections are the store's own to remove (the next test); settings and a sign-in under way stay.
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual(['connections', 'settings']);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['pendingFlow']);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  test('forgetting a signed-out person never touches the connections: only the store’s queue writes them', async () => {
    const connection = fakeConnection();
    const stored = { version: 2, activeId: connection.id, connections: [connection] };
    await fakeBrowser.storage.local.set({ connections: stored, restore: { label: 'x' } });
    await forgetSignedOut();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ connections: stored });
  });
});

describe('the state after damage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    takeStorageNotice();
  });

  test('damaged connections sign out with a notice, once; the settings stay', async () => {
    await fakeBrowser.storage.local.set({ connections: 'garbage', settings: { access: { level: 'global' } } });
    const reading = await readAppState();
    expect(reading.state).toEqual({
      status: 'signed_out',
      connections: [],
      activeId: null,
      settings: { access: { level: 'global' }, showGravatar: true },
    });
    expect(reading.notice?.code).toBe('storage_corrupt');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings: { access: { level: 'global' } } });
    expect((await readAppState()).notice).toBeUndefined();
  });

  test('one damaged connection costs only itself: the others stay signed in, and the person is told', async () => {
    const good = fakeConnection();
    await fakeBrowser.storage.local.set({
      connections: { version: 2, activeId: good.id, connections: [good, { ...good, id: 'x', accessToken: 42 }] },
    });
    const reading = await readAppState();
    expect(reading.state.status).toBe('signed_in');
    expect(reading.state.connections.map((c) => c.id)).toEqual([good.id]);
    expect(reading.notice?.code).toBe('storage_corrupt');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      connections: { version: 2, activeId: good.id, connections: [good] },
    });
  });
});

describe('a storage notice outlives the worker that found the damage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    takeStorageNotice();
  });

  test('kept in the session until a page is told, then gone', async () => {
    noteDamage('connections');
    await expect
      .poll(async () => fakeBrowser.storage.session.get('storageNotice'))
      .toEqual({
        storageNotice: 'connections',
      });
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
    await expect.poll(async () => fakeBrowser.storage.session.get(null)).toEqual({});
  });

  /** A worker just woken: its modules loaded anew, storage as the last one left it. */
  async function freshWorker() {
    vi.resetModules();
    return { ...(await import('./app-state')), ...(await import('./stored')) };
  }

  test('a worker started after the one that found it (its memory gone) still says it, once', async () => {
    // What the worker that stopped left: which thing, no value.
    await fakeBrowser.storage.session.set({ storageNotice: 'connections' });
    const worker = await freshWorker();
    const { notice } = await worker.readAppState();
    expect(notice?.code).toBe('storage_corrupt');
    expect(notice?.message).toMatch(/Connected Apps/);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect((await worker.readAppState()).notice).toBeUndefined();
  });

  test('two answers asked together after a restart: one of them says it', async () => {
    await fakeBrowser.storage.session.set({ storageNotice: 'connections' });
    const worker = await freshWorker();
    const answers = await Promise.all([worker.readAppState(), worker.readAppState(), worker.readAppState()]);
    expect(answers.filter((answer) => answer.notice)).toHaveLength(1);
  });

  test("damage this worker found, and an earlier worker's: this one's first, the earlier one's in the next answer", async () => {
    await fakeBrowser.storage.session.set({ storageNotice: 'connections' });
    const worker = await freshWorker();
    const kept = await worker.readEarlierStorageNotice();
    // Found while the first answer was built, after the kept one was read.
    worker.noteDamage('settings');
    expect(worker.takeStorageNotice(kept)?.message).not.toMatch(/Connected Apps/);
    expect(worker.takeStorageNotice()?.message).toMatch(/Connected Apps/);
    expect(worker.takeStorageNotice()).toBeUndefined();
  });

  test('a kept notice that is not one of ours is dropped, said to nobody', async () => {
    await fakeBrowser.storage.session.set({ storageNotice: { what: '<b>x</b>' } });
    const worker = await freshWorker();
    expect((await worker.readAppState()).notice).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
