import { expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../utils/access-choices';
import type { ConnectionView } from '../utils/connection';
import type { AppState } from '../utils/messages';
import { keepSnapshot, readSnapshot } from './state-snapshot';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const alice: ConnectionView = {
  id: 'conn-0001',
  kind: 'login',
  scope: ['auth'],
  blogId: null,
  blogUrl: null,
  obtainedAt: 1,
  profile: { id: 1, displayName: 'Alice', username: 'alice', email: 'a@x', verified: true, fetchedAt: 2 },
};
const signedIn: AppState = {
  status: 'signed_in',
  connections: [alice],
  activeId: alice.id,
  settings: DEFAULT_SETTINGS,
};

test('the state last shown paints the next first frame', () => {
  const storage = memoryStorage();
  expect(readSnapshot(storage)).toBeUndefined();
  keepSnapshot(signedIn, storage);
  expect(readSnapshot(storage)).toEqual(signedIn);
});

test('only the worker vouches for offline, the restore offer and a sign-in in progress', () => {
  const storage = memoryStorage();
  keepSnapshot(
    {
      ...signedIn,
      status: 'signing_in',
      offline: { since: 5 },
      restore: { access: { level: 'profile' }, label: 'Bob', removedAt: 3 },
    },
    storage,
  );
  expect(readSnapshot(storage)).toEqual(signedIn);
});

test('signing out forgets the snapshot, profile and all', () => {
  const storage = memoryStorage();
  keepSnapshot(signedIn, storage);
  keepSnapshot({ status: 'signed_out', connections: [], activeId: null, settings: DEFAULT_SETTINGS }, storage);
  expect(storage.items.size).toBe(0);
  expect(readSnapshot(storage)).toBeUndefined();
});

test('a damaged snapshot, or storage that refuses, is no snapshot and no crash', () => {
  const storage = memoryStorage();
  for (const kept of ['{', '"text"', '{"status":"signed_in"}', JSON.stringify({ ...signedIn, connections: [] })]) {
    storage.items.set('connect:popup-state', kept);
    expect(readSnapshot(storage), kept).toBeUndefined();
  }
  const refusing = {
    getItem: () => {
      throw new Error('denied');
    },
    setItem: () => {
      throw new Error('quota');
    },
    removeItem: () => undefined,
  };
  expect(readSnapshot(refusing)).toBeUndefined();
  expect(() => keepSnapshot(signedIn, refusing)).not.toThrow();
});
