/**
 * Which tokens reach which emulated REST endpoint: the same table as the extension's catalogue
 * (utils/endpoint-catalogue.ts; rest-access.test.ts holds the two together). Which scope a narrowed one-site
 * token needs is not documented by WordPress.com: this table is the project's assumption.
 *
 * Checks run in this order, each answering before the next is tried:
 * 1. the bearer token (bearer.ts): missing or revoked → 403 authorization_required "An active access token…",
 *    unknown → 400 invalid_token, browser origin not listed → 403 unauthorized;
 * 2. the token's kind and scopes (`checkKindAndScope`) → 403 authorization_required "…required scope";
 * 3. the site in the path (`siteByPathSegment`) → 404 unknown_blog;
 * 4. whether the token reaches that site (`checkSiteAccess`) → 403 unauthorized "User cannot access this blog".
 */
import type { RestError } from './bearer.ts';
import { SCOPE_TOO_NARROW } from './bearer.ts';
import { CANNOT_ACCESS_BLOG } from './rest-errors.ts';
import type { EndpointId } from './rest-paths.ts';
import type { GrantKind } from './scopes.ts';
import type { SiteFixture } from './sites.ts';
import type { TokenRecord } from './store.ts';

export interface AccessRule {
  /** Token kinds that may call the endpoint at all. */
  kinds: readonly GrantKind[];
  /** The scope a one-site token narrowed to scopes must hold; an unscoped one-site token holds them all. */
  siteScope?: string;
  /** The `{site}` in the path must be the token's own site (one-site) or one of the user's sites (global). */
  siteBound?: boolean;
}

const SITE_OR_GLOBAL: readonly GrantKind[] = ['site', 'global'];

export const ACCESS: Readonly<Record<EndpointId, AccessRule>> = {
  me: { kinds: ['login', 'site', 'global'] },
  'me-settings': { kinds: SITE_OR_GLOBAL, siteScope: 'users' },
  'me-sites': { kinds: SITE_OR_GLOBAL, siteScope: 'sites' },
  site: { kinds: SITE_OR_GLOBAL, siteScope: 'sites', siteBound: true },
  'site-posts': { kinds: SITE_OR_GLOBAL, siteScope: 'posts', siteBound: true },
  'site-stats': { kinds: SITE_OR_GLOBAL, siteScope: 'stats', siteBound: true },
  'read-following': { kinds: SITE_OR_GLOBAL, siteScope: 'read' },
  'read-liked': { kinds: SITE_OR_GLOBAL, siteScope: 'read' },
  'connected-apps': { kinds: ['global'] },
  // Whether WordPress.com lets a third-party token disconnect an app at all is not confirmed: global only.
  'delete-app': { kinds: ['global'] },
};

/** Step 2: the token's kind, and for a narrowed one-site token its scopes. */
export function checkKindAndScope(rule: AccessRule, token: TokenRecord): RestError | undefined {
  if (!rule.kinds.includes(token.kind)) return SCOPE_TOO_NARROW;
  const narrowed = token.kind === 'site' && token.scopes.length > 0;
  if (narrowed && rule.siteScope !== undefined && !token.scopes.includes(rule.siteScope)) return SCOPE_TOO_NARROW;
  return undefined;
}

/** Step 4: a one-site token reaches only its site; a global token every site of the user's, and no one else's. */
export function checkSiteAccess(token: TokenRecord, site: SiteFixture): RestError | undefined {
  if (token.kind === 'site') return site.ID === token.blogId ? undefined : CANNOT_ACCESS_BLOG;
  if (token.kind === 'global') return site.owner === token.userKey ? undefined : CANNOT_ACCESS_BLOG;
  return CANNOT_ACCESS_BLOG;
}
