/**
 * Ends one connection. Its token leaves every storage area first, whatever happens next; the other
 * connections stay. Then, when the token may do it, the app's access is also ended on WordPress.com.
 */

import { z } from 'zod';
import type { Connection } from './connection';
import { removeRefusedConnections } from './connection-health';
import { TOKEN_INFO_ENDPOINT } from './connection-holds';
import { activeConnection, findConnection } from './connection-list';
import {
  readConnectionStore,
  updateConnectionStoreThen,
  withConnectionStore,
  withoutConnection,
} from './connection-store';
import { asRevoke } from './ended-access';
import { keepAccessEndedByPerson } from './ended-by-person';
import { extensionConfig } from './extension-config';
import { jsonBody, request } from './http';
import { keepRevocation } from './kept-outcome';
import { isHeld, rateLimitKey } from './rate-limits';
import { clearRestoreOfferOf, forgetSignedOut } from './stored';
import { fetchTokenInfo, tokenInfoSchema } from './token-info';
import { clientIdFor, clientIdOf } from './wpcom-apps';

/**
 * `ended`: WordPress.com confirmed; `manual`: the person must remove the app at Connected Apps;
 * `none`: there was no such connection (already gone).
 */
export type RemoteRevocation = 'ended' | 'manual' | 'none';

export interface RevokeOutcome {
  remote: RemoteRevocation;
  /**
   * Other connections that went with it: those shown to token-info once the app's access was ended (the account's,
   * and those whose account is not known) that WordPress.com refused.
   */
  othersRemoved: number;
}

/** Ends the connection with this id, or the active one. A health check waits for it (ended-access.ts `asRevoke`). */
export const revoke = (id?: string): Promise<RevokeOutcome> => asRevoke(runRevoke(id));

async function runRevoke(id?: string): Promise<RevokeOutcome> {
  const store = await readConnectionStore();
  const connection = id === undefined ? activeConnection(store) : findConnection(store, id);
  if (!connection) return { remote: 'none', othersRemoved: 0 };
  // Read before the connection goes (its holds go with it): token-info is not asked while WordPress.com asked it to wait.
  const tokenInfoHeld = await isHeld(rateLimitKey(connection.id, TOKEN_INFO_ENDPOINT), Date.now());
  // The account's Gravatar profile goes with its last connection, in the store's write (connection-store.ts).
  // Only the revoke whose write removed it goes on: another that read it too (a second click, the options page, a
  // check that removed it meanwhile) would send the disconnect again with a dead token, and its "remove the app at
  // Connected Apps" would replace the kept "ended".
  const removed = await updateConnectionStoreThen(
    (current) => withoutConnection(current, connection.id),
    async (before, after) => before !== after,
  );
  if (!removed) return { remote: 'none', othersRemoved: 0 };
  // Forgotten at once, should the worker stop during the calls below. A storage area that refuses does not stop
  // WordPress.com from being asked: the access still ends there, and the forgetting is tried again after.
  const forgot = await forgetIfLast().then(
    () => true,
    () => false,
  );
  const outcome = await endRemotely(connection, tokenInfoHeld);
  // Ending the app's access at WordPress.com may have taken the account's other connections, the last ones too.
  if (outcome.remote === 'ended' || !forgot) await forgetIfLast();
  await forgetOfferIfAccountGone(connection);
  // Kept for the next popup, after anything is forgotten: the one that asked may have closed during the calls.
  if (outcome.remote !== 'none')
    await keepRevocation({ remote: outcome.remote, othersRemoved: outcome.othersRemoved }).catch(() => undefined);
  return outcome;
}

/**
 * The person revoked their account's last connection (another account's stay): a "sign in again" offer for that
 * account goes too, as it would with the last connection of all. In the store's queue, like the offer's writes.
 */
function forgetOfferIfAccountGone(connection: Connection): Promise<void> {
  const accountId = connection.profile?.id;
  if (accountId === undefined) return Promise.resolve();
  return withConnectionStore(async (store) => {
    if (!store.connections.some((other) => other.profile?.id === accountId)) await clearRestoreOfferOf(accountId);
  });
}

