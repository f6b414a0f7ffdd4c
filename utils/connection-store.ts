/**
 * The stored connections (`local:connections`), read and changed one step at a time.
 *
 * - Every read is parsed with zod, entry by entry: a damaged connection is dropped alone, the others are
 *   written back, and the damage is noted (`storage_corrupt`); a store whose frame is damaged (not an object,
 *   no list) is cleared whole and noted. One that parses but does not hold together (connections but none
 *   active, an id twice) is repaired and written back.
 * - The first read migrates the one-connection shape (`local:connection` + `local:profile`) into one
 *   v2 connection, made active, and removes the old keys. It is idempotent: the new store is written
 *   before the old keys go, and a token already in the store is not added twice, so a migration cut
 *   short simply runs again. A damaged old value is dropped and noted without touching the rest.
 * - Reads and changes go through one queue, so a sign-in finishing while a call removes a connection
 *   cannot lose either change (the worker is one thread, but its awaits interleave).
 * - A write that leaves an account without a connection (a revoke, a refused token, the cap, damage dropped, an
 *   email changed by `/me`) drops that account's Gravatar entry before its step ends (`writeStore`), whatever the
 *   path. The Gravatar cache's queue is only ever waited for from this one, never the other way round.
 */
import { z } from 'zod';
import {
  accessTokenSchema,
  type Connection,
  type ConnectionStore,
  connectionStoreSchema,
  EMPTY_STORE,
  newConnectionId,
  parseStoreEntries,
  type StoreReading,
  tokenKindOf,
} from './connection';
import { addConnection, removeConnections, repairedStore, selectConnection } from './connection-list';
import { pruneConsoleDraft } from './console-draft';
import { pruneGravatarCache } from './gravatar-cache';
import { accountLeft } from './gravatar-hash';
import { drawnForOf } from './page-snapshot';
import { noteConnections } from './popup-route';
import { profileSchema } from './profile';
import { pruneRateLimits } from './rate-limits';
import { connectionsItem, endedAccessItem, legacySignIn, noteDamage } from './stored';

/** `local:connection` before connections v2. */
const legacyConnectionSchema = z.lazy(() =>
  z.object({
    accessToken: accessTokenSchema,
    scope: z.array(z.string()),
    blogId: z.number().int().nonnegative().nullable(),
    blogUrl: z.string().nullable(),
    obtainedAt: z.number().int().positive(),
  }),
);

const absent = (value: unknown) => value === null || value === undefined;

let queue: Promise<unknown> = Promise.resolve();

/** Runs `step` after every step queued before it; a failed step does not stop the queue. */
function queued<T>(step: () => Promise<T>): Promise<T> {
  const result = queue.then(step);
  queue = result.catch(() => undefined);
  return result;
}

/**
 * An empty store is no store: after the last connection ends, nothing of it stays behind. `before`: the store this
 * one replaces, when it is known (a popup frame kept for it may have to go); undefined when damage was dropped,
 * whose accounts are not known.
 */
async function writeStore(store: ConnectionStore, before?: ConnectionStore): Promise<void> {
  const parsed = connectionStoreSchema.parse(store);
  // A popup page or kept frame drawn for other connections is not served or painted from here on (popup-route.ts).
  noteConnections(drawnForOf(parsed), before && drawnForOf(before));
  if (parsed.connections.length === 0) await connectionsItem.removeValue();
  else await connectionsItem.setValue(parsed);
  // The Gravatar profile goes with the account's last connection (and with its old email), within this step: a
  // look-up's answer is written in this queue too (withConnectionStore), so it is either refused or pruned here.
  if (!before || accountLeft(before, parsed)) await pruneGravatarCache(parsed);
  // The console's draft goes with its connection, within this step too (drafts are written in this queue), and so do
  // its 429 holds (written in this queue too, endpoint-call.ts).
  await pruneConsoleDraft(parsed, before);
  const ids = new Set(parsed.connections.map((connection) => connection.id));
  if (!before || before.connections.some((connection) => !ids.has(connection.id))) await pruneRateLimits(ids);
}

/** Folds the one-connection shape (`legacy`: its two raw values) into the store, if it is there. Returns the store to use. */
async function migrateLegacy(store: ConnectionStore, legacy: [unknown, unknown]): Promise<ConnectionStore> {
  const [rawConnection, rawProfile] = legacy;
  if (absent(rawConnection) && absent(rawProfile)) return store;

  const old = legacyConnectionSchema.safeParse(rawConnection);
  if (!old.success) {
    // A profile without its token is of no use; a damaged token is no token. Neither breaks the rest.
    if (!absent(rawConnection)) noteDamage('legacySignIn');
    await legacySignIn.remove();
    return store;
  }

  const profile = profileSchema.safeParse(rawProfile);
  if (!absent(rawProfile) && !profile.success) noteDamage('legacyProfile');
  let migrated = store;
  if (!store.connections.some((connection) => connection.accessToken === old.data.accessToken)) {
    const connection: Connection = {
      id: newConnectionId(),
      ...old.data,
      kind: tokenKindOf(old.data.scope),
      ...(profile.success ? { profile: profile.data } : {}),
    };
    migrated = addConnection(store, connection);
    await writeStore(migrated, store);
  }
  await legacySignIn.remove();
  return migrated;
}

