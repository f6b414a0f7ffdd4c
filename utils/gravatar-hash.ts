/** Gravatar names a profile by the SHA-256 of the trimmed, lower-cased email (never MD5 for profiles). */
import type { ConnectionStore } from './connection';

/** The email as Gravatar hashes it: two emails that differ only here are one profile. */
const gravatarEmail = (email: string) => email.trim().toLowerCase();

/** Lower-case hex SHA-256 of `trim(lowercase(email))`, with WebCrypto. */
export async function gravatarHash(email: string): Promise<string> {
  const bytes = new TextEncoder().encode(gravatarEmail(email));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The emails (as Gravatar hashes them) of the accounts that have at least one connection in `store`. */
export function accountEmails(store: ConnectionStore): Set<string> {
  return new Set(
    store.connections.flatMap((connection) => (connection.profile ? [gravatarEmail(connection.profile.email)] : [])),
  );
}

/** The email hashes of the accounts that have at least one connection in `store`. */
export async function accountHashes(store: ConnectionStore): Promise<Set<string>> {
  return new Set(await Promise.all([...accountEmails(store)].map(gravatarHash)));
}

/** Whether an account of `before` has no connection in `after` (its last one went, or its email changed). */
export function accountLeft(before: ConnectionStore, after: ConnectionStore): boolean {
  const now = accountEmails(after);
  return [...accountEmails(before)].some((email) => !now.has(email));
}
