/**
 * Ends one connection. Its token leaves every storage area first, whatever happens next; the other
 * connections stay. Then, when the token may do it, the app's access is also ended on WordPress.com.
 */

import { z } from 'zod';
import type { Connection } from './connection';
import { removeRefusedConnections } from './connection-health';
import { activeConnection, connectionsOfAccount, findConnection, removeConnections } from './connection-list';
import {
  readConnectionStore,
  removeStoredConnection,
  updateConnectionStore,
  withConnectionStore,
} from './connection-store';
import { noteAccessEnded } from './ended-access';
import { extensionConfig } from './extension-config';
import { jsonBody, request } from './http';
import { forgetSignedOut } from './stored';
import { fetchTokenInfo, tokenInfoSchema } from './token-info';

/**
 * `ended`: WordPress.com confirmed; `manual`: the person must remove the app at Connected Apps;
 * `none`: there was no such connection (already gone).
 */
export type RemoteRevocation = 'ended' | 'manual' | 'none';

/** Ends the connection with this id, or the active one. */
export async function revoke(id?: string): Promise<RemoteRevocation> {
  const store = await readConnectionStore();
  const connection = id === undefined ? activeConnection(store) : findConnection(store, id);
  if (!connection) return 'none';
  // The account's Gravatar profile goes with its last connection, in the store's write (connection-store.ts).
  await removeStoredConnection(connection.id);
  await forgetIfLast();
  const ended = await endRemotely(connection);
  // Ending the app's access at WordPress.com may have taken the account's other connections, the last ones too.
  if (ended === 'ended') await forgetIfLast();
  return ended;
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

async function endRemotely(connection: Connection): Promise<RemoteRevocation> {
  if (connection.kind !== 'global') return 'manual';
  // Whose access ends: the profile says; without one, token-info is asked while the token still works.
  const accountId = connection.profile?.id ?? (await accountOf(connection));
  // A connection stored after this may hold a token issued after WordPress.com ended the access (a sign-in
  // finishing meanwhile): it is asked about below, never removed unasked.
  const storedBefore = new Set((await readConnectionStore()).connections.map((other) => other.id));
  if (!(await endOnWordPressCom(connection))) return 'manual';
  // A sign-in of this account that is storing its token now must not keep it unchecked (sign-in.ts).
  noteAccessEnded(accountId);

  // WordPress.com ends an app's access per account: every token this app holds for that person is dead now,
  // whatever its kind or site. Their connections go too (other accounts' stay); keeping them would only
  // show connections that fail on first use.
  if (accountId !== undefined) {
    await updateConnectionStore((current) => {
      const dead = connectionsOfAccount(current, accountId)
        .filter((other) => storedBefore.has(other.id))
        .map((other) => other.id);
      return dead.length > 0 ? removeConnections(current, dead) : current;
    });
  }
  // Those that may have been that account's and were not removed above: with no profile, of an account that could
  // not be told (every one then), or the account's, stored since. Those WordPress.com now refuses go as well; one
  // with no verdict stays, and the health check asks again later.
  await removeRefusedConnections(
    (other) =>
      accountId === undefined ||
      other.profile === undefined ||
      (other.profile.id === accountId && !storedBefore.has(other.id)),
  );
  return 'ended';
}

/** The token's account, from `/oauth2/token-info`; undefined when that cannot be told. */
async function accountOf(connection: Connection): Promise<number | undefined> {
  const { WXT_WPCOM_OAUTH_URL, WXT_WPCOM_CLIENT_ID } = extensionConfig();
  try {
    const answer = await fetchTokenInfo(WXT_WPCOM_OAUTH_URL, WXT_WPCOM_CLIENT_ID, connection.accessToken);
    const info = answer.status === 200 ? tokenInfoSchema.safeParse(answer.body) : undefined;
    return info?.success && info.data.client_id === WXT_WPCOM_CLIENT_ID ? info.data.user_id : undefined;
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
async function endOnWordPressCom(connection: Connection): Promise<boolean> {
  const { WXT_WPCOM_API_URL, WXT_WPCOM_CLIENT_ID } = extensionConfig();
  const url = `${WXT_WPCOM_API_URL}/v1.1/me/connected-applications/${encodeURIComponent(WXT_WPCOM_CLIENT_ID)}/delete`;
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
    return disconnected.safeParse(await jsonBody(response)).success;
  } catch {
    return false;
  }
}
