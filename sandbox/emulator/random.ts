/** Randomness, hashing and comparison with Web-standard APIs only (the app runs unchanged outside Node). */

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** An opaque one-time value: 32 random bytes, base64url. Used for codes and consent nonces. */
export function randomId(): string {
  return toBase64Url(randomBytes(32));
}

/**
 * An access token shaped like WordPress.com's: it carries `)%&@(^` and standard base64 (`+`, `/`, `=`),
 * so a client that forgets to URL-encode it in a query string, or wrongly encodes it in a header, breaks.
 */
export function randomAccessToken(): string {
  const body = toBase64(randomBytes(32));
  return `${body.slice(0, 20)})%&@(^${body.slice(20)}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compares secrets without stopping at the first differing byte. */
export function sameSecret(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) difference |= (left[i] ?? 0) ^ (right[i % right.length] ?? 0);
  return difference === 0;
}
