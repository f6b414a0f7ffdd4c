/**
 * `https://` anywhere, `http://` only to this machine. The sandbox runs its emulator and proxy on
 * loopback; nothing else may be configured to carry a code, a token or the client secret in plain text.
 * Shared by the extension's build configuration and the proxy's.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const SECURE_URL_MESSAGE = 'must be an https URL (http:// only to 127.0.0.1, localhost or [::1])';

/** For a value already checked to be an absolute http(s) URL (`abort: true` on that check). */
export function isHttpsOrLoopback(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname));
}
