import { expect, test } from 'vitest';
import type { ConnectionView } from '../utils/connection';
import { connectionLabel, kindWords, narrowedScopes } from './connection-words';

const base: ConnectionView = {
  id: 'abcdefgh',
  kind: 'login',
  scope: ['auth'],
  blogId: null,
  blogUrl: null,
  obtainedAt: 1_700_000_000_000,
};

test('each kind in words, a one-site connection by its host', () => {
  expect(kindWords(base)).toBe('Profile only');
  expect(kindWords({ ...base, kind: 'global', scope: ['global'] })).toBe('All sites');
  expect(
    kindWords({ ...base, kind: 'site', scope: [], blogId: 7, blogUrl: 'https://example.wordpress.com/blog' }),
  ).toBe('One site: example.wordpress.com');
  expect(kindWords({ ...base, kind: 'site', scope: [], blogId: 7, blogUrl: null })).toBe('One site: site 7');
});

test('scopes are listed only for a narrowed one-site connection', () => {
  expect(narrowedScopes(base)).toEqual([]);
  expect(narrowedScopes({ ...base, kind: 'site', scope: ['posts'] })).toEqual(['posts']);
});

test('the label names the account once its profile is known', () => {
  expect(connectionLabel(base)).toBe('WordPress.com account — Profile only');
  const profile = {
    id: 1,
    displayName: 'Alice Example',
    username: 'alice',
    email: 'a@x',
    verified: true,
    fetchedAt: 1,
  };
  expect(connectionLabel({ ...base, profile })).toBe('Alice Example — Profile only');
});
