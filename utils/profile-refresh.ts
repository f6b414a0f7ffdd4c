/** Keeps a connection's profile fresh, and removes a connection whose token WordPress.com no longer accepts. */

import type { Connection } from './connection';
import { activeConnection, attachProfile } from './connection-list';
import { readConnectionStore, removeStoredConnection, updateConnectionStore } from './connection-store';
import { ConnectError } from './errors';
import { extensionConfig } from './extension-config';
import type { Profile } from './profile';
import { singleFlight } from './single-flight';
import { meRequest, processMeResponse } from './wpcom-me';

/** `GET /me` with this token: whose it is. Stores nothing. */
export async function fetchProfile(connection: Pick<Connection, 'accessToken'>): Promise<Profile> {
  const response = await meRequest(extensionConfig().WXT_WPCOM_API_URL, connection.accessToken);
  return processMeResponse(response, Date.now());
}

/** `/me` for a stored connection; the answer is stored on it. A rejected token removes that connection only. */
export async function refreshConnectionProfile(connection: Connection): Promise<Profile> {
  try {
    const profile = await fetchProfile(connection);
    await updateConnectionStore((store) => attachProfile(store, connection.id, profile));
    return profile;
  } catch (error) {
    if (error instanceof ConnectError && error.code === 'token_invalid') await removeStoredConnection(connection.id);
    throw error;
  }
}

/** Refreshes the active connection's profile; concurrent refreshes share one request. */
export const refreshProfile = singleFlight(async (): Promise<Profile | undefined> => {
  const connection = activeConnection(await readConnectionStore());
  return connection ? refreshConnectionProfile(connection) : undefined;
});
