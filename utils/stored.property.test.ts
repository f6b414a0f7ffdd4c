/**
 * Property: whatever JSON sits in a storage key the extension reads (hand-edited, written by an older or
 * newer version, damaged), the reader returns a valid value, or removes the item and the person is told
 * (`storage_corrupt`, in the next answer to a page), or removes without a word a valid item of no use any more (an
 * outcome older than a sign-in, a console draft of a connection not stored); the connections are read entry by entry, so a damaged
 * connection goes alone, and the person is told. Either way the extension keeps working: `getState`
 * answers with a state the pages can parse and show, no token in it, and a following write and read of that
 * item round-trip.
 *
 * Values: `fc.jsonValue()`, and each item's valid shapes broken in one to three places (a field replaced,
 * removed, added — `__proto__` and `constructor` among the names —, wrapped or stringified). 10,000 cases per
 * key. A failure prints fast-check's seed and path; replay it with
 * `FC_SEED=<seed> npx vitest run --project unit utils/stored.property.test.ts`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { z } from 'zod';
import { settingsSchema } from './access';
import { handleMessage } from './background-router';
import { type Connection, connectionSchema, connectionStoreSchema, MAX_CONNECTIONS } from './connection';
import { addConnection } from './connection-list';
import { readConnectionStore, updateConnectionStore } from './connection-store';
import { noteOffline, noteReachable, readOffline } from './connectivity';
import { endingsSchema, keepAccessEndedByPerson, readEndings } from './ended-by-person';
import { ConnectError, type ErrorCode } from './errors';
import { gravatarCacheSchema, readGravatarCache, updateGravatarCache } from './gravatar-cache';
import { keepRevocation, readOutcome, storedOutcomeSchema } from './kept-outcome';
import { type AppState, appStateSchema, consoleDraftSchema, restoreOfferSchema } from './messages';
import { FLOW_LIFETIME_MS, pendingFlowSchema } from './pending-flow';
import { profileSchema } from './profile';
import { checkNotHeld, holdFor } from './rate-limits';
import {
  readPendingFlow,
  readRestoreOffer,
  readSettings,
  savePendingFlow,
  saveRestoreOffer,
  saveSettings,
  takeStorageNotice,
} from './stored';
import { stubUnreachableConfig } from './testing/background';
import { ALICE, BOB, fakeConnection, globalConnection } from './testing/fixtures';
import { NUM_RUNS, propertySettings } from './testing/property-settings';

const settings = propertySettings(200_000);

const OWN = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };
const NOW = 1_800_000_000_000;
const LOADED_AT = Date.now();
const TOKEN_MARK = 'Zt0ken-';

/** JSON as storage holds it (what `storage.local.set` would keep). */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Another grant than the old-shape connection's (a login token), so that migrating it never replaces this one. */
const seeded = json(globalConnection({ accessToken: `${TOKEN_MARK}SEEDED)%&@(^`, profile: ALICE }));
const alice = json(fakeConnection({ accessToken: `${TOKEN_MARK}ALICE`, profile: ALICE }));
const bob = json(
  globalConnection({ accessToken: `${TOKEN_MARK}BOB`, profile: BOB, health: { status: 'valid', checkedAt: 9 } }),
);
const HASH = 'ab'.repeat(32);

