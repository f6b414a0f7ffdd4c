/**
 * Fixed values for the local sandbox: the emulated WordPress.com app registration and the
 * manifest key that pins the extension's ID (and so its redirect URI).
 *
 * These are throwaway sandbox credentials. They only work against the local emulator.
 */
import { createHash } from 'node:crypto';

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

export const SANDBOX_CLIENT_ID = '84620';
export const SANDBOX_CLIENT_SECRET = 'sandbox-only-secret-84620-do-not-use-anywhere-else';

export const SANDBOX_HOST = '127.0.0.1';
export const SANDBOX_EMULATOR_PORT = 8790;
export const SANDBOX_PROXY_PORT = 8787;
