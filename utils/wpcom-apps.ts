/**
 * The extension's two WordPress.com apps. WordPress.com says not to use one app for both login and blog access
 * (wpcom-api.md), so "Profile only" signs in with the login app (`/oauth2/authenticate`, WXT_WPCOM_CLIENT_ID) and
 * "One site" and "All sites" with the API app (`/oauth2/authorize`, WXT_WPCOM_API_CLIENT_ID). A token is shown to
 * token-info, and its app disconnected, as the app it was issued to.
 */
import type { AccessRequest } from './access';
import type { Connection } from './connection';
import type { ExtensionEnv } from './extension-env';

type Apps = Pick<ExtensionEnv, 'WXT_WPCOM_CLIENT_ID' | 'WXT_WPCOM_API_CLIENT_ID'>;

/** The app a sign-in asks with, for the access it asks for. */
export function clientIdFor(access: AccessRequest, apps: Apps): string {
  return access.level === 'profile' ? apps.WXT_WPCOM_CLIENT_ID : apps.WXT_WPCOM_API_CLIENT_ID;
}

/**
 * The app a stored connection's token was issued to, as stored: the login app's ID when none is (connections stored
 * before there were two apps were all the one app's, which stays the login app: README). Read from the build's
 * configuration as it is, without parsing it, for the pure functions that compare connections (connection-list.ts).
 */
export function storedAppOf(connection: Pick<Connection, 'clientId'>): string | undefined {
  return connection.clientId ?? import.meta.env.WXT_WPCOM_CLIENT_ID;
}

/**
 * The app a stored connection's token was issued to: one of this build's two. The login app for connections stored
 * before there were two, and for one that names any other app (damaged or tampered storage): token-info then names
 * another client than the one asked, and the token is not taken as ours.
 */
export function clientIdOf(connection: Pick<Connection, 'clientId'>, apps: Apps): string {
  return connection.clientId === apps.WXT_WPCOM_API_CLIENT_ID ? apps.WXT_WPCOM_API_CLIENT_ID : apps.WXT_WPCOM_CLIENT_ID;
}
