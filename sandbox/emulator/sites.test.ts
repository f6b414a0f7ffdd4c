/** The site and Reader fixtures hold together, and sites are found the ways WordPress.com finds them. */
import { describe, expect, it } from 'vitest';
import { FOLLOWING, LIKED } from './reader.ts';
import { SITES, siteByBlogParam, siteById, siteByPathSegment, sitesOf, siteUrl } from './sites.ts';
import { USERS } from './users.ts';

describe('site fixtures', () => {
  it('give each user exactly one primary site, the one users.ts names', () => {
    for (const user of USERS) {
      const primaries = sitesOf(user.key).filter((site) => site.primary);
      expect(primaries.map((site) => site.ID)).toEqual([user.primaryBlog]);
      expect(primaries.map(siteUrl)).toEqual([user.primaryBlogUrl]);
      expect(sitesOf(user.key)[0]?.ID).toBe(user.primaryBlog);
    }
    expect(sitesOf('alice').map((site) => site.ID)).toEqual([5001, 5003]);
    expect(sitesOf('bob').map((site) => site.ID)).toEqual([5002]);
    expect(SITES.filter((site) => site.owner === null).map((site) => site.ID)).toEqual([5004]);
  });

  it('have unique IDs and hosts, unique post IDs per site, mostly published posts and one draft', () => {
    expect(new Set(SITES.map((site) => site.ID)).size).toBe(SITES.length);
    expect(new Set(SITES.map((site) => site.host)).size).toBe(SITES.length);
    for (const site of SITES) {
      expect(new Set(site.posts.map((post) => post.ID)).size).toBe(site.posts.length);
      expect(site.posts.filter((post) => post.status === 'draft')).toHaveLength(1);
      expect(site.posts.filter((post) => post.status === 'publish').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('follow and like only sites and published posts that exist, and nothing of the user’s own', () => {
    for (const user of USERS) {
      for (const follow of FOLLOWING[user.key]) expect(siteById(follow.blogId)?.owner).not.toBe(user.key);
      for (const like of LIKED[user.key]) {
        const site = siteById(like.siteId);
        expect(site?.owner).not.toBe(user.key);
        expect(site?.posts.find((post) => post.ID === like.postId)?.status).toBe('publish');
      }
    }
  });
});

describe('finding a site', () => {
  it.each([
    ['5003', 5003],
    ['alicecooks.wordpress.com', 5003],
    ['AliceCooks.WordPress.com', 5003],
    ['alicecooks.wordpress.com.', 5003],
    ['5', undefined],
    ['https:', undefined],
    ['nosuch.wordpress.com', undefined],
  ])('in a REST path: %s', (segment, id) => {
    expect(siteByPathSegment(segment)?.ID).toBe(id);
  });

  it.each([
    ['5002', 5002],
    [' 5002 ', 5002],
    ['bobunverified.wordpress.com', 5002],
    ['https://bobunverified.wordpress.com', 5002],
    ['https://bobunverified.wordpress.com/', 5002],
    ['http://BOBUNVERIFIED.wordpress.com/about/?x=1', 5002],
    ['bobunverified.wordpress.com/about', 5002],
    ['https://bobunverified.wordpress.com.evil.example', undefined],
    ['ftp://bobunverified.wordpress.com', undefined],
    ['', undefined],
    ['not a url', undefined],
  ])('in the blog parameter: %s', (blog, id) => {
    expect(siteByBlogParam(blog)?.ID).toBe(id);
  });
});
