import { describe, expect, test } from 'vitest';
import { accessEndedSince, accessGeneration, noteAccessEnded } from './ended-access';

describe('ended access', () => {
  test('an ending counts for its account, and for an unknown one on either side, only after `since`', () => {
    const before = accessGeneration();
    expect(accessEndedSince(before, 1001)).toBe(false);
    noteAccessEnded(1001);
    expect(accessEndedSince(before, 1001)).toBe(true);
    expect(accessEndedSince(before, 1002)).toBe(false);
    expect(accessEndedSince(before, undefined)).toBe(true);
    expect(accessEndedSince(accessGeneration(), 1001)).toBe(false);

    const later = accessGeneration();
    noteAccessEnded(undefined);
    expect(accessEndedSince(later, 1002)).toBe(true);
  });

  test('a sign-in older than every ending kept still counts as raced', () => {
    const before = accessGeneration();
    for (let i = 0; i < 60; i += 1) noteAccessEnded(5000 + i);
    expect(accessEndedSince(before, 1)).toBe(true);
    expect(accessEndedSince(accessGeneration(), 1)).toBe(false);
  });
});
