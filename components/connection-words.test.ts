import { expect, test } from 'vitest';
import type { ConnectionView } from '../utils/connection';
import { connectionLabel, healthWords, kindWords, narrowedScopes, scopeWords } from './connection-words';

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
  // Before it is (`/me` failed at sign-in), the moment it was obtained tells such connections apart.
  expect(connectionLabel(base)).toMatch(/^WordPress\.com account, signed in .*2023.* — Profile only$/);
  expect(connectionLabel({ ...base, obtainedAt: base.obtainedAt + 1_000 })).not.toBe(connectionLabel(base));
  const profile = {
    id: 1,
    displayName: 'Alice Example',
    username: 'alice',
    email: 'a@x',
    verified: true,
    fetchedAt: 1,
  };
  expect(connectionLabel({ ...base, profile })).toBe('Alice Example — Profile only');
  // One account may hold the same site with other scopes: the scopes tell those apart.
  const site = { ...base, profile, kind: 'site' as const, blogId: 5001, blogUrl: 'https://alicewrites.wordpress.com' };
  expect(connectionLabel({ ...site, scope: [] })).toBe('Alice Example — One site: alicewrites.wordpress.com');
  expect(connectionLabel({ ...site, scope: ['posts', 'stats'] })).toBe(
    'Alice Example — One site: alicewrites.wordpress.com (posts, stats)',
  );
});

test('the scope in words, for each kind', () => {
  expect(scopeWords(base)).toBe('auth (profile only)');
  expect(scopeWords({ ...base, kind: 'global', scope: ['global'] })).toBe('global (every site)');
  expect(scopeWords({ ...base, kind: 'site', scope: [] })).toBe('the whole site');
  expect(scopeWords({ ...base, kind: 'site', scope: ['posts', 'stats'] })).toBe('posts, stats');
});

test('the status line says whether WordPress.com confirmed the token, or could not be asked', () => {
  expect(healthWords(base)).toBe('Connected (not checked yet)');
  expect(healthWords({ ...base, health: { status: 'valid', checkedAt: 2 } })).toBe(
    'Connected: WordPress.com confirmed the token',
  );
  expect(healthWords({ ...base, health: { status: 'unreachable', checkedAt: 2 } })).toBe(
    'Could not check (WordPress.com unreachable)',
  );
});