/**
 * The person ended their last connection: nothing of them stays, only the settings (stored.ts `forgetSignedOut`).
 * Decided and done in the store's queue: a sign-in finishing meanwhile is stored before (and nothing is forgotten)
 * or after.
 */
function forgetIfLast(): Promise<void> {
  return withConnectionStore(async (store) => {
    if (store.connections.length === 0) await forgetSignedOut();
  });
}

async function endRemotely(connection: Connection, tokenInfoHeld: boolean): Promise<RevokeOutcome> {
  const manual: RevokeOutcome = { remote: 'manual', othersRemoved: 0 };
  if (connection.kind !== 'global') return manual;
  // Asked and disconnected as the app the token was issued to (the API app, for an "All sites" token: wpcom-apps.ts).
  const config = extensionConfig();
  const app = clientIdOf(connection, config);
  // Whose access ends: the profile says; without one, token-info is asked while the token still works (unless it asked
  // this connection to wait: connection-holds.ts).
  const accountId = connection.profile?.id ?? (tokenInfoHeld ? undefined : await accountOf(connection, app));
  if (!(await endOnWordPressCom(connection, app))) return manual;
  // Noted at once: a sign-in of this account that is storing its token now must not keep it unchecked (sign-in.ts).
  // Then kept: a connection of the account that token-info cannot judge now stays, and when a later check finds it
  // refused it goes without an offer to sign in again. Forgotten with the rest after the last connection.
  await keepAccessEndedByPerson(accountId, app).catch(() => undefined);
  // An offer to sign in again to that account with that app would undo what the person just did.
  if (accountId !== undefined) {
    await clearRestoreOfferOf(accountId, (offer) => clientIdFor(offer.access, config) === app).catch(() => undefined);
  }

  // What the disconnect ended is not documented (the emulator ends every token of the app for that person,
  // `appDeleteEnds` says otherwise). So the connections that are, or may be, that account's (with no profile, or
  // every one when the account could not be told) are shown to token-info: those it refuses go, with their
  // Gravatar entry; a live one stays (a token of another kind the disconnect spared, or a sign-in that finished
  // meanwhile); one with no verdict stays too, and the health check asks again later. Other accounts' stay unasked.
  const othersRemoved = await removeRefusedConnections(
    (other) => accountId === undefined || other.profile === undefined || other.profile.id === accountId,
  );
  return { remote: 'ended', othersRemoved };
}

/** The token's account, from `/oauth2/token-info`; undefined when that cannot be told. */
async function accountOf(connection: Connection, clientId: string): Promise<number | undefined> {
  try {
    const answer = await fetchTokenInfo(extensionConfig().WXT_WPCOM_OAUTH_URL, clientId, connection.accessToken);
    const info = answer.status === 200 ? tokenInfoSchema.safeParse(answer.body) : undefined;
    return info?.success && info.data.client_id === clientId ? info.data.user_id : undefined;
  } catch {
    return undefined;
  }
}

/** The only answer that says the app was disconnected (`{"success":true}`); built on first use, not at start-up. */
const disconnected = z.lazy(() => z.looseObject({ success: z.literal(true) }));

/**
 * WordPress.com has no OAuth revoke endpoint. `POST /me/connected-applications/{client}/delete`
 * exists, but login and one-site tokens do not reach it, so it is tried with global tokens only (endRemotely).
 * (Assumed: a `global` token may call it; unconfirmed by WordPress.com's docs. When it may not, or says it did
 * not, the person is sent to Connected Apps.)
 */
async function endOnWordPressCom(connection: Connection, clientId: string): Promise<boolean> {
  const url = `${extensionConfig().WXT_WPCOM_API_URL}/v1.1/me/connected-applications/${encodeURIComponent(clientId)}/delete`;
  try {
    const response = await request(
      url,
      { method: 'POST', headers: { Authorization: `Bearer ${connection.accessToken}`, Accept: 'application/json' } },
      'WordPress.com',
    );
    if (!response.ok) {
      await response.body?.cancel();
      return false;
    }
    // A 2xx is not enough: `{"success":false}`, or a captive portal's page, ended nothing.
    return disconnected.safeParse(await jsonBody(response, 'WordPress.com')).success;
  } catch {
    return false;
  }
}
