/**
 * Reading the `scope` parameter the way WordPress.com does. The docs say space-separated, their examples
 * and token-info use commas: both are accepted here.
 */

export type AuthEndpoint = 'authenticate' | 'authorize';

/**
 * What a grant reaches. `login`: only /me (scope `auth`). `global`: all the user's sites.
 * `site`: one site, with all (no scope) or the named scopes.
 */
export type GrantKind = 'login' | 'global' | 'site';

export const DOCUMENTED_SCOPES = [
  'users',
  'sites',
  'posts',
  'comments',
  'taxonomy',
  'menus',
  'follow',
  'sharing',
  'freshly-pressed',
  'notifications',
  'insights',
  'read',
  'stats',
  'media',
  'batch',
  'videos',
  'global',
  'auth',
] as const;

const documented: ReadonlySet<string> = new Set(DOCUMENTED_SCOPES);
/** Scopes that must stand alone. */
const exclusive: ReadonlySet<string> = new Set(['auth', 'global']);

export type ScopeResult = { ok: true; kind: GrantKind; scopes: string[] } | { ok: false; description: string };

export function splitScopes(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return [...new Set(raw.split(/[\s,]+/).filter((scope) => scope !== ''))];
}

export function readScope(endpoint: AuthEndpoint, raw: string | undefined): ScopeResult {
  const scopes = splitScopes(raw);
  if (endpoint === 'authenticate') {
    // Login apps: no scope, or `auth` alone.
    if (scopes.length === 0 || (scopes.length === 1 && scopes[0] === 'auth')) {
      return { ok: true, kind: 'login', scopes: ['auth'] };
    }
    return { ok: false, description: 'The authenticate endpoint only grants the "auth" scope.' };
  }
  const unknown = scopes.find((scope) => !documented.has(scope));
  if (unknown !== undefined) return { ok: false, description: `Unknown scope "${unknown}".` };
  const alone = scopes.find((scope) => exclusive.has(scope));
  if (alone !== undefined && scopes.length > 1) {
    return { ok: false, description: `The "${alone}" scope cannot be combined with other scopes.` };
  }
  if (alone === 'auth') return { ok: true, kind: 'login', scopes };
  if (alone === 'global') return { ok: true, kind: 'global', scopes };
  return { ok: true, kind: 'site', scopes };
}

/** Human words for the consent page. */
export function describeGrant(kind: GrantKind, scopes: readonly string[], blogUrl: string | undefined): string[] {
  if (kind === 'login') {
    return ['Log you in with your WordPress.com account', 'See your name, username, email address and avatar'];
  }
  if (kind === 'global') return ['Full access to your account and all your sites'];
  const site = blogUrl ?? 'the site you choose below';
  if (scopes.length === 0) return [`Full access to one site: ${site}`];
  return [`Access to one site (${site}) for: ${scopes.join(', ')}`];
}
