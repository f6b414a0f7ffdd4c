/** The Reader's answers: sites a user follows, posts they liked. */
import type { MeUrls } from './me-response.ts';
import { FOLLOWING, LIKED } from './reader.ts';
import { postJson } from './site-json.ts';
import { siteById, siteUrl } from './sites.ts';
import type { UserKey } from './users.ts';

/** `GET /read/following/mine`. IDs come as strings, as WordPress.com sends them (assumed). */
export function followingJson(userKey: UserKey, urls: MeUrls): object {
  const all = FOLLOWING[userKey];
  const subscriptions = all.flatMap((follow) => {
    const site = siteById(follow.blogId);
    if (!site) return [];
    return [
      {
        ID: String(follow.ID),
        blog_ID: String(site.ID),
        URL: siteUrl(site),
        name: site.name,
        date_subscribed: follow.dateSubscribed,
        meta: { links: { site: `${urls.api}/sites/${site.ID}` } },
      },
    ];
  });
  return { subscriptions, total_subscriptions: all.length };
}

/** `GET /read/liked`. */
export function likedJson(userKey: UserKey, number: number, urls: MeUrls): object {
  const all = LIKED[userKey].flatMap((like) => {
    const site = siteById(like.siteId);
    const post = site?.posts.find((candidate) => candidate.ID === like.postId);
    return site && post ? [{ ...postJson(site, post, urls), date_liked: like.dateLiked }] : [];
  });
  return { found: all.length, posts: all.slice(0, number) };
}
