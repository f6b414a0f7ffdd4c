/**
 * Keeps a connection's profile fresh, and removes a connection whose token WordPress.com no longer accepts.
 * A network failure only marks WordPress.com unreachable (the cached profile stays, nothing is removed);
 * the next answer clears that. After a good `/me`, the account's Gravatar profile is refreshed when due.
 */

import { i18n } from '#i18n';
import type { Connection } from './connection';
import { settleDeadTokenAnswer } from './connection-health';
import { holdConnectionCall, ME_ENDPOINT } from './connection-holds';
import { activeConnection, attachProfile } from './connection-list';
import { readConnectionStore, updateConnectionStore } from './connection-store';
import { noteFailure, noteReachable } from './connectivity';
import { ConnectError } from './errors';
import { extensionConfig } from './extension-config';
import { refreshGravatar } from './gravatar-refresh';
import type { Profile } from './profile';
import { checkNotHeld, rateLimitKey } from './rate-limits';
import { singleFlightPerKey } from './single-flight';
import { meRequest, processMeResponse } from './wpcom-me';

/** `GET /me` with this token: whose it is. Stores nothing. */
export async function fetchProfile(connection: Pick<Connection, 'accessToken'>): Promise<Profile> {
  const response = await meRequest(extensionConfig().WXT_WPCOM_API_URL, connection.accessToken);
  return processMeResponse(response, Date.now());
}

/**
 * `/me` for a stored connection; the answer is stored on it. A rejected token removes that connection only
 * and, as the health check does, offers to sign in again with the same access. After WordPress.com's 429 nothing
 * is sent until its `Retry-After` has passed (the popup refreshes on every open; the console's `/me` waits too).
 */
export async function refreshConnectionProfile(connection: Connection): Promise<Profile> {
  await checkNotHeld(rateLimitKey(connection.id, ME_ENDPOINT), Date.now());
  try {
    const profile = await fetchProfile(connection);
    await noteReachable();
    await updateConnectionStore((store) => attachProfile(store, connection.id, profile));
    return profile;
  } catch (error) {
    if (error instanceof ConnectError && error.code === 'token_invalid') {
      await noteReachable();
      throw await removeIfRefused(connection, error);
    } else if (error instanceof ConnectError && error.code === 'rate_limited') {
      await holdConnectionCall(connection.id, ME_ENDPOINT, error.retryAfterSeconds ?? 0, Date.now());
    } else {
      await noteFailure(error, Date.now());
    }
    throw error;
  }
}

/** `/me` said the token no longer works: token-info decides (`settleDeadTokenAnswer`). Returns the error to throw. */
async function removeIfRefused(connection: Connection, refused: ConnectError): Promise<ConnectError> {
  const verdict = await settleDeadTokenAnswer(connection, Date.now());
  if (verdict.type === 'invalid') return refused;
  const words =
    verdict.type === 'valid' ? i18n.t('detail.profileRefusedLiveToken') : i18n.t('detail.refusedUnconfirmed');
  return new ConnectError('service_unavailable', words, { providerError: refused.providerError });
}

/**
 * One connection's `/me`, then its Gravatar profile, one at a time per connection: a refresh for a connection made
 * active while another one's runs ("Use" clicked meanwhile) asks for its own, not the other's answer.
 */
const refreshOneProfile = singleFlightPerKey(
  (connection: Connection) => connection.id,
  async (connection: Connection): Promise<Profile> => {
    const profile = await refreshConnectionProfile(connection);
    await refreshGravatar(profile.email);
    return profile;
  },
);

/**
 * Refreshes the active connection's profile, then its Gravatar profile (when due and the option is on; a
 * Gravatar failure is not this refresh's failure). Concurrent refreshes of the same connection share one request.
 */
export async function refreshProfile(): Promise<Profile | undefined> {
  const connection = activeConnection(await readConnectionStore());
  return connection ? refreshOneProfile(connection) : undefined;
}
