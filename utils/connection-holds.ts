/**
 * WordPress.com's 429 for one connection's calls to one endpoint: every path that calls it (the console, the popup's
 * profile refresh, the health check's token-info) holds back until its `Retry-After` has passed, under the same key.
 */
import { findConnection } from './connection-list';
import { withConnectionStore } from './connection-store';
import { holdFor, rateLimitKey } from './rate-limits';

/** `GET /v1.1/me`: the console's "me" endpoint and the profile refresh share its hold. */
export const ME_ENDPOINT = 'me';
/** `GET /oauth2/token-info`. */
export const TOKEN_INFO_ENDPOINT = 'token-info';

/**
 * Holds `endpoint` for this connection for `seconds` from `now`. In the store's queue, for a connection still stored:
 * a revoke meanwhile took its holds with it, and a hold must not outlive its connection.
 */
export async function holdConnectionCall(
  connectionId: string,
  endpoint: string,
  seconds: number,
  now: number,
): Promise<void> {
  await withConnectionStore(async (store) => {
    if (findConnection(store, connectionId)) await holdFor(rateLimitKey(connectionId, endpoint), seconds, now);
  });
}
