/**
 * The emulated WordPress.com sites: alice owns two, bob one, and one belongs to neither (so "not your site"
 * can be exercised). Data only, plus lookups; the REST answers are shaped in site-json.ts.
 */
import type { UserKey } from './users.ts';

export const POST_STATUSES = ['publish', 'draft', 'pending', 'private', 'future'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export interface PostFixture {
  ID: number;
  title: string;
  slug: string;
  /** As WordPress.com prints dates: `2024-05-01T10:00:00+00:00`. */
  date: string;
  status: PostStatus;
  excerpt: string;
  commentCount: number;
  likeCount: number;
}

/** The counters of `GET /sites/$site/stats`, already in WordPress.com's field names. */
export interface StatsFixture {
  visitors_today: number;
  visitors_yesterday: number;
  visitors: number;
  views_today: number;
  views_yesterday: number;
  views_best_day: string;
  views_best_day_total: number;
  views: number;
  comments: number;
  followers_blog: number;
  followers_comments: number;
}

export interface SiteFixture {
  ID: number;
  /** The site's address without scheme: `alicewrites.wordpress.com`. */
  host: string;
  name: string;
  description: string;
  /** Whose site it is; null for the stranger's site. */
  owner: UserKey | null;
  /** The owner's primary site (each user has exactly one). */
  primary: boolean;
  createdAt: string;
  posts: readonly PostFixture[];
  stats: StatsFixture;
}

/** The author of the site no emulated user owns. */
export const STRANGER = { ID: 1099, login: 'someoneelse', name: 'Someone Else' } as const;

export const SITES: readonly SiteFixture[] = [
  {
    ID: 5001,
    host: 'alicewrites.wordpress.com',
    name: 'Alice Writes',
    description: 'Notes on the web, trains and small gardens',
    owner: 'alice',
    primary: true,
    createdAt: '2016-03-14T09:40:12+00:00',
    posts: [
      {
        ID: 14,
        title: 'Night trains, revisited',
        slug: 'night-trains-revisited',
        date: '2025-02-03T08:15:00+00:00',
        status: 'publish',
        excerpt: 'Sleeping across three borders in one night.',
        commentCount: 4,
        likeCount: 12,
      },
      {
        ID: 13,
        title: 'A balcony of herbs',
        slug: 'a-balcony-of-herbs',
        date: '2024-11-20T18:02:00+00:00',
        status: 'publish',
        excerpt: 'Basil, thyme and one stubborn rosemary.',
        commentCount: 2,
        likeCount: 7,
      },
      {
        ID: 12,
        title: 'Writing docs people read',
        slug: 'writing-docs-people-read',
        date: '2024-06-09T10:30:00+00:00',
        status: 'publish',
        excerpt: 'Start with the task, not the feature.',
        commentCount: 9,
        likeCount: 31,
      },
      {
        ID: 15,
        title: 'Draft: the Lisbon tram lines',
        slug: 'the-lisbon-tram-lines',
        date: '2025-02-10T21:44:00+00:00',
        status: 'draft',
        excerpt: 'Line 28, obviously. But also line 24.',
        commentCount: 0,
        likeCount: 0,
      },
    ],
    stats: {
      visitors_today: 18,
      visitors_yesterday: 25,
      visitors: 5210,
      views_today: 41,
      views_yesterday: 57,
      views_best_day: '2024-06-10',
      views_best_day_total: 893,
      views: 14872,
      comments: 15,
      followers_blog: 86,
      followers_comments: 3,
    },
  },
  {
    ID: 5003,
    host: 'alicecooks.wordpress.com',
    name: 'Alice Cooks',
    description: 'Weeknight recipes from a small kitchen',
    owner: 'alice',
    primary: false,
    createdAt: '2021-09-01T12:00:00+00:00',
    posts: [
      {
        ID: 8,
        title: 'Fifteen-minute chickpea stew',
        slug: 'fifteen-minute-chickpea-stew',
        date: '2025-01-12T19:00:00+00:00',
        status: 'publish',
        excerpt: 'One pot, one tin, one lemon.',
        commentCount: 3,
        likeCount: 9,
      },
      {
        ID: 7,
        title: 'Bread without a mixer',
        slug: 'bread-without-a-mixer',
        date: '2024-10-05T07:30:00+00:00',
        status: 'publish',
        excerpt: 'Time does the kneading.',
        commentCount: 5,
        likeCount: 22,
      },
      {
        ID: 9,
        title: 'Draft: pastéis de nata at home',
        slug: 'pasteis-de-nata-at-home',
        date: '2025-02-01T16:20:00+00:00',
        status: 'draft',
        excerpt: 'Attempt number four.',
        commentCount: 0,
        likeCount: 0,
      },
    ],
    stats: {
      visitors_today: 3,
      visitors_yesterday: 6,
      visitors: 640,
      views_today: 5,
      views_yesterday: 11,
      views_best_day: '2024-10-06',
      views_best_day_total: 132,
      views: 1904,
      comments: 8,
      followers_blog: 14,
      followers_comments: 0,
    },
  },
  {
    ID: 5002,
    host: 'bobunverified.wordpress.com',
    name: 'Bob’s Notebook',
    description: 'Just another WordPress.com site',
    owner: 'bob',
    primary: true,
    createdAt: '2024-11-02T17:09:40+00:00',
    posts: [
      {
        ID: 3,
        title: 'Second post',
        slug: 'second-post',
        date: '2024-12-01T09:00:00+00:00',
        status: 'publish',
        excerpt: 'Still finding my feet.',
        commentCount: 0,
        likeCount: 1,
      },
      {
        ID: 1,
        title: 'Hello world!',
        slug: 'hello-world',
        date: '2024-11-02T17:10:00+00:00',
        status: 'publish',
        excerpt: 'Welcome to WordPress. This is your first post.',
        commentCount: 1,
        likeCount: 0,
      },
      {
        ID: 4,
        title: 'Draft: things to write about',
        slug: 'things-to-write-about',
        date: '2024-12-15T22:10:00+00:00',
        status: 'draft',
        excerpt: 'A list.',
        commentCount: 0,
        likeCount: 0,
      },
    ],
    stats: {
      visitors_today: 0,
      visitors_yesterday: 1,
      visitors: 12,
      views_today: 0,
      views_yesterday: 2,
      views_best_day: '2024-11-03',
      views_best_day_total: 6,
      views: 31,
      comments: 1,
      followers_blog: 0,
      followers_comments: 0,
    },
  },
  {
    ID: 5004,
    host: 'someone-else.wordpress.com',
    name: 'Someone Else’s Site',
    description: 'Not yours: for trying what a token may not reach',
    owner: null,
    primary: false,
    createdAt: '2019-05-20T08:00:00+00:00',
    posts: [
      {
        ID: 41,
        title: 'On walking',
        slug: 'on-walking',
        date: '2025-01-30T07:00:00+00:00',
        status: 'publish',
        excerpt: 'Ten thousand steps, give or take.',
        commentCount: 12,
        likeCount: 48,
      },
      {
        ID: 40,
        title: 'Ferries I have known',
        slug: 'ferries-i-have-known',
        date: '2024-09-14T13:45:00+00:00',
        status: 'publish',
        excerpt: 'A ranking nobody asked for.',
        commentCount: 20,
        likeCount: 77,
      },
      {
        ID: 42,
        title: 'Draft: notes',
        slug: 'notes',
        date: '2025-02-11T11:11:00+00:00',
        status: 'draft',
        excerpt: 'Private thoughts.',
        commentCount: 0,
        likeCount: 0,
      },
    ],
    stats: {
      visitors_today: 230,
      visitors_yesterday: 310,
      visitors: 98011,
      views_today: 604,
      views_yesterday: 811,
      views_best_day: '2024-09-15',
      views_best_day_total: 7310,
      views: 260554,
      comments: 412,
      followers_blog: 1830,
      followers_comments: 41,
    },
  },
];

export function siteUrl(site: SiteFixture): string {
  return `https://${site.host}`;
}

export function siteById(id: number): SiteFixture | undefined {
  return SITES.find((site) => site.ID === id);
}

/** The user's sites, primary first. */
export function sitesOf(userKey: UserKey): SiteFixture[] {
  return SITES.filter((site) => site.owner === userKey).sort((a, b) => Number(b.primary) - Number(a.primary));
}

/** A site as REST paths address it: the numeric ID or the host name (`/sites/alicewrites.wordpress.com`). */
export function siteByPathSegment(segment: string): SiteFixture | undefined {
  if (/^\d{1,20}$/.test(segment)) return siteById(Number(segment));
  const host = segment.toLowerCase().replace(/\.$/, '');
  return SITES.find((site) => site.host === host);
}

/**
 * A site as the `blog` parameter of /oauth2/authorize names it: an ID, a host name, or a URL
 * (`https://alicewrites.wordpress.com/`, scheme and path optional).
 */
export function siteByBlogParam(blog: string): SiteFixture | undefined {
  const value = blog.trim();
  if (/^\d{1,20}$/.test(value)) return siteById(Number(value));
  try {
    const url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
    return siteByPathSegment(url.hostname);
  } catch {
    return undefined;
  }
}

/** A post's public address: dated permalink when published, `?p=` otherwise. */
export function postUrl(site: SiteFixture, post: PostFixture): string {
  if (post.status !== 'publish') return `${siteUrl(site)}/?p=${post.ID}`;
  return `${siteUrl(site)}/${post.date.slice(0, 10).replaceAll('-', '/')}/${post.slug}/`;
}
