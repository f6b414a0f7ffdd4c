/** The three access levels in words, as the options page offers them and the popup mentions them. */
import { i18n } from '#i18n';
import type { AccessRequest } from '../utils/access';

export type AccessLevel = AccessRequest['level'];

export const ACCESS_LEVELS: readonly AccessLevel[] = ['profile', 'site', 'global'];

/** "Profile only", with one sentence on what it reaches. */
export function accessLevelWords(level: AccessLevel): { label: string; description: string } {
  return { label: i18n.t(`access.${level}.label`), description: i18n.t(`access.${level}.description`) };
}

/** "Profile only", "One site: example.com (posts, stats)", "All sites". */
export function accessSummary(access: AccessRequest): string {
  if (access.level !== 'site') return i18n.t(`access.${access.level}.label`);
  const site = access.blog
    ? i18n.t('access.summarySite', { site: access.blog })
    : i18n.t('access.summarySiteChosenThere');
  return access.scopes.length > 0
    ? i18n.t('access.summaryWithScopes', { site, scopes: access.scopes.join(', ') })
    : site;
}
