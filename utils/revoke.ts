/**
 * Ends the sign-in. The token leaves every storage area first, whatever happens next; then, when the
 * token's scope allows it, the app's access is also ended on WordPress.com.
 */
import type { Connection } from './connection';
import { extensionConfig } from './extension-config';
import { request } from './http';
import { readConnection, wipeStoredSignIn } from './stored';

export const CONNECTED_APPS_URL = 'https://wordpress.com/me/security/connected-applications';

/** `ended`: WordPress.com confirmed; `manual`: the person must remove the app at Connected Apps. */
export type RemoteRevocation = 'ended' | 'manual' | 'none';

export async function revoke(): Promise<RemoteRevocation> {
  const connection = await readConnection().catch(() => undefined);
  await wipeStoredSignIn();
  if (!connection) return 'none';
  return (await endOnWordPressCom(connection)) ? 'ended' : 'manual';
}

/**
 * WordPress.com has no OAuth revoke endpoint. `POST /me/connected-applications/{client}/delete`
 * exists, but a login (`auth`) token reaches only `/me`, so it is not even tried for one.
 * (Assumed: a `global` token may call it; unconfirmed by WordPress.com's docs.)
 */
async function endOnWordPressCom(connection: Connection): Promise<boolean> {
  if (!connection.scope.includes('global')) return false;
  const { WXT_WPCOM_API_URL, WXT_WPCOM_CLIENT_ID } = extensionConfig();
  const url = `${WXT_WPCOM_API_URL}/v1.1/me/connected-applications/${encodeURIComponent(WXT_WPCOM_CLIENT_ID)}/delete`;
  try {
    const response = await request(
      url,
      { method: 'POST', headers: { Authorization: `Bearer ${connection.accessToken}` } },
      'WordPress.com',
    );
    return response.ok;
  } catch {
    return false;
  }
}
