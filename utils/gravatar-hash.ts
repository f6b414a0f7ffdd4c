/** Gravatar names a profile by the SHA-256 of the trimmed, lower-cased email (never MD5 for profiles). */

/** Lower-case hex SHA-256 of `trim(lowercase(email))`, with WebCrypto. */
export async function gravatarHash(email: string): Promise<string> {
  const bytes = new TextEncoder().encode(email.trim().toLowerCase());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
