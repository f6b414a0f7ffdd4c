import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { endedByPerson, keepAccessEndedByPerson, notEndedByPerson, removeRefusedConnection } from './ended-by-person';
import { takeStorageNotice } from './stored';
import { storeConnections } from './testing/background';
import { ALICE, BOB, fakeConnection } from './testing/fixtures';

beforeEach(() => {
  fakeBrowser.reset();
  takeStorageNotice();
});

/** The API app: the one an "All sites" revoke disconnects. */
const API_APP = '84621';
const alice = fakeConnection({ profile: ALICE, obtainedAt: 1_000, clientId: API_APP });
const bob = fakeConnection({ profile: BOB, obtainedAt: 1_000, clientId: API_APP });
const unknown = fakeConnection({ obtainedAt: 1_000, clientId: API_APP });

test("an ending counts for the account's connections obtained before it; an unknown account on either side may match", () => {
  const aliceEnded = [{ accountId: ALICE.id, at: 2_000 }];
  expect(endedByPerson(alice, aliceEnded)).toBe(true);
  expect(endedByPerson(bob, aliceEnded)).toBe(false);
  expect(endedByPerson(unknown, aliceEnded)).toBe(true);
  expect(endedByPerson({ ...alice, obtainedAt: 2_000 }, aliceEnded)).toBe(false);
  expect(endedByPerson({ ...alice, obtainedAt: 3_000 }, aliceEnded)).toBe(false);
  expect(endedByPerson(bob, [{ accountId: null, at: 2_000 }])).toBe(true);
  expect(endedByPerson(alice, [])).toBe(false);
});

test('an ending counts for the connections of the app that was disconnected; one kept before there were two apps, for any', () => {
  const apiEnded = [{ accountId: ALICE.id, at: 2_000, clientId: API_APP }];
  const aliceLogin = { ...alice, clientId: '84620' };
  expect(endedByPerson(alice, apiEnded)).toBe(true);
  // The login app's "Profile only" connection: the API app's disconnect did not end it.
  expect(endedByPerson(aliceLogin, apiEnded)).toBe(false);
  expect(endedByPerson(aliceLogin, [{ accountId: ALICE.id, at: 2_000 }])).toBe(true);
});

test('kept in storage.local (no token, no name), the newest twenty, and seen in this worker at once; a damaged record is cleared and noted', async () => {
  for (let at = 2_000; at < 2_025; at += 1) await keepAccessEndedByPerson(BOB.id, API_APP, at);
  await keepAccessEndedByPerson(ALICE.id, API_APP, 3_000);
  const { endedAccess } = (await fakeBrowser.storage.local.get('endedAccess')) as { endedAccess: unknown[] };
  expect(endedAccess).toHaveLength(20);
  expect(endedAccess.at(-1)).toEqual({ accountId: ALICE.id, at: 3_000, clientId: API_APP });
  expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['endedAccess']);
  expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  expect(await notEndedByPerson([alice, bob, { ...alice, obtainedAt: 4_000 }])).toEqual([
    { ...alice, obtainedAt: 4_000 },
  ]);

  await fakeBrowser.storage.local.set({ endedAccess: 'garbage' });
  // This worker still saw the endings (ended-access.ts); a connection obtained after them was not ended.
  expect(await notEndedByPerson([alice, { ...alice, obtainedAt: 4_000 }])).toEqual([{ ...alice, obtainedAt: 4_000 }]);
  expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  expect(takeStorageNotice()?.code).toBe('storage_corrupt');
});

test('gone once the last connection is, whatever removed it: a refused token as much as a revoke', async () => {
  // Obtained after the endings the tests above noted, which this worker remembers (ended-access.ts).
  const aliceLater = { ...alice, obtainedAt: 10_000 };
  const bobLater = { ...bob, obtainedAt: 10_000 };
  await storeConnections(aliceLater, bobLater);
  await keepAccessEndedByPerson(ALICE.id, API_APP, 20_000);
  await removeRefusedConnection(aliceLater, 30_000);
  // Bob's connection is still stored: the ending may still decide how a refusal of his is told.
  expect(await fakeBrowser.storage.local.get('endedAccess')).toEqual({
    endedAccess: [{ accountId: ALICE.id, at: 20_000, clientId: API_APP }],
  });
  await removeRefusedConnection(bobLater, 30_000);
  expect(await fakeBrowser.storage.local.get('endedAccess')).toEqual({});
  // Bob did not end his access: he is offered to sign in again, and that is all that stays of anyone.
  expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['restore']);
});

test('the last connection of an account the person ended, refused in a later worker: no offer, and then no note', async () => {
  // Account 4242's ending is kept in storage only (a worker stopped since): this worker never saw it.
  const carol = fakeConnection({ profile: { ...ALICE, id: 4242, displayName: 'Carol' }, obtainedAt: 1_000 });
  await storeConnections(carol);
  await fakeBrowser.storage.local.set({ endedAccess: [{ accountId: 4242, at: 2_000 }] });
  await removeRefusedConnection(carol, 3_000);
  expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  expect(await fakeBrowser.storage.session.get(null)).toEqual({});
});
