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

/**
 * Whether `value` (already trimmed) is a site as WordPress.com's `blog` parameter takes it: a numeric ID, or
 * a site address (host name, optionally with a scheme and path, e.g. `example.wordpress.com` or
 * `https://example.com/blog`).
 */
export function isSiteRefShape(value: string): boolean {
  return (
    /^\d{1,20}$/.test(value) ||
    /^(https?:\/\/)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?(\/[^\s?#]*)?$/i.test(
      value,
    )
  );
}

/** Why `site` cannot be used as a site reference, or undefined when it can. Same rule as `siteRefSchema`. */
export function siteRefProblem(site: string): string | undefined {
  const value = site.trim();
  if (value.length < 1) return SITE_REF_PROBLEMS.empty;
  if (value.length > SITE_REF_MAX_LENGTH) return SITE_REF_PROBLEMS.tooLong;
  return isSiteRefShape(value) ? undefined : SITE_REF_PROBLEMS.shape;
}

export const DEFAULT_ACCESS: AccessRequest = { level: 'profile' };
export const DEFAULT_SETTINGS: Settings = { access: DEFAULT_ACCESS, showGravatar: true };
