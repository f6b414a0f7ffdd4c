import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readAppState } from './app-state';
import type { Connection } from './connection';
import { ConnectError } from './errors';
import { readConnection, readProfile, saveConnection, saveProfile, wipeStoredSignIn } from './stored';

const connection: Connection = {
  accessToken: 'tok)%&@(^',
  scope: ['auth'],
  blogId: null,
  blogUrl: null,
  obtainedAt: 1,
};
const profile = {
  id: 1001,
  displayName: 'Alice Example',
  username: 'alicewrites',
  email: 'alice@example.com',
  verified: true,
  fetchedAt: 2,
};

describe('stored sign-in', () => {
  beforeEach(() => fakeBrowser.reset());

  test('absent is undefined; present is parsed back', async () => {
    expect(await readConnection()).toBeUndefined();
    await saveConnection(connection);
    await saveProfile(profile);
    expect(await readConnection()).toEqual(connection);
    expect(await readProfile()).toEqual(profile);
    // It lives in storage.local, never in sync.
    expect(await fakeBrowser.storage.local.get('connection')).toEqual({ connection });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  test('a damaged token is cleared and reported, not a crash', async () => {
    await fakeBrowser.storage.local.set({ connection: { accessToken: 42 } });
    const error = await readConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe('storage_corrupt');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  test('reading the state after damage signs out with a notice', async () => {
    await fakeBrowser.storage.local.set({ connection: 'garbage', profile });
    const reading = await readAppState();
    expect(reading.state).toEqual({ status: 'signed_out' });
    expect(reading.notice?.code).toBe('storage_corrupt');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  test('a damaged profile cache keeps the person signed in', async () => {
    await saveConnection(connection);
    await fakeBrowser.storage.local.set({ profile: { id: 'x' } });
    const reading = await readAppState();
    expect(reading.state.status).toBe('signed_in');
    expect(reading.state.profile).toBeUndefined();
    expect(JSON.stringify(reading.state)).not.toContain(connection.accessToken);
    expect(reading.notice?.code).toBe('storage_corrupt');
  });

  test('wiping removes our keys from local, session and sync', async () => {
    await saveConnection(connection);
    await saveProfile(profile);
    await fakeBrowser.storage.session.set({ pendingFlow: { state: 'x' } });
    await fakeBrowser.storage.sync.set({ connection });
    await wipeStoredSignIn();
    for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.session, fakeBrowser.storage.sync]) {
      expect(await area.get(null)).toEqual({});
    }
  });
});
