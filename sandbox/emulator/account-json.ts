/** Account answers: `/me/settings` and the connected applications list. */
import type { EmulatorClient } from './clients.ts';
import { siteById, siteUrl } from './sites.ts';
import type { TokenRecord } from './store.ts';
import type { EmulatorUser } from './users.ts';

/**
 * The site an app was connected to, or `false` when it reaches none in particular. Undocumented; the shape is what
 * WordPress.com's own front end (wp-calypso) types it as: `{ site_ID, site_URL, site_name }` with string values, or a
 * boolean.
 */
function siteOfApp(token: TokenRecord | undefined): { site_ID: string; site_URL: string; site_name: string } | false {
  const site = token?.kind === 'site' && token.blogId !== null ? siteById(token.blogId) : undefined;
  return site ? { site_ID: String(site.ID), site_URL: siteUrl(site), site_name: site.name } : false;
}

/** `GET /me/settings`: a loose, realistic subset. */
export function settingsJson(user: EmulatorUser, avatarUrl: string): object {
  const [firstName = '', ...rest] = user.displayName.split(' ');
  return {
    user_login: user.username,
    display_name: user.displayName,
    first_name: firstName,
    last_name: rest.join(' '),
    description: user.gravatar?.description ?? '',
    user_URL: user.primaryBlogUrl,
    user_email: user.email,
    user_email_change_pending: false,
    new_user_email: '',
    language: user.language,
    locale_variant: '',
    avatar_URL: avatarUrl,
    primary_site_ID: user.primaryBlog,
    timezone_string: 'UTC',
    i18n_empathy_mode: false,
    enable_translator: false,
    two_step_enabled: false,
    mail_enabled: true,
  };
}

function scopeOf(token: TokenRecord): string {
  if (token.kind === 'global') return 'global';
  if (token.kind === 'login') return 'auth';
  return token.scopes.join(',');
}

function permissionsOf(token: TokenRecord): { name: string; description: string }[] {
  if (token.kind === 'global') return [{ name: 'global', description: 'Access all of your sites.' }];
  if (token.kind === 'login') return [{ name: 'auth', description: 'Log you in and see your profile.' }];
  if (token.scopes.length === 0) return [{ name: 'site', description: 'Full access to one site.' }];
  return token.scopes.map((scope) => ({ name: scope, description: `Access your ${scope}.` }));
}

/**
 * One entry per app the user holds live tokens for (`tokens` oldest first): when it was first authorized,
 * and what its newest token reaches. The ID is the app's client ID, as the delete path takes it.
 */
export function connectedApplicationJson(client: EmulatorClient, tokens: readonly TokenRecord[]): object {
  const first = tokens[0];
  const newest = tokens.at(-1);
  const redirect = client.redirectUris[0];
  return {
    ID: client.clientId,
    title: client.name,
    description: '',
    URL: redirect === undefined ? '' : new URL(redirect).origin,
    icon: '',
    authorized: new Date(first?.issuedAt ?? 0).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    scope: newest ? scopeOf(newest) : '',
    permissions: newest ? permissionsOf(newest) : [],
    site: siteOfApp(newest),
  };
}
