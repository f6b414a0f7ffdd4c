/**
 * The access a person can choose, as plain data and plain checks: no zod, so the options page and the popup
 * can import it without the schema library. `access.ts` builds the worker's schemas from these same values.
 */
import { i18n } from '#i18n';
import type { AccessRequest, Settings } from './access';

/** The documented scopes a one-site token can be narrowed to (`auth` and `global` stand alone elsewhere). */
export const SITE_SCOPES = [
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
] as const;
export type SiteScope = (typeof SITE_SCOPES)[number];

/** Why a site reference is refused, in the order they are checked. */
export const SITE_REF_PROBLEMS = {
  empty: i18n.t('detail.site.empty'),
  tooLong: i18n.t('detail.site.tooLong'),
  shape: i18n.t('detail.site.shape'),
} as const;
export const SITE_REF_MAX_LENGTH = 253;

/** Longest input read as a site: an address with a long path still fits; the host's own limit is 253. */
const SITE_REF_MAX_INPUT = 2048;

/**
 * A site as WordPress.com's `blog` parameter takes it, in the one form it is sent and compared in: a numeric ID
 * without leading zeros, or a site address (host name, optionally with a scheme, a port and a path, e.g.
 * `example.wordpress.com` or `https://example.com/blog`) whose host is written as the browser writes it: ASCII
 * (`bücher.de` → `xn--bcher-kva.de`), lower case, no trailing dot. `tooLong` when the host (or the whole) is too
 * long, `shape` when it is no site; `value` is trimmed first.
 */
export function siteRef(value: string): { ok: true; site: string } | { ok: false; problem: 'tooLong' | 'shape' } {
  if (value.length > SITE_REF_MAX_INPUT) return { ok: false, problem: 'tooLong' };
  if (/^\d{1,20}$/.test(value)) {
    const id = value.replace(/^0+/, '');
    return id ? { ok: true, site: id } : { ok: false, problem: 'shape' };
  }
  // No `@` (what comes before it would be dropped as a user name), `\` (read as `/`) or `%` (decoded) in the host:
  // the URL parser would turn each into another site than the one typed.
  const parts = /^(https?:\/\/)?([^/:?#\s@\\%]+)(?::(\d{1,5}))?(\/[^\s?#]*)?$/i.exec(value);
  if (!parts) return { ok: false, problem: 'shape' };
  const [, scheme = '', typedHost = '', port, path = ''] = parts;
  let host: string;
  try {
    // The URL parser is the browser's own: IDNA to ASCII, lower case, and it refuses what no host can be.
    host = new URL(`http://${typedHost}`).hostname.replace(/\.$/, '');
  } catch {
    return { ok: false, problem: 'shape' };
  }
  if (host.length > SITE_REF_MAX_LENGTH) return { ok: false, problem: 'tooLong' };
  // A host ending in a number is an IPv4 address to the parser (`123.456` → `123.0.1.200`): never a site's name.
  if (
    !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(host) ||
    /(^|\.)\d+$/.test(host)
  ) {
    return { ok: false, problem: 'shape' };
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return { ok: false, problem: 'shape' };
  return { ok: true, site: `${scheme.toLowerCase()}${host}${port === undefined ? '' : `:${Number(port)}`}${path}` };
}

/**
 * What an access asks WordPress.com for, as one string: a site in its one form (`siteRef`), one site's scopes as a
 * set. Two requests with the same key ask for the same thing.
 */
export function accessKey(access: AccessRequest): string {
  if (access.level !== 'site') return access.level;
  const read = access.blog === undefined ? undefined : siteRef(access.blog.trim());
  const blog = read === undefined ? null : read.ok ? read.site : access.blog;
  return JSON.stringify([blog, [...new Set(access.scopes)].sort()]);
}

/** Whether `value` (already trimmed) is a site reference (`siteRef`). */
export function isSiteRefShape(value: string): boolean {
  return siteRef(value).ok;
}

/** Why `site` cannot be used as a site reference, or undefined when it can. Same rule as `siteRefSchema`. */
export function siteRefProblem(site: string): string | undefined {
  const value = site.trim();
  if (value.length < 1) return SITE_REF_PROBLEMS.empty;
  const read = siteRef(value);
  return read.ok ? undefined : SITE_REF_PROBLEMS[read.problem];
}

export const DEFAULT_ACCESS: AccessRequest = { level: 'profile' };
export const DEFAULT_SETTINGS: Settings = { access: DEFAULT_ACCESS, showGravatar: true };
