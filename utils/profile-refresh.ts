/** Keeps the cached profile fresh, and signs out when WordPress.com says the token is no good. */
import type { Connection } from './connection';
import { ConnectError } from './errors';
import { extensionConfig } from './extension-config';
import type { Profile } from './profile';
import { singleFlight } from './single-flight';
import { readConnection, saveProfile, wipeStoredSignIn } from './stored';
import { meRequest, processMeResponse } from './wpcom-me';

/** `/me` for this connection; the answer replaces the cache. A rejected token is wiped everywhere. */
export async function fetchProfile(connection: Connection): Promise<Profile> {
  try {
    const response = await meRequest(extensionConfig().WXT_WPCOM_API_URL, connection.accessToken);
    const profile = await processMeResponse(response, Date.now());
    await saveProfile(profile);
    return profile;
  } catch (error) {
    if (error instanceof ConnectError && error.code === 'token_invalid') await wipeStoredSignIn();
    throw error;
  }
}

/** Refreshes the stored connection's profile; concurrent refreshes share one request. */
export const refreshProfile = singleFlight(async (): Promise<Profile | undefined> => {
  const connection = await readConnection();
  return connection ? fetchProfile(connection) : undefined;
});
