/**
 * The apps the sandbox registers with the emulator: the extension's login app and its API app (WordPress.com says
 * not to use one app for both), each with the extension's redirect URIs in Chromium and in Firefox (one registration
 * for both builds, as a publisher would make it), and its Chromium origin as a Javascript Origin. Not a Firefox
 * origin: Firefox gives every installation its own random `moz-extension://` UUID, which no publisher can list, so
 * WordPress.com refuses the add-on's requests that carry one (its "All sites" disconnect), here as there. (The sandbox
 * fixes the UUID only so that the proxy's exact origin list can name it.)
 */
import {
  SANDBOX_API_CLIENT_ID,
  SANDBOX_API_CLIENT_SECRET,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_FIREFOX_REDIRECT_URI,
  SANDBOX_REDIRECT_URI,
} from '../sandbox-config.ts';
import type { EmulatorClient } from './clients.ts';

const registered = {
  redirectUris: [SANDBOX_REDIRECT_URI, SANDBOX_FIREFOX_REDIRECT_URI],
  javascriptOrigins: [SANDBOX_EXTENSION_ORIGIN],
};

/** "Profile only": `/oauth2/authenticate`. */
export const SANDBOX_LOGIN_APP: EmulatorClient = {
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  name: 'WordPress.com Connect (sandbox)',
  use: 'login',
  ...registered,
};

/** "One site" and "All sites": `/oauth2/authorize`. */
export const SANDBOX_API_APP: EmulatorClient = {
  clientId: SANDBOX_API_CLIENT_ID,
  clientSecret: SANDBOX_API_CLIENT_SECRET,
  name: 'WordPress.com Connect for sites (sandbox)',
  use: 'api',
  ...registered,
};

export const SANDBOX_EMULATOR_CLIENTS: readonly EmulatorClient[] = [SANDBOX_LOGIN_APP, SANDBOX_API_APP];