const FIXTURES = {
  connections: [
    { version: 2, activeId: alice.id, connections: [alice, bob] },
    { version: 2, activeId: bob.id, connections: [bob] },
  ],
  settings: [
    { access: { level: 'site', blog: 'example.wordpress.com', scopes: ['posts', 'media'] }, showGravatar: false },
    { access: { level: 'profile' } },
  ],
  gravatar: [
    {
      [HASH]: {
        status: 'found',
        profile: {
          hash: HASH,
          displayName: 'Alice',
          profileUrl: 'https://gravatar.com/alice',
          verifiedAccounts: [{ serviceType: 'github', serviceLabel: 'GitHub', url: 'https://github.com/alice' }],
          fetchedAt: 5,
        },
        fetchedAt: 5,
        retryAt: 8,
      },
      ['cd'.repeat(32)]: { status: 'unknown', retryAt: 9 },
      ['ef'.repeat(32)]: { status: 'absent', fetchedAt: 3 },
    },
  ],
  restore: [{ access: { level: 'site', scopes: [] }, label: 'Alice Example — One site', removedAt: 7 }],
  connectivity: [{ offlineSince: 5 }],
  rateLimits: [{ [`${alice.id} me`]: NOW + 60_000, [`${bob.id} me-sites`]: 3 }],
  pendingFlow: [
    {
      state: 'a'.repeat(43),
      redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      access: { level: 'global' },
      expiresAt: NOW,
    },
  ],
  // Written when this file loads, so fresh (a sign-in's ten minutes) while it runs; a broken `at` may make it old.
  outcome: [
    {
      id: '0b7e2a4c-5d1f-4e3a-9c8b-7a6f5e4d3c2b',
      at: LOADED_AT,
      problem: {
        code: 'rate_limited',
        message: 'Wait a minute.',
        providerError: 'rate_limited',
        retryAfterSeconds: 60,
      },
    },
    { id: '1c8f3b5d-6e2a-4f4b-8d9c-8b7a6f5e4d3c', at: LOADED_AT, revocation: { remote: 'ended', othersRemoved: 2 } },
    // One left from long ago: valid, and of no use.
    { id: '2d9a4c6e-7f3b-4a5c-9e0d-9c8b7a6f5e4d', at: 5, revocation: { remote: 'manual', othersRemoved: 0 } },
  ],
  endedAccess: [
    [
      { accountId: ALICE.id, at: 5, clientId: '12345' },
      { accountId: null, at: 7 },
    ],
  ],
  consoleDraft: [
    { connectionId: seeded.id, endpoint: 'site-posts', values: { site: '123', number: '5' } },
    { connectionId: seeded.id, endpoint: 'me', values: {} },
    // A draft of a connection no longer stored: valid, and of no use.
    { connectionId: alice.id, endpoint: 'site-posts', values: { site: '7' } },
  ],
  connection: [
    { accessToken: `${TOKEN_MARK}LEGACY)%&@(^`, scope: ['auth'], blogId: null, blogUrl: null, obtainedAt: 3 },
  ],
  profile: [json(ALICE)],
};
type Key = keyof typeof FIXTURES;

// ---------------------------------------------------------------- values: random JSON and broken valid shapes

type Json = ReturnType<typeof json<unknown>>;
type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (value !== null && typeof value === 'object') {
    return [at, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  }
  return [at];
}

type Mutation =
  | { kind: 'replace'; value: Json }
  | { kind: 'delete' }
  | { kind: 'add'; key: string; value: Json }
  | { kind: 'wrap' }
  | { kind: 'stringify' };

/** Sets `key` as an own, enumerable property, `__proto__` included (as JSON.parse does). */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

function mutate(root: unknown, path: Path, mutation: Mutation): unknown {
  const change = (value: unknown): unknown => {
    switch (mutation.kind) {
      case 'replace':
        return mutation.value;
      case 'wrap':
        return [value];
      case 'stringify':
        return JSON.stringify(value);
      case 'add':
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return mutation.value;
        return Object.defineProperty({ ...value }, mutation.key, {
          value: mutation.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      case 'delete':
        return undefined;
    }
  };
  if (path.length === 0) return change(root) ?? null;
  const copy: unknown = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const next = change(parent[last]);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else define(parent, last, next);
  return copy;
}

const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, '', 0, -1, 1.5, 2 ** 53, -0, true, false, [], {}, 'x'.repeat(5000), '__proto__', 'NaN'),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: oddValue.map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'delete' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'accessToken', 'extra'), fc.string()),
        oddValue,
      )
      .map(([key, value]) => ({ kind: 'add' as const, key, value })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'wrap' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'stringify' as const }) },
);

