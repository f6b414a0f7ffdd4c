import { expect, test } from 'vitest';
import { FRAME_KEY, STATE_KEY } from './first-frame';
import { drawnForParam, forgetPagesSnapshotUnless } from './page-snapshot';

function pages(state?: unknown) {
  const items = new Map<string, string>();
  if (state !== undefined) items.set(STATE_KEY, typeof state === 'string' ? state : JSON.stringify(state));
  items.set(FRAME_KEY, '{"drawnBy":"popup","nodes":[]}');
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    removeItem: (key: string) => void items.delete(key),
  };
}

const kept = { status: 'signed_in', activeId: 'conn-a', connections: [{ id: 'conn-a' }, { id: 'conn-b' }] };

test('a kept state and frame that show the stored connections stay; any other set or active one goes', () => {
  const same = pages(kept);
  expect(forgetPagesSnapshotUnless(same, { activeId: 'conn-a', connectionIds: ['conn-b', 'conn-a'] })).toBe(false);
  expect(same.items.size).toBe(2);
  for (const now of [
    { activeId: 'conn-a', connectionIds: ['conn-a'] },
    { activeId: 'conn-b', connectionIds: ['conn-a', 'conn-b'] },
    { activeId: null, connectionIds: [] },
  ]) {
    const other = pages(kept);
    expect(forgetPagesSnapshotUnless(other, now), JSON.stringify(now)).toBe(true);
    expect(other.items.size).toBe(0);
  }
});

test('without connections named (a settings change), or with a kept state that cannot be read, both go', () => {
  const settings = pages(kept);
  expect(forgetPagesSnapshotUnless(settings)).toBe(true);
  expect(settings.items.size).toBe(0);
  for (const damaged of ['{', '"text"', '[1]']) {
    const store = pages(damaged);
    forgetPagesSnapshotUnless(store, { activeId: 'conn-a', connectionIds: ['conn-a'] });
    expect(store.items.has(FRAME_KEY), damaged).toBe(false);
  }
  // A frame without its state: nothing to check it against, so it goes; with nothing kept, nothing happens.
  const frameOnly = pages();
  expect(forgetPagesSnapshotUnless(frameOnly, { activeId: null, connectionIds: [] })).toBe(true);
  expect(frameOnly.items.size).toBe(0);
  expect(forgetPagesSnapshotUnless(frameOnly, { activeId: null, connectionIds: [] })).toBe(false);
});

test('storage that refuses is no crash', () => {
  const refusing = {
    getItem: () => {
      throw new Error('denied');
    },
    removeItem: () => {
      throw new Error('denied');
    },
  };
  expect(forgetPagesSnapshotUnless(refusing, { activeId: null, connectionIds: [] })).toBe(false);
});

test("the offscreen document's ?for= reads back the connections it was given, or nothing", () => {
  const now = { activeId: 'conn-a', connectionIds: ['conn-a', 'conn-b'] };
  expect(drawnForParam(JSON.stringify(now))).toEqual(now);
  expect(drawnForParam(JSON.stringify({ activeId: null, connectionIds: [] }))).toEqual({
    activeId: null,
    connectionIds: [],
  });
  for (const bad of [
    null,
    '',
    '{',
    'null',
    '{"activeId":1,"connectionIds":[]}',
    '{"activeId":null,"connectionIds":[1]}',
  ]) {
    expect(drawnForParam(bad), String(bad)).toBeUndefined();
  }
});
