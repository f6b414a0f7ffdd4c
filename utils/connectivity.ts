/**
 * Whether WordPress.com could be reached: set when a refresh or a health check fails at the network level
 * (`network`, `timeout`), cleared by the next successful answer. It only changes what the popup says ("Offline —
 * last updated …"): nothing is ever signed out or deleted because of it. Kept in `session:connectivity`.
 */
import { z } from 'zod';
import { withConnectionStore } from './connection-store';
import { ConnectError } from './errors';
import { connectivityItem, readParsed } from './stored';

const connectivitySchema = z.lazy(() => z.strictObject({ offlineSince: z.number().int().positive() }));

/** A failure to reach the server at all, as opposed to an answer we did not like. */
export function isNetworkFailure(error: unknown): error is ConnectError {
  return error instanceof ConnectError && (error.code === 'network' || error.code === 'timeout');
}

/** Since when WordPress.com could not be reached, or undefined when the last call got through. */
export async function readOffline(): Promise<{ since: number } | undefined> {
  const stored = await readParsed(connectivityItem, connectivitySchema, 'connectivity');
  return stored ? { since: stored.offlineSince } : undefined;
}

/**
 * Marks offline since `now`, keeping an earlier start. Only while a connection is stored, and decided in the store's
 * queue: a refresh or check that failed after the person revoked the last connection (whose forgetting is a step of
 * that queue too) leaves nothing behind. Not to be called from inside a step of it.
 */
export function noteOffline(now: number): Promise<void> {
  return withConnectionStore(async (store) => {
    if (store.connections.length === 0 || (await readOffline())) return;
    await connectivityItem.setValue(connectivitySchema.parse({ offlineSince: now }));
  });
}

/** Marks offline when `error` is a network failure; anything else changes nothing. */
export async function noteFailure(error: unknown, now: number): Promise<void> {
  if (isNetworkFailure(error)) await noteOffline(now);
}

/** WordPress.com answered: no longer offline. */
export async function noteReachable(): Promise<void> {
  await connectivityItem.removeValue();
}
