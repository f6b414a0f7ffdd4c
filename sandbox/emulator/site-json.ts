/** Sites, posts and stats as WordPress.com's REST API prints them (the fields clients use, and some more). */
import type { MeUrls } from './me-response.ts';
import { type PostFixture, postUrl, type SiteFixture, STRANGER, siteUrl } from './sites.ts';
import { userByKey } from './users.ts';

function authorOf(site: SiteFixture): { ID: number; login: string; name: string } {
  if (site.owner === null) return STRANGER;
  const user = userByKey(site.owner);
  return { ID: user.id, login: user.username, name: user.displayName };
}

export function siteJson(site: SiteFixture, urls: MeUrls): object {
  const url = siteUrl(site);
  const self = `${urls.api}/sites/${site.ID}`;
  return {
    ID: site.ID,
    name: site.name,
    description: site.description,
    URL: url,
    jetpack: false,
    is_multisite: true,
    post_count: site.posts.filter((post) => post.status === 'publish').length,
    subscribers_count: site.stats.followers_blog,
    lang: 'en',
    visible: true,
    is_private: false,
    is_coming_soon: false,
    // Only the owner's tokens reach a site here, so the capabilities are the owner's.
    capabilities: { edit_posts: true, publish_posts: true, manage_options: true, view_stats: true },
    options: {
      created_at: site.createdAt,
      admin_url: `${url}/wp-admin/`,
      unmapped_url: url,
      timezone: '',
      gmt_offset: 0,
    },
    plan: { product_slug: 'free_plan', product_name_short: 'Free', is_free: true },
    meta: { links: { self, help: `${self}/help`, posts: `${self}/posts/`, comments: `${self}/comments/` } },
  };
}

export function postJson(site: SiteFixture, post: PostFixture, urls: MeUrls): object {
  const author = authorOf(site);
  const self = `${urls.api}/sites/${site.ID}/posts/${post.ID}`;
  return {
    ID: post.ID,
    site_ID: site.ID,
    author: { ...author, URL: siteUrl(site) },
    date: post.date,
    modified: post.date,
    title: post.title,
    URL: postUrl(site, post),
    short_URL: `https://wp.me/p${site.ID}-${post.ID}`,
    excerpt: `<p>${post.excerpt}</p>\n`,
    slug: post.slug,
    status: post.status,
    sticky: false,
    password: '',
    parent: false,
    type: 'post',
    format: 'standard',
    comment_count: post.commentCount,
    like_count: post.likeCount,
    i_like: false,
    meta: { links: { self, help: `${self}/help`, site: `${urls.api}/sites/${site.ID}` } },
  };
}

/** `GET /sites/$site/stats`: `date` is today (UTC) as WordPress.com answers it. */
export function statsJson(site: SiteFixture, now: number): object {
  return {
    date: new Date(now).toISOString().slice(0, 10),
    stats: {
      ...site.stats,
      posts: site.posts.filter((post) => post.status === 'publish').length,
      comments_per_month: 0,
      comments_most_active_recent_day: '',
      comments_most_active_time: 'N/A',
      comments_spam: 0,
      categories: 1,
      tags: 0,
      shares: 0,
    },
    visits: { unit: 'day', fields: ['period', 'views', 'visitors'], data: [] },
  };
}
