/** The three access levels in words, as the options page offers them and the popup mentions them. */
import type { AccessRequest } from '../utils/access';

export type AccessLevel = AccessRequest['level'];

export const ACCESS_LEVELS: ReadonlyArray<{ level: AccessLevel; label: string; description: string }> = [
  {
    level: 'profile',
    label: 'Profile only',
    description: 'Your name, email address and avatar, read through /me only: nothing on your sites.',
  },
  {
    level: 'site',
    label: 'One site',
    description: 'One site that you pick on WordPress.com, in full or only the parts you tick below.',
  },
  {
    level: 'global',
    label: 'All sites',
    description: 'Every site of yours, with everything the WordPress.com API allows.',
  },
];

/** "Profile only", "One site: example.com (posts, stats)", "All sites". */
export function accessSummary(access: AccessRequest): string {
  if (access.level === 'profile') return 'Profile only';
  if (access.level === 'global') return 'All sites';
  const site = access.blog ? `One site: ${access.blog}` : 'One site (chosen on WordPress.com)';
  return access.scopes.length > 0 ? `${site} (${access.scopes.join(', ')})` : site;
}
