/**
 * Fixed values for the local sandbox: the emulated WordPress.com app registration, the manifest key
 * that pins the Chromium extension's ID and the gecko ID that pins the Firefox add-on's (and so their
 * redirect URIs), and the internal UUID the sandbox gives the add-on in Firefox (and so its origin).
 *
 * These are throwaway sandbox credentials. They only work against the local emulator.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_GECKO_ID } from '../utils/browser-differences';

/** Public half of a key made for this sandbox. The private half was thrown away: it is not needed to load unpacked. */
export const SANDBOX_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtXVmWSewDU6Xw0TTJy7s3zy3K5ctBG6yCrRU5+H+2rbtL/78vUn9/KILG22G0aFewEnGrUzFC4PhikBiu358SoFlpisDcC1loJh3z3pgyLgfoCvXcruUc6Bp40P4rnMTQRhgk4fA3c1wKBqCCLvgquMo8Mgv6GlnRzxAUYYAnAA85k9UMZpnEsWIlE33lyHeQ//nRIN4ZxAwEhFj98URQJCNuYjCCnSmOEBCh+yMlIwOixMil0NkrWfQiBN3WmYY+jlRKnsgSUT3ko1d7deFnzPgyzMr4W0FLRLF5ss8+sc5I7G1gKfuROChbQZxH7WAXHaxt/fQJEStjIdwe0zhDQIDAQAB';

/** Chromium's extension ID for a manifest `key`: sha256 of the DER public key, first 32 hex digits mapped to a–p. */
export function extensionIdFromKey(base64Key: string): string {
  const digest = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex');
  return [...digest.slice(0, 32)].map((h) => String.fromCharCode(97 + Number.parseInt(h, 16))).join('');
}

export const SANDBOX_EXTENSION_ID = extensionIdFromKey(SANDBOX_EXTENSION_KEY);
/** What `identity.getRedirectURL()` returns in Chromium for that ID. */
export const SANDBOX_REDIRECT_URI = `https://${SANDBOX_EXTENSION_ID}.chromiumapp.org/`;
export const SANDBOX_EXTENSION_ORIGIN = `chrome-extension://${SANDBOX_EXTENSION_ID}`;

/** Firefox's redirect URI for a gecko ID: `https://<sha1(id) in hex>.extensions.allizom.org/` (`identity.getRedirectURL()`). */
export function firefoxRedirectUri(geckoId: string): string {
  return `https://${createHash('sha1').update(geckoId).digest('hex')}.extensions.allizom.org/`;
}

/** The sandbox's gecko ID: the build's default when `WXT_GECKO_ID` is unset. */
export const SANDBOX_GECKO_ID = DEFAULT_GECKO_ID;
export const SANDBOX_FIREFOX_REDIRECT_URI = firefoxRedirectUri(SANDBOX_GECKO_ID);
/**
 * Firefox gives each installation of an add-on a random internal UUID, and its pages and requests the origin
 * `moz-extension://<uuid>`. The sandbox and the tests fix it (pref `extensions.webextensions.uuids`) so the
 * proxy and the emulator can list that origin exactly.
 */
export const SANDBOX_FIREFOX_UUID = '5b2c6a3e-8f0d-4c1e-9a7b-2d4e6f8a0c1e';
export const SANDBOX_FIREFOX_ORIGIN = `moz-extension://${SANDBOX_FIREFOX_UUID}`;

/**
 * Two apps, as WordPress.com asks ("do not use one app for both login and blog access"): the login app, for
 * "Profile only" (`/oauth2/authenticate`), and the API app, for "One site" and "All sites" (`/oauth2/authorize`).
 */
export const SANDBOX_CLIENT_ID = '84620';
export const SANDBOX_CLIENT_SECRET = 'sandbox-only-secret-84620-do-not-use-anywhere-else';
export const SANDBOX_API_CLIENT_ID = '84621';
export const SANDBOX_API_CLIENT_SECRET = 'sandbox-only-secret-84621-do-not-use-anywhere-else';

export const SANDBOX_HOST = '127.0.0.1';
export const SANDBOX_EMULATOR_PORT = 8790;
export const SANDBOX_PROXY_PORT = 8787;
