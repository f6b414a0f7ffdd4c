import { describe, expect, test } from 'vitest';
import type { AccessRequest, SiteScope } from './access';
import type { Connection } from './connection';
import { widerAccessNotice, widerThanAsked } from './granted-access';

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
