import { describe, expect, test } from 'vitest';
import type { AccessRequest, SiteScope } from './access';
import type { Connection } from './connection';
import { grantedAccessNotice, widerAccessNotice, widerThanAsked } from './granted-access';

const login: Pick<Connection, 'kind' | 'scope'> = { kind: 'login', scope: ['auth'] };
const global: Pick<Connection, 'kind' | 'scope'> = { kind: 'global', scope: ['global'] };
const site = (...scope: string[]): Pick<Connection, 'kind' | 'scope'> => ({ kind: 'site', scope });
const someSite = (...scopes: SiteScope[]): AccessRequest => ({ level: 'site', scopes });

describe('widerThanAsked', () => {
  test.each<[string, AccessRequest, Pick<Connection, 'kind' | 'scope'>, boolean]>([
    ['profile → login', { level: 'profile' }, login, false],
    ['profile → a site', { level: 'profile' }, site(), true],
    ['profile → all sites', { level: 'profile' }, global, true],
    ['one site in full → the site in full', someSite(), site(), false],
    ['one site in full → all sites', someSite(), global, true],
    ['posts, media → posts, media', someSite('posts', 'media'), site('media', 'posts'), false],
    ['posts, media → posts (narrower)', someSite('posts', 'media'), site('posts'), false],
    ['posts, media → the whole site', someSite('posts', 'media'), site(), true],
    ['posts → posts, stats', someSite('posts'), site('posts', 'stats'), true],
    ['posts → all sites', someSite('posts'), global, true],
    ['all sites → anything', { level: 'global' }, site(), false],
  ])('%s: %s', (_, asked, granted, wider) => {
    expect(widerThanAsked(asked, granted)).toBe(wider);
    expect(widerAccessNotice(asked, granted)?.code).toBe(wider ? 'access_wider' : undefined);
  });

  test('the notice says what was asked for and what was given', () => {
    expect(widerAccessNotice(someSite('posts', 'media'), site())?.message).toBe(
      'You asked for One site, limited to posts, media; this connection has One site, in full. It is kept and shown as it is.',
    );
    expect(widerAccessNotice({ level: 'profile' }, global)?.message).toMatch(/asked for Profile only; .* All sites\./);
  });
});

describe('grantedAccessNotice', () => {
  const at = (blogId: number | null, blogUrl: string | null = null) => ({ blogId, blogUrl });
  test.each<[string, AccessRequest, Pick<Connection, 'kind' | 'scope' | 'blogId' | 'blogUrl'>, string | undefined]>([
    ['all sites → all sites', { level: 'global' }, { ...global, ...at(null) }, undefined],
    ['all sites → one site', { level: 'global' }, { ...site(), ...at(5001) }, 'access_other'],
    ['all sites → the profile', { level: 'global' }, { ...login, ...at(null) }, 'access_other'],
    ['a site → the profile', someSite(), { ...login, ...at(null) }, 'access_other'],
    ['site 5001 → site 5001', { level: 'site', blog: '5001', scopes: [] }, { ...site(), ...at(5001) }, undefined],
    ['site 5001 → site 5002', { level: 'site', blog: '5001', scopes: [] }, { ...site(), ...at(5002) }, 'access_other'],
    // An address is not compared: WordPress.com names the site by its primary address (a mapped domain).
    [
      'a.wordpress.com → b.com',
      { level: 'site', blog: 'a.wordpress.com', scopes: [] },
      { ...site(), ...at(5002, 'https://b.com') },
      undefined,
    ],
    ['any site → a site', someSite(), { ...site(), ...at(5002) }, undefined],
    ['profile → all sites (wider)', { level: 'profile' }, { ...global, ...at(null) }, 'access_wider'],
  ])('%s', (_, asked, granted, code) => {
    expect(grantedAccessNotice(asked, granted)?.code).toBe(code);
  });

  test('the notice names the site asked for and the one given', () => {
    const notice = grantedAccessNotice(
      { level: 'site', blog: '5001', scopes: [] },
      { ...site(), blogId: 5002, blogUrl: 'https://bobunverified.wordpress.com' },
    );
    expect(notice?.message).toBe(
      'You asked for the site 5001; this connection is for bobunverified.wordpress.com. It is kept and shown as it is.',
    );
    expect(grantedAccessNotice({ level: 'global' }, { ...site(), blogId: 5001, blogUrl: null })?.message).toBe(
      'You asked for All sites; this connection has One site, in full. It is kept and shown as it is.',
    );
  });
});
