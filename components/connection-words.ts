/** A connection in words: whose it is, what it reaches, since when. Used in labels, so kept plain. */
import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import { calendarDateWords, exactTimeWords } from './time-words';

/**
 * The account's display name, once its profile has arrived. Before (`/me` failed at sign-in), the moment it was
 * obtained tells such connections apart, in their rows and in their buttons' names.
 */
export function accountName(connection: ConnectionView): string {
  return (
    connection.profile?.displayName ||
    i18n.t('connection.accountObtained', { time: exactTimeWords(connection.obtainedAt) })
  );
}

function siteHost(connection: ConnectionView): string {
  if (connection.blogUrl) {
    try {
      return new URL(connection.blogUrl).host;
    } catch {
      return connection.blogUrl;
    }
  }
  return connection.blogId === null
    ? i18n.t('connection.aSite')
    : i18n.t('connection.siteById', { id: connection.blogId });
}

/** "Profile only", "One site: example.wordpress.com" or "All sites". */
export function kindWords(connection: ConnectionView): string {
  if (connection.kind === 'login') return i18n.t('connection.profileOnly');
  if (connection.kind === 'global') return i18n.t('connection.allSites');
  return i18n.t('connection.oneSite', { site: siteHost(connection) });
}

/** The scopes a one-site token was narrowed to; empty when it reaches the whole site (or is not one). */
export function narrowedScopes(connection: ConnectionView): string[] {
  return connection.kind === 'site' ? connection.scope : [];
}

/** "since 3 May 2025". */
export function sinceWords(connection: ConnectionView): string {
  return i18n.t('connection.since', { date: calendarDateWords(connection.obtainedAt) });
}

/**
 * "Alice Example — One site: example.wordpress.com", and "(posts, stats)" after it for a token narrowed to scopes: tells
 * connections apart in button names (one account may hold the same site with other scopes: connection-list.ts).
 */
export function connectionLabel(connection: ConnectionView): string {
  const words = { account: accountName(connection), kind: kindWords(connection) };
  const scopes = narrowedScopes(connection);
  return scopes.length === 0
    ? i18n.t('connection.label', words)
    : i18n.t('connection.labelScopes', { ...words, scopes: scopes.join(', ') });
}

/** The token's scope in words: "posts, stats", "the whole site", "auth (profile only)", "global (every site)". */
export function scopeWords(connection: ConnectionView): string {
  if (connection.kind === 'login') return i18n.t('connection.scopeAuth');
  if (connection.kind === 'global') return i18n.t('connection.scopeGlobal');
  return connection.scope.length > 0 ? connection.scope.join(', ') : i18n.t('connection.scopeWholeSite');
}

/** "Connected", or why that could not be confirmed: the status view's first line. */
export function healthWords(connection: ConnectionView): string {
  if (!connection.health) return i18n.t('connection.healthUnchecked');
  return connection.health.status === 'valid'
    ? i18n.t('connection.healthValid')
    : i18n.t('connection.healthUnreachable');
}
