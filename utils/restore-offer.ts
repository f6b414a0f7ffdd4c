/**
 * The "sign in again" offer for a connection removed because WordPress.com no longer accepts its token: the
 * access that would recreate it, and whose it was in words. Pure.
 */
import { i18n } from '#i18n';
import { type AccessRequest, accessRequestSchema, SITE_SCOPES, type SiteScope } from './access';
import type { Connection } from './connection';
import type { RestoreOffer } from './messages';

const MAX_LABEL = 300;
const siteScopes: ReadonlySet<string> = new Set(SITE_SCOPES);
const isSiteScope = (scope: string): scope is SiteScope => siteScopes.has(scope);

/** Login → profile; one site → that site by ID, narrowed to its scopes when it was; global → global. */
export function accessToRestore(connection: Connection): AccessRequest {
  if (connection.kind === 'login') return { level: 'profile' };
  if (connection.kind === 'global') return { level: 'global' };
  return accessRequestSchema.parse({
    level: 'site',
    ...(connection.blogId === null ? {} : { blog: String(connection.blogId) }),
    scopes: [...new Set(connection.scope.filter(isSiteScope))],
  });
}

function siteWords(connection: Connection): string {
  if (connection.blogUrl) {
    try {
      return i18n.t('connection.oneSite', { site: new URL(connection.blogUrl).host });
    } catch {
      // Not a URL: fall back to the ID.
    }
  }
  return connection.blogId === null
    ? i18n.t('access.site.label')
    : i18n.t('connection.oneSite', { site: connection.blogId });
}

/** "Alice Example — One site: alicewrites.wordpress.com", "Alice Example — Profile only", "… — All sites". */
export function connectionLabel(connection: Connection): string {
  const account =
    connection.profile?.displayName || connection.profile?.username || i18n.t('connection.accountFallback');
  const kind =
    connection.kind === 'login'
      ? i18n.t('connection.profileOnly')
      : connection.kind === 'global'
        ? i18n.t('connection.allSites')
        : siteWords(connection);
  const label = i18n.t('connection.label', { account, kind });
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1)}…`;
}

/** The offer as kept: also whose account it is, when known, so that it goes when the person ends that account's access. */
export type KeptRestoreOffer = RestoreOffer & { accountId?: number };

export function restoreOfferFor(connection: Connection, now: number): KeptRestoreOffer {
  const offer = { access: accessToRestore(connection), label: connectionLabel(connection), removedAt: now };
  return connection.profile ? { ...offer, accountId: connection.profile.id } : offer;
}
