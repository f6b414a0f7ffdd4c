/**
 * When WordPress.com answered 429, the same connection does not call the same endpoint again until its
 * `Retry-After` has passed: the console answers `rate_limited` at once, without sending anything.
 * Kept in `storage.session` (memory-only), so a worker restart in between does not forget it.
 */

import { z } from 'zod';
import { i18n } from '#i18n';
import { ConnectError } from './errors';
import { rateLimitsItem, readParsed } from './stored';

/** `connectionId endpointId` → until when (ms since the epoch). */
const rateLimitsSchema = z.lazy(() => z.record(z.string().max(200), z.number().int().nonnegative()));

export const rateLimitKey = (connectionId: string, endpointId: string) => `${connectionId} ${endpointId}`;

/** The connection a key holds back (`rateLimitKey`'s first part). */
const connectionOfKey = (key: string) => key.split(' ', 1)[0] ?? '';

async function readHolds(): Promise<Record<string, number>> {
  return (await readParsed(rateLimitsItem, rateLimitsSchema, 'rateLimits')) ?? {};
}

/** Until when WordPress.com asked this key to wait, while that has not passed; undefined otherwise. */
async function heldUntil(key: string, now: number): Promise<number | undefined> {
  const until = (await readHolds())[key];
  return until !== undefined && until > now ? until : undefined;
}

/** Whether WordPress.com's wait for this key has not passed yet. */
export async function isHeld(key: string, now: number): Promise<boolean> {
  return (await heldUntil(key, now)) !== undefined;
}

/** Throws `rate_limited` while WordPress.com's wait for this key has not passed. */
export async function checkNotHeld(key: string, now: number): Promise<void> {
  const until = await heldUntil(key, now);
  if (until === undefined) return;
  const seconds = Math.ceil((until - now) / 1000);
  throw new ConnectError('rate_limited', i18n.t('detail.heldBack'), { retryAfterSeconds: seconds });
}

/**
 * Holds this key for `seconds` from `now`; holds that have passed are dropped on the way. Called in a step of the
 * connection store's queue for a connection still stored (endpoint-call.ts), so a hold never outlives its connection:
 * `pruneRateLimits` drops them with it, in that queue too.
 */
export async function holdFor(key: string, seconds: number, now: number): Promise<void> {
  const holds = Object.fromEntries(Object.entries(await readHolds()).filter(([, until]) => until > now));
  holds[key] = now + seconds * 1000;
  await rateLimitsItem.setValue(rateLimitsSchema.parse(holds));
}

/** Drops the holds of connections not in `connectionIds` (they went); none left, no item. */
export async function pruneRateLimits(connectionIds: ReadonlySet<string>): Promise<void> {
  const raw = await rateLimitsItem.getValue();
  if (raw === null) return;
  const parsed = rateLimitsSchema.safeParse(raw);
  const kept = parsed.success
    ? Object.entries(parsed.data).filter(([key]) => connectionIds.has(connectionOfKey(key)))
    : [];
  if (parsed.success && kept.length === Object.keys(parsed.data).length) return;
  if (kept.length === 0) await rateLimitsItem.removeValue();
  else await rateLimitsItem.setValue(Object.fromEntries(kept));
}