/** A valid shape with zero to three things broken. */
function broken(fixtures: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...fixtures), fc.array(fc.tuple(fc.nat(), mutation), { maxLength: 3 }))
    .map(([fixture, steps]) =>
      steps.reduce((value, [at, step]) => {
        const paths = pathsOf(value);
        return mutate(value, paths[at % paths.length] as Path, step);
      }, fixture),
    );
}

/** Stores that parse but do not hold together: too many, a missing or dangling active one, one id twice. */
const oddStores = [
  {
    version: 2,
    activeId: null,
    connections: Array.from({ length: MAX_CONNECTIONS + 1 }, (_, i) => ({ ...alice, id: `many-${i}-xxxxx` })),
  },
  { version: 2, activeId: null, connections: [alice, bob] },
  { version: 2, activeId: 'gone-gone-gone', connections: [alice, bob] },
  { version: 2, activeId: alice.id, connections: [alice, { ...bob, id: alice.id }] },
  { version: 2, activeId: alice.id, connections: [] },
  { version: 1, activeId: alice.id, connections: [alice] },
];

const valueFor = (key: Key): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue() },
    { weight: 6, arbitrary: broken(FIXTURES[key]) },
    ...(key === 'connections' ? [{ weight: 1, arbitrary: broken(oddStores) }] : []),
  );

// ---------------------------------------------------------------- the items and their readers

interface ItemSpec {
  area: 'local' | 'session';
  key: Key;
  /** The item's schema, when its module exports it: kept exactly when it parses. */
  schema?: z.ZodType;
  /** A read besides `getState`'s (for items `getState` does not read), and the codes it may fail with. */
  read?: () => Promise<unknown>;
  readCodes?: ErrorCode[];
  /** A valid write, then a read that must give it back. */
  roundTrip: () => Promise<void>;
  /**
   * A valid value the reader removes without telling anyone, being of no use any more: an outcome older than a
   * sign-in's ten minutes, a console draft of a connection not stored.
   */
  outdated?: (valid: unknown) => boolean;
}

const freshConnection = () => json(fakeConnection({ accessToken: `${TOKEN_MARK}FRESH`, profile: BOB }));

async function storeRoundTrip(): Promise<void> {
  const fresh = freshConnection();
  await updateConnectionStore((store) => addConnection(store, fresh));
  const store = await readConnectionStore();
  expect(store.activeId).toBe(fresh.id);
  expect(store.connections.find((c) => c.id === fresh.id)).toEqual(fresh);
}

