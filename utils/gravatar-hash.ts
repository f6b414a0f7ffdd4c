/** Gravatar names a profile by the SHA-256 of the trimmed, lower-cased email (never MD5 for profiles). */
import type { ConnectionStore } from './connection';
import type { Profile } from './profile';

/** The email as Gravatar hashes it: two emails that differ only here are one profile. */
const gravatarEmail = (email: string) => email.trim().toLowerCase();

/** Lower-case hex SHA-256 of `trim(lowercase(email))`, with WebCrypto. */
export async function gravatarHash(email: string): Promise<string> {
  const bytes = new TextEncoder().encode(gravatarEmail(email));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether the Gravatar profile of this account's email may be asked for and shown: only once WordPress.com says the
 * account verified it (`verified`, and `email_verified` not false). Anyone can sign up with another person's email;
 * before it is verified, that person's Gravatar photo, name and verified accounts would be shown as the new account's
 * own ("If it is false be wary of trusting the information", WordPress.com's advice on `/me`).
 */
export function gravatarMayShow(profile: Profile): boolean {
  return profile.verified && profile.emailVerified !== false;
}

/**
 * The emails (as Gravatar hashes them) of the accounts that have at least one connection in `store` and may have
 * their Gravatar profile shown (`gravatarMayShow`): the only ones looked up and kept.
 */
export function accountEmails(store: ConnectionStore): Set<string> {
  return emailsOf(store, gravatarMayShow);
}

function emailsOf(store: ConnectionStore, which: (profile: Profile) => boolean = () => true): Set<string> {
  return new Set(
    store.connections.flatMap(({ profile }) => (profile && which(profile) ? [gravatarEmail(profile.email)] : [])),
  );
}

/** The email hashes of `accountEmails`. */
export async function accountHashes(store: ConnectionStore): Promise<Set<string>> {
  return new Set(await Promise.all([...accountEmails(store)].map(gravatarHash)));
}

/**
 * Whether an account of `before` has no connection in `after` (its last one went, or its email changed), or is no
 * longer one whose Gravatar may be shown. Every account counts, verified or not: an entry kept for an unverified one
 * (by a build before `gravatarMayShow`) goes with its last connection too.
 */
export function accountLeft(before: ConnectionStore, after: ConnectionStore): boolean {
  const left = (was: Set<string>, now: Set<string>) => [...was].some((email) => !now.has(email));
  return left(emailsOf(before), emailsOf(after)) || left(accountEmails(before), accountEmails(after));
}
