/** The body of GET /rest/v1.1/me for a user and the token used. */
import { sitesOf } from './sites.ts';
import type { TokenRecord } from './store.ts';
import { type EmulatorUser, emailHash } from './users.ts';

export interface MeUrls {
  /** The emulator's origin. */
  base: string;
  /** `${base}/rest/v1.1` or whichever version was asked. */
  api: string;
}

/** How /me tells the email (behaviour.ts `meEmailAsTyped`, `meEmailVerified`). */
export interface MeEmail {
  asTyped: boolean;
  verified: boolean | null;
}

/** `alice@example.com` as a person may have typed it: `  Alice@Example.COM `. */
const asTyped = (email: string) => {
  const [local = '', domain = ''] = email.split('@');
  const [name = '', ...rest] = domain.split('.');
  const tld = rest.join('.').toUpperCase();
  return `  ${local.charAt(0).toUpperCase()}${local.slice(1)}@${name.charAt(0).toUpperCase()}${name.slice(1)}.${tld} `;
};

export async function meResponse(
  user: EmulatorUser,
  token: TokenRecord,
  urls: MeUrls,
  email: MeEmail = { asTyped: false, verified: null },
): Promise<object> {
  const hash = await emailHash(user);
  const siteCount = sitesOf(user.key).length;
  return {
    ID: user.id,
    display_name: user.displayName,
    username: user.username,
    email: email.asTyped ? asTyped(user.email) : user.email,
    primary_blog: user.primaryBlog,
    primary_blog_url: user.primaryBlogUrl,
    primary_blog_is_jetpack: false,
    language: user.language,
    locale_variant: '',
    // The site a one-site token reaches; 0 for login and global tokens (assumed).
    token_site_id: token.blogId ?? 0,
    token_scope: token.scopes,
    token_client_id: token.clientId,
    avatar_URL: `${urls.base}/avatar/${hash}?s=96&d=identicon`,
    profile_URL: `${urls.base}/gravatar-profile/${user.username}`,
    verified: user.verified,
    email_verified: email.verified ?? user.verified,
    date: user.date,
    site_count: siteCount,
    visible_site_count: siteCount,
    has_unseen_notes: false,
    is_valid_google_apps_country: true,
    meta: {
      links: {
        self: `${urls.api}/me`,
        help: `${urls.api}/me/help`,
        site: `${urls.api}/sites/${user.primaryBlog}`,
        flags: `${urls.api}/me/flags`,
      },
    },
  };
}