async function loadStore(): Promise<ConnectionStore> {
  // The old keys are read alongside the store, not after it: one wait for the storage instead of two.
  const legacy = legacySignIn.read();
  legacy.catch(() => undefined);
  const { store: read, dropped, changed } = await readEntries();
  // A store that parses but does not hold together (none active, an id twice) is made whole and written back.
  // Dropping a repeated id drops a token, so the person is told, as for any damage.
  const store = repairedStore(read);
  if (dropped > 0 || store.connections.length < read.connections.length) noteDamage('connections');
  // Dropped damage was someone's connection, maybe an account's last, and a profile dropped as damage (the connection
  // kept: connection.ts `parseStoreEntries`) was an account's: their Gravatar entries are checked too. The accounts
  // the stored value named are not known in either case.
  if (changed || store !== read) await writeStore(store, changed ? undefined : read);
  return migrateLegacy(store, await legacy);
}

/**
 * The stored connections, entry by entry (`parseStoreEntries`): a damaged entry is dropped alone, and `loadStore`
 * notes it and writes the others back, within the queue it runs in. A store whose frame is damaged is removed
 * whole and noted here. A notice names the item, never a value.
 */
async function readEntries(): Promise<StoreReading> {
  const raw = await connectionsItem.getValue();
  if (absent(raw)) return { store: EMPTY_STORE, dropped: 0, changed: false };
  const read = parseStoreEntries(raw);
  if (read) return read;
  await writeStore(EMPTY_STORE);
  noteDamage('connections');
  return { store: EMPTY_STORE, dropped: 0, changed: false };
}

/** The stored connections (migrated on the first read; damage cleared and noted). */
export function readConnectionStore(): Promise<ConnectionStore> {
  return queued(loadStore);
}

/**
 * Runs `step` with the stored connections, in the store's queue: no connection is added, removed or changed until
 * it settles. For a write elsewhere that must agree with the connections (a Gravatar answer is kept only for an
 * account that still has one, gravatar-refresh.ts). `step` must not wait for this queue (it would wait for itself).
 */
export function withConnectionStore<T>(step: (store: ConnectionStore) => Promise<T>): Promise<T> {
  return queued(async () => step(await loadStore()));
}

/**
 * Reads the store, applies `change` (pure; it may throw to refuse, and then nothing is written), writes
 * the result when it differs, and returns it.
 */
export function updateConnectionStore(change: (store: ConnectionStore) => ConnectionStore): Promise<ConnectionStore> {
  return updateConnectionStoreThen(change, async (_before, after) => after);
}

/**
 * As `updateConnectionStore`, then `then` with the store before and after the change, in the same step of the queue:
 * for a write elsewhere that must agree with the connections. An offer to sign in again is written by the step that
 * removed its connection, never after a revoke that removed it first and then forgot everything of the person (revoke.ts
 * `forgetIfLast`, a step of this queue too).
 */
export function updateConnectionStoreThen<T>(
  change: (store: ConnectionStore) => ConnectionStore,
  then: (before: ConnectionStore, after: ConnectionStore) => Promise<T>,
): Promise<T> {
  return queued(async () => {
    const before = await loadStore();
    const after = change(before);
    if (after !== before) await writeStore(after, before);
    const result = await then(before, after);
    // Which accounts' access the person ended matters only to connections still stored (ended-by-person.ts): after the
    // last one goes, however it went (a refused token, not only a revoke), nothing of those accounts stays. After
    // `then`, which reads them to decide whether the one just removed gets an offer to sign in again.
    if (after !== before && after.connections.length === 0) await endedAccessItem.removeValue();
    return result;
  });
}

/** The store without the connection with this id; the same store when there is none. */
export const withoutConnection = (store: ConnectionStore, id: string): ConnectionStore =>
  store.connections.some((connection) => connection.id === id) ? removeConnections(store, [id]) : store;

/** Ends one connection locally: its token leaves storage; the others stay. */
export function removeStoredConnection(id: string): Promise<ConnectionStore> {
  return updateConnectionStore((store) => withoutConnection(store, id));
}

/** Makes another stored connection the active one; an unknown id is refused (`invalid_params`), nothing changes. */
export function selectStoredConnection(id: string): Promise<ConnectionStore> {
  return updateConnectionStore((store) => selectConnection(store, id));
}
