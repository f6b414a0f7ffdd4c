import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningEmulator, startEmulator } from '../sandbox/emulator/start-emulator';
import { SANDBOX_API_CLIENT_ID, SANDBOX_CLIENT_ID, SANDBOX_REDIRECT_URI } from '../sandbox/sandbox-config';
import { type AccessRequest, SITE_SCOPES } from './access';
import { buildAuthenticateUrl, buildAuthorizeUrl } from './authorize-url';
import { clientIdFor } from './wpcom-apps';

const input = {
  oauthUrl: 'https://public-api.wordpress.com/oauth2',
  clientId: '84620',
  redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  state: 'state-0123456789abcdefghij_-',
};
const common = {
  client_id: '84620',
  redirect_uri: input.redirectUri,
  response_type: 'code',
  state: input.state,
};
const paramsOf = (url: URL) => Object.fromEntries(url.searchParams);

describe('the consent page address for each access level', () => {
  test('profile: /oauth2/authenticate with scope=auth', () => {
    const url = buildAuthorizeUrl(input, { level: 'profile' });
    expect(url.origin + url.pathname).toBe('https://public-api.wordpress.com/oauth2/authenticate');
    expect(paramsOf(url)).toEqual({ ...common, scope: 'auth' });
    expect(buildAuthenticateUrl(input).href).toBe(url.href);
  });

  test('site without blog or scopes: /oauth2/authorize with neither', () => {
    const url = buildAuthorizeUrl(input, { level: 'site', scopes: [] });
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(paramsOf(url)).toEqual(common);
  });

  test('site with a blog and scopes: both encoded, scopes space-separated', () => {
    const url = buildAuthorizeUrl(input, {
      level: 'site',
      blog: 'https://example.com/blog?x=1&y=2',
      scopes: ['posts', 'stats', 'posts'],
    });
    expect(paramsOf(url)).toEqual({ ...common, blog: 'https://example.com/blog?x=1&y=2', scope: 'posts stats' });
    expect(url.search).toContain('blog=https%3A%2F%2Fexample.com%2Fblog%3Fx%3D1%26y%3D2');
    expect(url.search).toContain('scope=posts+stats');
    expect(url.searchParams.getAll('blog')).toHaveLength(1);
  });

  test('site with a numeric blog ID', () => {
    expect(paramsOf(buildAuthorizeUrl(input, { level: 'site', blog: '12345', scopes: [] }))).toEqual({
      ...common,
      blog: '12345',
    });
  });

  test('global: scope=global and never a blog, whatever the input carries', () => {
    const url = buildAuthorizeUrl(input, { level: 'global', blog: 'example.com' } as never);
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(paramsOf(url)).toEqual({ ...common, scope: 'global' });
  });

  test('a redirect URI or state with special characters survives the round trip', () => {
    const odd = { ...input, redirectUri: 'https://x.chromiumapp.org/cb?a=1&b=2#f', state: 'a&b=c' };
    const url = buildAuthorizeUrl(odd, { level: 'global' });
    expect(url.searchParams.get('redirect_uri')).toBe(odd.redirectUri);
    expect(url.searchParams.get('state')).toBe('a&b=c');
    expect(url.hash).toBe('');
  });

  test('works against the emulator’s address too', () => {
    const url = buildAuthorizeUrl({ ...input, oauthUrl: 'http://127.0.0.1:8790/oauth2' }, { level: 'global' });
    expect(url.href.startsWith('http://127.0.0.1:8790/oauth2/authorize?')).toBe(true);
  });
});

describe('every access level against the emulator', () => {
  // The emulator refuses `blog` together with scope=global with a 400 page (the docs say to omit it then).
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  const accesses: AccessRequest[] = [
    { level: 'profile' },
    { level: 'global' },
    { level: 'global', blog: 'alicewrites.wordpress.com' } as never,
    { level: 'site', scopes: [] },
    { level: 'site', blog: '5001', scopes: [] },
    { level: 'site', blog: 'https://alicecooks.wordpress.com', scopes: [...SITE_SCOPES] },
  ];

  test.each(accesses)('%j gets the consent page, and never sends blog with scope=global', async (access) => {
    const url = buildAuthorizeUrl(
      {
        oauthUrl: emulator.oauthUrl,
        // The login app for "Profile only", the API app for site access, as the sign-in picks them.
        clientId: clientIdFor(access, {
          WXT_WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
          WXT_WPCOM_API_CLIENT_ID: SANDBOX_API_CLIENT_ID,
        }),
        redirectUri: SANDBOX_REDIRECT_URI,
        state: 's',
      },
      access,
    );
    const scopes = url.searchParams.get('scope')?.split(/[\s,]+/) ?? [];
    expect(url.searchParams.has('blog') && scopes.includes('global')).toBe(false);
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<form');
  });
});
