/** A connection in words: whose it is, what it reaches, since when. Used in labels, so kept plain. */
import type { ConnectionView } from '../utils/connection';
import { calendarDateWords } from './time-words';

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
  return `since ${calendarDateWords(connection.obtainedAt)}`;
}

/** "Alice Example — One site: example.wordpress.com": tells connections apart in button names. */
export function connectionLabel(connection: ConnectionView): string {
  return `${accountName(connection)} — ${kindWords(connection)}`;
}

/** The token's scope in words: "posts, stats", "the whole site", "auth (profile only)", "global (every site)". */
export function scopeWords(connection: ConnectionView): string {
  if (connection.kind === 'login') return 'auth (profile only)';
  if (connection.kind === 'global') return 'global (every site)';
  return connection.scope.length > 0 ? connection.scope.join(', ') : 'the whole site';
}

/** "Connected", or why that could not be confirmed: the status view's first line. */
export function healthWords(connection: ConnectionView): string {
  if (!connection.health) return 'Connected (not checked yet)';
  return connection.health.status === 'valid'
    ? 'Connected: WordPress.com confirmed the token'
    : 'Could not check (WordPress.com unreachable)';
}
