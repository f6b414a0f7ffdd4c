import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  applyGravatarOutcome,
  clearGravatarCache,
  GRAVATAR_FRESH_MS,
  type GravatarEntry,
  isGravatarDue,
  keepGravatarEntries,
  readGravatarCache,
  updateGravatarCache,
} from './gravatar-cache';
import type { GravatarProfile } from './profile';
import { takeStorageNotice } from './stored';

const T = 1_700_000_000_000;
const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const PROFILE: GravatarProfile = { hash: HASH, displayName: 'Alice', verifiedAccounts: [], fetchedAt: T };
const FOUND: GravatarEntry = { status: 'found', profile: PROFILE, fetchedAt: T };

describe('when Gravatar may be asked', () => {
  test('never asked: now', () => expect(isGravatarDue(undefined, T)).toBe(true));

  test('a profile or a 404 is fresh for an hour', () => {
    for (const entry of [FOUND, { status: 'absent', fetchedAt: T } as const]) {
      expect(isGravatarDue(entry, T + GRAVATAR_FRESH_MS - 1)).toBe(false);
      expect(isGravatarDue(entry, T + GRAVATAR_FRESH_MS)).toBe(true);
    }
  });

  test('not before a 429’s Retry-After, even when the answer is old', () => {
    const held = { ...FOUND, retryAt: T + 2 * GRAVATAR_FRESH_MS };
    expect(isGravatarDue(held, T + GRAVATAR_FRESH_MS + 1)).toBe(false);
    expect(isGravatarDue(held, T + 2 * GRAVATAR_FRESH_MS)).toBe(true);
    expect(isGravatarDue({ status: 'unknown', retryAt: T + 10 }, T + 9)).toBe(false);
    expect(isGravatarDue({ status: 'unknown', retryAt: T + 10 }, T + 10)).toBe(true);
  });
});

describe('the entry after an answer', () => {
  test('a profile or a 404 replaces what was there, and ends a wait', () => {
    const held = { ...FOUND, retryAt: T + 5 };
    expect(applyGravatarOutcome(held, { type: 'found', profile: PROFILE }, T + 9)).toEqual({
      status: 'found',
      profile: PROFILE,
      fetchedAt: T + 9,
    });
    expect(applyGravatarOutcome(held, { type: 'absent' }, T + 9)).toEqual({ status: 'absent', fetchedAt: T + 9 });
  });

  test('a 429 keeps the cached answer and adds the wait', () => {
    expect(applyGravatarOutcome(FOUND, { type: 'rate_limited', retryAfterSeconds: 120 }, T + 1)).toEqual({
      ...FOUND,
      retryAt: T + 1 + 120_000,
    });
    expect(applyGravatarOutcome(undefined, { type: 'rate_limited', retryAfterSeconds: 1 }, T)).toEqual({
      status: 'unknown',
      retryAt: T + 1000,
    });
  });

  test('an unreadable answer changes nothing', () => {
    expect(applyGravatarOutcome(FOUND, { type: 'unreadable', status: 503 }, T + 1)).toBe(FOUND);
    expect(applyGravatarOutcome(undefined, { type: 'unreadable', status: 200 }, T + 1)).toBeUndefined();
  });
});

describe('the stored cache', () => {
  test('is written, pruned to the given accounts, and leaves no key when empty', async () => {
    fakeBrowser.reset();
    await updateGravatarCache(async () => ({ [HASH]: FOUND, [OTHER]: { status: 'absent', fetchedAt: T } }));
    expect(Object.keys(await readGravatarCache())).toEqual([HASH, OTHER]);
    await keepGravatarEntries(new Set([OTHER]));
    expect(await readGravatarCache()).toEqual({ [OTHER]: { status: 'absent', fetchedAt: T } });
    await keepGravatarEntries(new Set());
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await updateGravatarCache(async () => ({ [HASH]: FOUND }));
    await clearGravatarCache();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  test('a damaged cache is cleared and noted, never half-read', async () => {
    fakeBrowser.reset();
    takeStorageNotice();
    await fakeBrowser.storage.local.set({ gravatar: { [HASH]: FOUND, [OTHER]: { status: 'found' } } });
    expect(await readGravatarCache()).toEqual({});
    expect(takeStorageNotice()?.code).toBe('storage_corrupt');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