/** A page's request, answered; a refusal fails the case. */
async function askOwn(message: unknown) {
  const answer = await handleMessage(message, OWN);
  if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer)}`);
  return answer;
}

const ITEMS: ItemSpec[] = [
  { area: 'local', key: 'connections', schema: connectionStoreSchema, roundTrip: storeRoundTrip },
  {
    area: 'local',
    key: 'settings',
    schema: settingsSchema,
    roundTrip: async () => {
      const value = {
        access: { level: 'site' as const, blog: 'https://example.com/blog', scopes: ['stats' as const] },
        showGravatar: true,
      };
      await saveSettings(json(value));
      expect(await readSettings()).toEqual(value);
    },
  },
  {
    area: 'local',
    key: 'gravatar',
    schema: gravatarCacheSchema,
    roundTrip: async () => {
      const cache = { [HASH]: { status: 'absent' as const, fetchedAt: NOW } };
      await updateGravatarCache(async () => json(cache));
      expect(await readGravatarCache()).toEqual(cache);
    },
  },
  {
    area: 'local',
    key: 'restore',
    schema: restoreOfferSchema,
    roundTrip: async () => {
      const offer = { access: { level: 'global' as const }, label: 'Bob — All sites', removedAt: NOW };
      await saveRestoreOffer(json(offer));
      expect(await readRestoreOffer()).toEqual(offer);
    },
  },
  {
    area: 'session',
    key: 'connectivity',
    roundTrip: async () => {
      await noteReachable();
      await noteOffline(NOW);
      expect(await readOffline()).toEqual({ since: NOW });
    },
  },
  {
    area: 'session',
    key: 'rateLimits',
    read: () => checkNotHeld(`${alice.id} me`, NOW),
    readCodes: ['rate_limited'],
    roundTrip: async () => {
      await holdFor('conn-round-trip me', 30, NOW);
      await expect(checkNotHeld('conn-round-trip me', NOW)).rejects.toMatchObject({ code: 'rate_limited' });
      await expect(checkNotHeld('conn-round-trip me', NOW + 30_000)).resolves.toBeUndefined();
    },
  },
  {
    area: 'session',
    key: 'pendingFlow',
    schema: pendingFlowSchema,
    read: () => readPendingFlow(),
    // A damaged flow fails the sign-in it belongs to, with this code.
    readCodes: ['storage_corrupt'],
    roundTrip: async () => {
      const flow = { ...FIXTURES.pendingFlow[0], state: 'b'.repeat(43) };
      await savePendingFlow(json(flow) as never);
      expect(await readPendingFlow()).toEqual(flow);
    },
  },
  {
    area: 'session',
    key: 'outcome',
    schema: storedOutcomeSchema,
    outdated: (valid) => Math.abs(Date.now() - (valid as { at: number }).at) > FLOW_LIFETIME_MS,
    roundTrip: async () => {
      const revocation = { remote: 'manual' as const, othersRemoved: 0 };
      await keepRevocation(revocation);
      expect(await readOutcome()).toMatchObject({ revocation });
    },
  },
  {
    area: 'local',
    key: 'endedAccess',
    schema: endingsSchema,
    // getState does not read it: a health check, a profile refresh or a console call that is refused does.
    read: () => readEndings(),
    roundTrip: async () => {
      await keepAccessEndedByPerson(BOB.id, '67890', NOW);
      expect(await readEndings()).toContainEqual({ accountId: BOB.id, at: NOW, clientId: '67890' });
    },
  },
  {
    area: 'session',
    key: 'consoleDraft',
    schema: consoleDraftSchema,
    outdated: (valid) => (valid as { connectionId: string }).connectionId !== seeded.id,
    // What a popup's console asks for when it opens on the seeded connection.
    read: () => askOwn({ type: 'readConsoleDraft', connectionId: seeded.id }),
    roundTrip: async () => {
      const draft = { connectionId: seeded.id, endpoint: 'site-stats', values: { site: '42' } };
      await askOwn({ type: 'keepConsoleDraft', draft });
      expect(await askOwn({ type: 'readConsoleDraft', connectionId: seeded.id })).toMatchObject({ draft });
    },
  },
  // The one-connection shape before connections v2: migrated or dropped on the first read, never kept.
  { area: 'local', key: 'connection', roundTrip: storeRoundTrip },
  { area: 'local', key: 'profile', roundTrip: storeRoundTrip },
];

// ---------------------------------------------------------------- checks

async function stored(area: 'local' | 'session', key: string): Promise<unknown> {
  return (await fakeBrowser.storage[area].get(key))[key];
}

async function getState(): Promise<{ state: AppState; notice?: ErrorCode }> {
  const answer = await handleMessage({ type: 'getState' }, OWN);
  if (!answer.ok) throw new Error(`getState failed: ${JSON.stringify(answer)}`);
  if (!appStateSchema.safeParse(answer.state).success) throw new Error('a state the pages cannot parse');
  if (JSON.stringify(answer).includes(TOKEN_MARK)) throw new Error('a token in the answer');
  const { connections, activeId } = answer.state;
  // A state the popup can show: one of the connections is active, and each is there once.
  if (connections.length > 0 && !connections.some((c) => c.id === activeId)) {
    throw new Error(`no active connection among ${connections.length}`);
  }
  if (connections.length === 0 && activeId !== null) throw new Error('an active connection that is not there');
  if (new Set(connections.map((c) => c.id)).size !== connections.length) throw new Error('a connection twice');
  return answer.notice ? { state: answer.state, notice: answer.notice.code } : { state: answer.state };
}

const tokensOf = async () => (await readConnectionStore()).connections.map((c: Connection) => c.accessToken);

type Outcome = 'kept' | 'reset' | 'outdated';

async function checkItem(item: ItemSpec, value: unknown, withLegacyConnection: boolean): Promise<Outcome> {
  fakeBrowser.reset();
  takeStorageNotice();
  if (item.key !== 'connections')
    await fakeBrowser.storage.local.set({ connections: { version: 2, activeId: seeded.id, connections: [seeded] } });
  if (item.key === 'profile' && withLegacyConnection)
    await fakeBrowser.storage.local.set({ connection: FIXTURES.connection[0] });
  await fakeBrowser.storage[item.area].set({ [item.key]: value });
  const written = await stored(item.area, item.key);

  if (item.read) {
    try {
      await item.read();
    } catch (error) {
      if (!(error instanceof ConnectError) || !item.readCodes?.includes(error.code)) {
        throw new Error(`the reader failed with ${error instanceof ConnectError ? error.code : String(error)}`);
      }
    }
  }
  const { state, notice } = await getState();
  const after = await stored(item.area, item.key);
  const told = notice === 'storage_corrupt';
  if (notice !== undefined && !told) throw new Error(`an unexpected notice: ${notice}`);

  let outcome: Outcome;
  if (item.key === 'connection' || item.key === 'profile') {
    // Migrated (the token now in the store) or dropped; either way gone from the old keys.
    if (after !== undefined || (await stored('local', item.key === 'connection' ? 'profile' : 'connection'))) {
      throw new Error('an old key was left behind');
    }
    const tokens = await tokensOf();
    const legacy = FIXTURES.connection[0] as { accessToken: string };
    if (item.key === 'connection') {
      const migrated =
        typeof written === 'object' &&
        written !== null &&
        tokens.some((t) => t === (written as { accessToken?: unknown }).accessToken);
      if (written !== undefined && migrated === told) throw new Error(`migrated: ${migrated}, told: ${told}`);
      outcome = migrated || written === undefined ? 'kept' : 'reset';
    } else if (withLegacyConnection) {
      // The token is kept whatever the profile held; a damaged profile is left out and the person told.
      const connection = (await readConnectionStore()).connections.find((c) => c.accessToken === legacy.accessToken);
      if (!connection) throw new Error('the old token was lost over a damaged profile');
      const valid = written === undefined || profileSchema.safeParse(written).success;
      if (valid === told) throw new Error(`profile valid: ${valid}, told: ${told}`);
      if (valid && written !== undefined && connection.profile === undefined)
        throw new Error('a valid profile was lost');
      outcome = valid ? 'kept' : 'reset';
    } else {
      // A profile without its token is of no use to anyone: dropped, nothing to tell.
      if (told || tokens.length !== 1) throw new Error('a lone old profile changed something');
      outcome = 'kept';
    }
  } else if (item.key === 'connections' && written !== undefined) {
    // Read entry by entry. Within a frame that holds (an object, version 2, a list of at most MAX_CONNECTIONS),
    // every connection that parses stays, once (one damaged only in its profile or last check, without them); a
    // damaged one or a repeated id's extra entry goes alone, and then the person is told. Without that frame the store goes whole, and the person is told.
    const frame = written as { version?: unknown; connections?: unknown } | null;
    const entries =
      typeof frame === 'object' &&
      frame !== null &&
      !Array.isArray(frame) &&
      frame.version === 2 &&
      Array.isArray(frame.connections) &&
      frame.connections.length <= MAX_CONNECTIONS
        ? (frame.connections as unknown[])
        : undefined;
    if (entries === undefined) {
      if (after !== undefined || !told) throw new Error('a damaged store was kept, or cleared without telling');
      outcome = 'reset';
    } else {
      // An entry damaged only in what `/me` and token-info write again keeps its token without them.
      const refilled = [{}, { health: undefined }, { profile: undefined }, { profile: undefined, health: undefined }];
      const valid = entries.flatMap((entry) => {
        for (const without of refilled) {
          const parsed = connectionSchema.safeParse(
            typeof entry === 'object' && entry !== null ? { ...entry, ...without } : entry,
          );
          if (parsed.success) return [parsed.data];
        }
        return [];
      });
      const kept = after === undefined ? [] : connectionStoreSchema.parse(after).connections;
      const ids = new Set(valid.map((c) => c.id));
      if (kept.length !== ids.size || !kept.every((c) => ids.has(c.id))) throw new Error('connections lost');
      if (told !== kept.length < entries.length)
        throw new Error(`told: ${told}, dropped ${entries.length - kept.length}`);
      for (const c of kept) expect(valid).toContainEqual(c);
      outcome = told ? 'reset' : 'kept';
    }
  } else if (written === undefined) {
    if (told) throw new Error('told of damage where there was nothing');
    outcome = 'kept';
  } else if (after === undefined) {
    // Removed: when it was damaged, and then the person is told; or valid but of no use any more, silently.
    const parsed = item.schema?.safeParse(written);
    if (parsed?.success && item.outdated?.(parsed.data)) {
      if (told) throw new Error('an outdated value was called damaged');
      outcome = 'outdated';
    } else {
      if (!told) throw new Error('removed without telling the person');
      if (parsed?.success) throw new Error('a valid value was removed');
      outcome = 'reset';
    }
  } else {
    expect(after).toEqual(written);
    if (told) throw new Error('told of damage, but the value was kept');
    const parsed = item.schema?.safeParse(written);
    if (parsed && !parsed.success) throw new Error('an invalid value was kept');
    if (parsed?.success && item.outdated?.(parsed.data)) throw new Error('an outdated value was kept');
    outcome = 'kept';
  }
  if (item.key === 'settings' && outcome === 'kept' && written !== undefined) {
    expect(state.settings).toEqual(settingsSchema.parse(written));
  }
  // The person's other data is untouched: the seeded connection is still there.
  if (item.key !== 'connections' && !state.connections.some((c) => c.id === seeded.id)) {
    throw new Error('damage in one item cost another item');
  }

  // The extension keeps working: a valid write and read of this item round-trip, with no damage found on the way.
  await item.roundTrip();
  const later = takeStorageNotice();
  if (later !== undefined) throw new Error(`damage noted after the round trip: ${later.message}`);
  return outcome;
}

beforeAll(() => {
  // Nothing here may reach the network.
  stubUnreachableConfig();
});
afterAll(() => vi.unstubAllEnvs());

describe('stored-data readers', () => {
  test.each(ITEMS.map((item) => [`${item.area}:${item.key}`, item] as const))(
    `%s: a valid value, or a reset the person is told of; the extension keeps working (${NUM_RUNS} runs)`,
    async (_, item) => {
      const outcomes = { kept: 0, reset: 0, outdated: 0 };
      await fc.assert(
        fc.asyncProperty(valueFor(item.key), fc.boolean(), async (value, withLegacyConnection) => {
          outcomes[await checkItem(item, value, withLegacyConnection)] += 1;
        }),
        settings,
      );
      // Not vacuous: both branches were taken often.
      expect(outcomes.kept).toBeGreaterThan(NUM_RUNS / 50);
      expect(outcomes.reset).toBeGreaterThan(NUM_RUNS / 10);
      if (item.outdated) expect(outcomes.outdated).toBeGreaterThan(NUM_RUNS / 50);
    },
    240_000,
  );
});
