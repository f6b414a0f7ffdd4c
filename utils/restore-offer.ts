/**
 * The "sign in again" offer for a connection removed because WordPress.com no longer accepts its token: the
 * access that would recreate it, and whose it was in words. Pure.
 */
import { connectionLabel as labelInWords } from '../components/connection-words';
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

/**
 * Whose connection it was and what it reached, in the words its row and buttons used (connection-words.ts), so
 * that an offer or notice names it as the popup did: "Alice Example — One site: alicewrites.wordpress.com (posts)",
 * or "WordPress.com account, signed in … — All sites" for one whose profile never arrived. Bounded: it is kept.
 */
export function connectionLabel(connection: Connection): string {
  const label = labelInWords(connection);
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1)}…`;
}

/** The offer as kept: also whose account it is, when known, so that it goes when the person ends that account's access. */
export type KeptRestoreOffer = RestoreOffer & { accountId?: number };

export function restoreOfferFor(connection: Connection, now: number): KeptRestoreOffer {
  const offer = { access: accessToRestore(connection), label: connectionLabel(connection), removedAt: now };
  return connection.profile ? { ...offer, accountId: connection.profile.id } : offer;
}
