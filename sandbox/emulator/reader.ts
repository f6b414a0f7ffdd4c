/** What each emulated user follows and has liked in the Reader. Data only; answers are shaped in reader-json.ts. */
import type { UserKey } from './users.ts';

export interface FollowFixture {
  /** The subscription's own ID. */
  ID: number;
  blogId: number;
  dateSubscribed: string;
}

export interface LikeFixture {
  siteId: number;
  postId: number;
  dateLiked: string;
}

/** Newest first, as the Reader lists them. */
export const FOLLOWING: Readonly<Record<UserKey, readonly FollowFixture[]>> = {
  alice: [
    { ID: 90_001, blogId: 5004, dateSubscribed: '2024-12-24T10:00:00+00:00' },
    { ID: 90_002, blogId: 5002, dateSubscribed: '2024-11-05T08:30:00+00:00' },
  ],
  bob: [
    { ID: 90_011, blogId: 5004, dateSubscribed: '2025-01-31T19:00:00+00:00' },
    { ID: 90_012, blogId: 5003, dateSubscribed: '2024-12-02T12:00:00+00:00' },
    { ID: 90_013, blogId: 5001, dateSubscribed: '2024-11-03T09:00:00+00:00' },
  ],
};

/** Newest first. Only published posts can be liked. */
export const LIKED: Readonly<Record<UserKey, readonly LikeFixture[]>> = {
  alice: [
    { siteId: 5004, postId: 41, dateLiked: '2025-01-31T07:45:00+00:00' },
    { siteId: 5002, postId: 1, dateLiked: '2024-11-05T08:31:00+00:00' },
    { siteId: 5004, postId: 40, dateLiked: '2024-09-20T20:00:00+00:00' },
  ],
  bob: [
    { siteId: 5004, postId: 41, dateLiked: '2025-02-01T08:00:00+00:00' },
    { siteId: 5001, postId: 12, dateLiked: '2024-11-03T09:05:00+00:00' },
  ],
};
