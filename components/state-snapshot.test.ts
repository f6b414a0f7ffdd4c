import { expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../utils/access-choices';
import type { ConnectionView } from '../utils/connection';
import { FRAME_KEY, type FrameNode } from '../utils/first-frame';
import type { AppState } from '../utils/messages';
import { refreshSnapshot } from './options/snapshot-refresh';
import { drawPendingFrame, forgetSnapshot, keepFramesWith, keepSnapshot, readSnapshot } from './state-snapshot';

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

test('only the worker vouches for offline, the restore offer, a kept outcome and a sign-in in progress', () => {
  const storage = memoryStorage();
  keepSnapshot(
    {
      ...signedIn,
      status: 'signing_in',
      offline: { since: 5 },
      restore: { access: { level: 'profile' }, label: 'Bob', removedAt: 3 },
      outcome: {
        id: '6c1f0a2e-8d4b-4c8e-9f3a-2b7d5e1c9a40',
        problem: { code: 'access_wider', message: 'Alice Example — One site reaches more than it was shown with.' },
      },
    },
    storage,
  );
  expect(readSnapshot(storage)).toEqual(signedIn);
  // The outcome (which may name the person) never reaches the page's disk storage.
  expect([...storage.items.values()].join()).not.toContain('reaches more');
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

test('with the state, the frame its first render draws is kept, redrawn only when the state or the build changes', () => {
  const storage = memoryStorage();
  const queued: Array<() => void> = [];
  const later = (work: () => void) => void queued.push(work);
  const run = () => {
    for (const work of queued.splice(0)) work();
  };
  let draws = 0;
  let build = 'chrome-extension://id/chunks/popup-a.js';
  keepFramesWith({
    get drawnBy() {
      return build;
    },
    draw: () => {
      draws += 1;
      return [['h2', { id: 'profile-name' }, `Alice ${draws}`]];
    },
  });
  const other = { ...signedIn, settings: { ...DEFAULT_SETTINGS, showGravatar: false } };
  try {
    keepSnapshot(signedIn, storage, later);
    const kept = () => JSON.parse(storage.items.get(FRAME_KEY) ?? 'null');
    // Drawn when the page is idle, after the paint of the state it shows.
    expect(kept()).toBeNull();
    run();
    expect(kept()).toEqual({ drawnBy: build, nodes: [['h2', { id: 'profile-name' }, 'Alice 1']] });
    // The popup keeps the state it opened with once more: nothing to draw.
    keepSnapshot(signedIn, storage, later);
    run();
    expect(draws).toBe(1);
    // A new state: the old frame goes at once (a popup closed before the draw leaves no frame of another state).
    keepSnapshot(other, storage, later);
    expect(kept()).toBeNull();
    keepSnapshot(signedIn, storage, later);
    run();
    expect(draws).toBe(2);
    build = 'chrome-extension://id/chunks/popup-b.js';
    keepSnapshot(signedIn, storage, later);
    run();
    expect(kept().drawnBy).toBe(build);
    expect(draws).toBe(3);
    keepSnapshot({ status: 'signed_out', connections: [], activeId: null, settings: DEFAULT_SETTINGS }, storage, later);
    expect(storage.items.size).toBe(0);
  } finally {
    keepFramesWith({ drawnBy: '', draw: () => [] });
  }
});

test('a frame that cannot be drawn or stored is no frame: the state is still kept', () => {
  const storage = memoryStorage();
  storage.items.set(FRAME_KEY, '{"drawnBy":"old","nodes":[]}');
  keepFramesWith({
    drawnBy: 'new',
    draw: () => {
      throw new Error('render failed');
    },
  });
  try {
    keepSnapshot(signedIn, storage, (work) => work());
    expect(readSnapshot(storage)).toEqual(signedIn);
    expect(storage.items.has(FRAME_KEY)).toBe(false);
  } finally {
    keepFramesWith({ drawnBy: '', draw: () => [] });
  }
});

test('each frame kept is handed to the worker once; one that still stands, once per page; signing out hands over none', () => {
  const storage = memoryStorage();
  const handed: unknown[] = [];
  const drawer = {
    drawnBy: 'chrome-extension://id/chunks/popup-a.js',
    draw: (): FrameNode[] => [['h2', { id: 'profile-name' }, 'Alice']],
    share: (frame: unknown, drawnFor?: unknown) => {
      handed.push(frame);
      if (frame) expect(drawnFor).toEqual({ activeId: alice.id, connectionIds: [alice.id] });
      else expect(drawnFor).toBeUndefined();
    },
  };
  const frame = { drawnBy: drawer.drawnBy, nodes: drawer.draw() };
  try {
    keepFramesWith(drawer);
    keepSnapshot(signedIn, storage, (work) => work());
    expect(handed).toEqual([frame]);
    // The same state again (the worker's answer, then its broadcasts): already handed over.
    keepSnapshot(signedIn, storage, (work) => work());
    expect(handed).toHaveLength(1);
    // The next popup page: the frame still stands and is not redrawn, but the worker may have restarted since.
    keepFramesWith(drawer);
    keepSnapshot(signedIn, storage, (work) => work());
    expect(handed).toEqual([frame, frame]);
    keepSnapshot({ status: 'signed_out', connections: [], activeId: null, settings: DEFAULT_SETTINGS }, storage);
    keepSnapshot({ status: 'signed_out', connections: [], activeId: null, settings: DEFAULT_SETTINGS }, storage);
    expect(handed).toEqual([frame, frame, null]);
  } finally {
    keepFramesWith({ drawnBy: '', draw: () => [] });
  }
});

test('a page that keeps the state without drawing frames (the options page) drops the frame of another state', () => {
  const storage = memoryStorage();
  keepFramesWith(undefined);
  storage.items.set(FRAME_KEY, '{"drawnBy":"popup","nodes":[]}');
  keepSnapshot(signedIn, storage);
  // A state other than the one kept: the popup's frame shows the old one (Gravatar's details, a removed account).
  expect(storage.items.has(FRAME_KEY)).toBe(false);
  storage.items.set(FRAME_KEY, '{"drawnBy":"popup","nodes":[]}');
  keepSnapshot(signedIn, storage);
  expect(storage.items.has(FRAME_KEY)).toBe(true);
  const gravatarOff = { ...signedIn, settings: { ...DEFAULT_SETTINGS, showGravatar: false } };
  keepSnapshot(gravatarOff, storage);
  expect(storage.items.has(FRAME_KEY)).toBe(false);
  expect(readSnapshot(storage)).toEqual(gravatarOff);
});

test('a frame due to be drawn is not drawn once the state was forgotten (a revoke clicked meanwhile)', () => {
  const storage = memoryStorage();
  const queued: Array<() => void> = [];
  const later = (work: () => void) => void queued.push(work);
  keepFramesWith({ drawnBy: 'popup', draw: () => [['h2', { id: 'profile-name' }, 'Alice']] });
  try {
    keepSnapshot(signedIn, storage, later);
    forgetSnapshot(storage);
    for (const work of queued.splice(0)) work();
    expect(storage.items.size).toBe(0);
    keepSnapshot(signedIn, storage, later);
    keepSnapshot({ status: 'signed_out', connections: [], activeId: null, settings: DEFAULT_SETTINGS }, storage, later);
    for (const work of queued.splice(0)) work();
    expect(storage.items.size).toBe(0);
  } finally {
    keepFramesWith({ drawnBy: '', draw: () => [] });
  }
});

test('a popup closing before its idle moment draws the frame due as it goes, once; with none due, nothing', () => {
  const storage = memoryStorage();
  const queued: Array<() => void> = [];
  const later = (work: () => void) => void queued.push(work);
  let draws = 0;
  keepFramesWith({
    drawnBy: 'popup',
    draw: () => {
      draws += 1;
      return [['h2', { id: 'profile-name' }, 'Alice']];
    },
  });
  try {
    drawPendingFrame();
    expect(draws).toBe(0);
    keepSnapshot(signedIn, storage, later);
    expect(storage.items.has(FRAME_KEY)).toBe(false);
    // The page goes (pagehide) before it was ever idle.
    drawPendingFrame();
    expect(draws).toBe(1);
    expect(JSON.parse(storage.items.get(FRAME_KEY) ?? 'null')).toMatchObject({ drawnBy: 'popup' });
    // The idle moment, if it still comes, and a second pagehide draw nothing more.
    for (const work of queued.splice(0)) work();
    drawPendingFrame();
    expect(draws).toBe(1);
  } finally {
    keepFramesWith({ drawnBy: '', draw: () => [] });
  }
});

test('forgetSnapshot removes the kept state and frame at once (a revocation about to be sent)', () => {
  const storage = memoryStorage();
  keepSnapshot(signedIn, storage);
  storage.items.set(FRAME_KEY, '{"drawnBy":"popup","nodes":[]}');
  forgetSnapshot(storage);
  expect(storage.items.size).toBe(0);
  expect(() =>
    forgetSnapshot({
      getItem: () => null,
      setItem: () => undefined,
      removeItem: () => {
        throw new Error('denied');
      },
    }),
  ).not.toThrow();
});

test('the options page only refreshes a kept state of the same connections: a late answer cannot bring a revoked person back', () => {
  const storage = memoryStorage();
  keepFramesWith(undefined);
  const bob: ConnectionView = {
    ...alice,
    id: 'conn-0002',
    profile: { ...alice.profile, id: 2, displayName: 'Bob' } as ConnectionView['profile'],
  };
  // None kept (a popup's revoke forgot it): a Save answer built before the revoke, still showing Alice, keeps nothing.
  refreshSnapshot(signedIn, storage);
  expect(readSnapshot(storage)).toBeUndefined();
  // Kept for Bob alone: a state that shows Alice too is not written over it.
  const bobOnly: AppState = { ...signedIn, connections: [bob], activeId: bob.id };
  keepSnapshot(bobOnly, storage);
  refreshSnapshot({ ...signedIn, connections: [alice, bob], activeId: bob.id }, storage);
  expect(readSnapshot(storage)).toEqual(bobOnly);
  // The same connections: refreshed (Gravatar turned off on the options page).
  const gravatarOff = { ...bobOnly, settings: { ...DEFAULT_SETTINGS, showGravatar: false } };
  refreshSnapshot(gravatarOff, storage);
  expect(readSnapshot(storage)).toEqual(gravatarOff);
  // Signed out: forgotten.
  refreshSnapshot({ ...signedIn, status: 'signed_out', connections: [], activeId: null }, storage);
  expect(readSnapshot(storage)).toBeUndefined();
});
