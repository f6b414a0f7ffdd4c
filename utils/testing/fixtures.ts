/** Connections and profiles for the unit tests. Tokens carry the characters WordPress.com's do. */
import type { Connection } from '../connection';
import type { Profile } from '../profile';

export const ALICE: Profile = {
  id: 1001,
  displayName: 'Alice Example',
  username: 'alicewrites',
  email: 'alice@example.com',
  verified: true,
  fetchedAt: 2,
};

export const BOB: Profile = {
  id: 1002,
  displayName: 'Bob Unverified',
  username: 'bobunverified',
  email: 'bob@example.org',
  verified: false,
  fetchedAt: 2,
};

/** Verified, and with no Gravatar profile at the emulator (nor a WordPress.com account there: for stored fixtures). */
export const CAROL: Profile = {
  id: 1003,
  displayName: 'Carol Verified',
  username: 'carolverified',
  email: 'carol@example.net',
  verified: true,
  fetchedAt: 2,
};

let counter = 0;

/** A stored connection; each call gets its own id and token unless told otherwise. */
export function fakeConnection(overrides: Partial<Connection> = {}): Connection {
  counter += 1;
  return {
    id: `conn-${String(counter).padStart(4, '0')}`,
    accessToken: `tok-${counter})%&@(^`,
    kind: 'login',
    scope: ['auth'],
    blogId: null,
    blogUrl: null,
    obtainedAt: 1_000 + counter,
    ...overrides,
  };
}

/** A one-site token for alicewrites.wordpress.com (5001). */
export function siteConnection(overrides: Partial<Connection> = {}): Connection {
  return fakeConnection({
    kind: 'site',
    scope: [],
    blogId: 5001,
    blogUrl: 'https://alicewrites.wordpress.com',
    ...overrides,
  });
}

export function globalConnection(overrides: Partial<Connection> = {}): Connection {
  return fakeConnection({ kind: 'global', scope: ['global'], ...overrides });
}
