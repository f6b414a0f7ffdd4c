/** A connection in words: whose it is, what it reaches, since when. Used in labels, so kept plain. */
import type { ConnectionView } from '../utils/connection';

/** The account's display name, once its profile has arrived. */
export function accountName(connection: ConnectionView): string {
  return connection.profile?.displayName ?? 'WordPress.com account';
}

function siteHost(connection: ConnectionView): string {
  if (connection.blogUrl) {
    try {
      return new URL(connection.blogUrl).host;
    } catch {
      return connection.blogUrl;
    }
  }
  return connection.blogId === null ? 'a site' : `site ${connection.blogId}`;
}

/** "Profile only", "One site: example.wordpress.com" or "All sites". */
export function kindWords(connection: ConnectionView): string {
  if (connection.kind === 'login') return 'Profile only';
  if (connection.kind === 'global') return 'All sites';
  return `One site: ${siteHost(connection)}`;
}

/** The scopes a one-site token was narrowed to; empty when it reaches the whole site (or is not one). */
export function narrowedScopes(connection: ConnectionView): string[] {
  return connection.kind === 'site' ? connection.scope : [];
}

/** "since 3 May 2025". */
export function sinceWords(connection: ConnectionView): string {
  return `since ${new Date(connection.obtainedAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}`;
}

/** "Alice Example — One site: example.wordpress.com": tells connections apart in button names. */
export function connectionLabel(connection: ConnectionView): string {
  return `${accountName(connection)} — ${kindWords(connection)}`;
}
