/**
 * The Gravatar profiles looked up so far, by email hash, in `local:gravatar` (public data only: no token, no
 * email). Each entry says what the last answer was and when to ask again:
 *
 * - `found` / `absent` (404): fresh for GRAVATAR_FRESH_MS, then asked again on the next refresh;
 * - a 429 adds `retryAt` (Gravatar's `Retry-After`): nothing is sent before it, and the entry is otherwise kept;
 * - `unknown`: a 429 came before any answer, so only the wait is known.
 *
 * Read with zod (damage clears it, noted like any store); changed one step at a time through a queue.
 */
import { z } from 'zod';
import type { ConnectionStore } from './connection';
import { accountHashes } from './gravatar-hash';
import type { GravatarOutcome } from './gravatar-profile-parse';
import { gravatarProfileSchema } from './profile';
import { gravatarItem, readParsed } from './stored';

/** How long an answer (profile or 404) is used before Gravatar is asked again. */
export const GRAVATAR_FRESH_MS = 60 * 60 * 1000;
/** More entries than accounts could ever need (at most MAX_CONNECTIONS connections). */
const MAX_ENTRIES = 50;

const time = () => z.number().int().positive();

export const gravatarEntrySchema = z.lazy(() =>
  z.discriminatedUnion('status', [
    z.strictObject({
      status: z.literal('found'),
      profile: gravatarProfileSchema,
      fetchedAt: time(),
      retryAt: time().optional(),
    }),
    z.strictObject({ status: z.literal('absent'), fetchedAt: time(), retryAt: time().optional() }),
    z.strictObject({ status: z.literal('unknown'), retryAt: time() }),
  ]),
);
export type GravatarEntry = z.infer<typeof gravatarEntrySchema>;

export const gravatarCacheSchema = z.lazy(() =>
  z
    .record(z.string().regex(/^[0-9a-f]{64}$/), gravatarEntrySchema)
    .refine((cache) => Object.keys(cache).length <= MAX_ENTRIES, 'too many entries'),
);
export type GravatarCache = z.infer<typeof gravatarCacheSchema>;

/** Whether Gravatar may be asked about this hash now: no wait pending, and no answer younger than an hour. */
export function isGravatarDue(entry: GravatarEntry | undefined, now: number): boolean {
  if (!entry) return true;
  if (entry.retryAt !== undefined && entry.retryAt > now) return false;
  return entry.status === 'unknown' || entry.fetchedAt + GRAVATAR_FRESH_MS <= now;
}

/**
 * Whether a 429's wait is running for any entry. Gravatar's limit is the client's (100 requests an hour without a key,
 * wpcom-api.md), not one profile's: while any wait runs, no account's profile is asked for.
 */
export function isGravatarHeld(cache: GravatarCache, now: number): boolean {
  return Object.values(cache).some((entry) => entry.retryAt !== undefined && entry.retryAt > now);
}

/** The entry after one answer. An unreadable answer (5xx, garbage) changes nothing: the next refresh tries again. */
export function applyGravatarOutcome(
  entry: GravatarEntry | undefined,
  outcome: GravatarOutcome,
  now: number,
): GravatarEntry | undefined {
  switch (outcome.type) {
    case 'found':
      return { status: 'found', profile: outcome.profile, fetchedAt: now };
    case 'absent':
      return { status: 'absent', fetchedAt: now };
    case 'rate_limited': {
      const retryAt = now + outcome.retryAfterSeconds * 1000;
      return entry ? { ...entry, retryAt } : { status: 'unknown', retryAt };
    }
    case 'unreadable':
      return entry;
  }
}

let queue: Promise<unknown> = Promise.resolve();
function queued<T>(step: () => Promise<T>): Promise<T> {
  const result = queue.then(step);
  queue = result.catch(() => undefined);
  return result;
}

const readCache = async (): Promise<GravatarCache> =>
  (await readParsed(gravatarItem, gravatarCacheSchema, 'gravatar')) ?? {};

/** The cache (empty when absent or damaged). */
export function readGravatarCache(): Promise<GravatarCache> {
  return queued(readCache);
}

/**
 * Applies `change` to the cache and writes the result (an empty cache leaves no key behind). `change` may
 * read other storage (the settings) and return the cache as it was to write nothing.
 */
export function updateGravatarCache(change: (cache: GravatarCache) => Promise<GravatarCache>): Promise<void> {
  return queued(async () => {
    const before = await readCache();
    const after = await change(before);
    if (after === before) return;
    if (Object.keys(after).length === 0) await gravatarItem.removeValue();
    else await gravatarItem.setValue(gravatarCacheSchema.parse(after));
  });
}

/** Forgets every entry (the option was turned off). */
export function clearGravatarCache(): Promise<void> {
  return queued(() => gravatarItem.removeValue());
}

/**
 * Keeps only the entries of these hashes (the accounts that still have a connection). Writes nothing when all stay.
 * A 429's wait on an entry that goes is the client's, not that account's (`isGravatarHeld`): it moves to an account
 * that stays, so no look-up is sent before it ends. The gone account's hash is not kept.
 */
export function keepGravatarEntries(hashes: ReadonlySet<string>): Promise<void> {
  return updateGravatarCache(async (cache) => {
    const entries = Object.entries(cache);
    const kept = Object.fromEntries(entries.filter(([hash]) => hashes.has(hash)));
    if (Object.keys(kept).length === entries.length) return cache;
    const wait = Math.max(0, ...entries.filter(([hash]) => !hashes.has(hash)).map(([, entry]) => entry.retryAt ?? 0));
    const [stays] = hashes;
    if (wait > Date.now() && stays !== undefined) {
      const entry = kept[stays];
      kept[stays] = entry
        ? { ...entry, retryAt: Math.max(entry.retryAt ?? 0, wait) }
        : { status: 'unknown', retryAt: wait };
    }
    return kept;
  });
}

/**
 * Drops the entries of the accounts with no connection in `store` (the connections as just written): an account's
 * Gravatar profile goes with its last connection, and with its old email. Called by the connection store's writes
 * (connection-store.ts `writeStore`), whatever removed the connection.
 */
export async function pruneGravatarCache(store: ConnectionStore): Promise<void> {
  await keepGravatarEntries(await accountHashes(store));
}
