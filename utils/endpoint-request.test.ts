import { describe, expect, test } from 'vitest';
import { ENDPOINTS, type EndpointSpec, findEndpoint } from './endpoint-catalogue';
import { buildEndpointRequest, type RequestConnection } from './endpoint-request';
import { ConnectError, type ErrorCode } from './errors';

const API = 'https://public-api.wordpress.com/rest';
const TOKEN = 'tok)%&@(^ /?#';

const login: RequestConnection = { accessToken: TOKEN, kind: 'login', scope: ['auth'], blogId: null, blogUrl: null };
const global: RequestConnection = {
  accessToken: TOKEN,
  kind: 'global',
  scope: ['global'],
  blogId: null,
  blogUrl: null,
};
const site: RequestConnection = {
  accessToken: TOKEN,
  kind: 'site',
  scope: [],
  blogId: 5001,
  blogUrl: 'https://AliceWrites.wordpress.com/',
};
const postsOnly: RequestConnection = { ...site, scope: ['posts'] };

function endpoint(id: string): EndpointSpec {
  const found = findEndpoint(id);
  if (!found) throw new Error(`no endpoint ${id}`);
  return found;
}

function refusal(run: () => unknown): ConnectError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectError);
    return error as ConnectError;
  }
  throw new Error('expected a refusal');
}
const codeOf = (run: () => unknown): ErrorCode => refusal(run).code;

describe('building a console request', () => {
  test('/me with a login token: the URL, the header with the token as is, JSON', () => {
    const built = buildEndpointRequest(API, endpoint('me'), {}, login);
    expect(built.url.href).toBe('https://public-api.wordpress.com/rest/v1.1/me');
    expect(built.method).toBe('GET');
    expect(built.headers).toEqual({ Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' });
  });

  test('path and query parameters are validated, normalised and encoded', () => {
    const built = buildEndpointRequest(
      'http://127.0.0.1:8790/rest/',
      endpoint('site-posts'),
      { site: ' Example.WordPress.com ', number: '5', status: 'draft, pending' },
      global,
    );
    expect(built.url.href).toBe(
      'http://127.0.0.1:8790/rest/v1.1/sites/example.wordpress.com/posts?number=5&status=draft%2Cpending',
    );
  });

  test('a count is any whole number in its range, sent as the number it is; the range is documented per endpoint', () => {
    const posts = (number: string) =>
      buildEndpointRequest(API, endpoint('site-posts'), { site: '5001', number }, global).url.searchParams.get(
        'number',
      );
    expect(posts('0100')).toBe('100');
    expect(posts(' 007 ')).toBe('7');
    expect(refusal(() => posts('1000')).message).toContain('between 1 and 100');
    expect(refusal(() => posts('1.5')).message).toContain('whole number');
    // /read/liked: "Limit: 40."
    const liked = (number: string) => () => buildEndpointRequest(API, endpoint('read-liked'), { number }, global);
    expect(liked('40')().url.search).toBe('?number=40');
    expect(refusal(liked('41')).message).toContain('between 1 and 40');
    // /read/following/mine (v1.1) documents no paging: nothing to send.
    expect(refusal(() => buildEndpointRequest(API, endpoint('read-following'), { number: '5' }, global)).code).toBe(
      'invalid_params',
    );
  });

  test('an empty optional parameter is left out; an empty required one is missing', () => {
    const built = buildEndpointRequest(API, endpoint('read-liked'), { number: '' }, global);
    expect(built.url.search).toBe('');
    const missing = refusal(() => buildEndpointRequest(API, endpoint('site'), { site: '  ' }, global));
    expect(missing.code).toBe('invalid_params');
    expect(missing.message).toContain('“site” is required');
  });

  test('unknown parameter names are refused', () => {
    const error = refusal(() => buildEndpointRequest(API, endpoint('me'), { fields: 'ID' }, login));
    expect(error.code).toBe('invalid_params');
    expect(error.message).toContain('fields');
    const odd = refusal(() => buildEndpointRequest(API, endpoint('me'), { '../x': '1' }, login));
    expect(odd.message).not.toContain('../x');
  });

  test('bad values are refused naming the field, never quoting the value', () => {
    for (const [id, params] of [
      ['site', { site: '../../oauth2/token' }],
      ['site', { site: 'https://evil.example/' }],
      ['site-posts', { site: 'example.com', number: '1000' }],
      ['site-posts', { site: 'example.com', number: 'x<script>' }],
      ['site-posts', { site: 'example.com', status: 'trash<script>' }],
    ] as const) {
      const error = refusal(() => buildEndpointRequest(API, endpoint(id), params, global));
      expect(error.code).toBe('invalid_params');
      for (const value of Object.values(params)) {
        if (value !== 'example.com') expect(error.message).not.toContain(value);
      }
    }
  });

  test('a login token is refused everything but /me before sending: documented', () => {
    for (const other of ENDPOINTS.filter((each) => each.id !== 'me')) {
      const params: Record<string, string> = other.params.some((param) => param.name === 'site')
        ? { site: '5001' }
        : {};
      const kind = refusal(() => buildEndpointRequest(API, other, params, login));
      expect(kind.code).toBe('scope_insufficient');
      expect(kind.message).toMatch(/needs a site token|needs an “All sites” token/);
    }
  });

  test('a scope or kind only assumed to fall short is built and sent: WordPress.com decides', () => {
    // Which scope a narrowed one-site token needs is not documented, nor that connected apps need "All sites".
    expect(buildEndpointRequest(API, endpoint('site-stats'), { site: '5001' }, postsOnly).url.pathname).toBe(
      '/rest/v1.1/sites/5001/stats',
    );
    expect(buildEndpointRequest(API, endpoint('me-settings'), {}, postsOnly).url.pathname).toBe(
      '/rest/v1.1/me/settings',
    );
    expect(buildEndpointRequest(API, endpoint('connected-apps'), {}, site).url.pathname).toBe(
      '/rest/v1.1/me/connected-applications',
    );
    expect(buildEndpointRequest(API, endpoint('site-posts'), { site: '5001' }, postsOnly).url.pathname).toBe(
      '/rest/v1.1/sites/5001/posts',
    );
  });

  test('a one-site token is refused, before sending, only another site ID: certainly another site', () => {
    for (const own of ['5001', '005001', 'alicewrites.wordpress.com', 'ALICEWRITES.wordpress.COM']) {
      expect(buildEndpointRequest(API, endpoint('site'), { site: own }, site).url.href).toMatch(/\/sites\/[^/]+$/);
    }
    for (const other of ['5002', '50011', '500', '0']) {
      const error = refusal(() => buildEndpointRequest(API, endpoint('site-posts'), { site: other }, site));
      expect(error.code).toBe('scope_insufficient');
      expect(error.message).toContain('alicewrites.wordpress.com (site 5001)');
    }
    // Without a readable blog_url the site is named by its ID alone.
    const noUrl = { ...site, blogUrl: null };
    expect(refusal(() => buildEndpointRequest(API, endpoint('site'), { site: '5002' }, noUrl)).message).toContain(
      'reaches only site 5001,',
    );
    // A global token may ask for any site: WordPress.com says whether it is the person's.
    expect(buildEndpointRequest(API, endpoint('site'), { site: '5002' }, global).url.pathname).toBe(
      '/rest/v1.1/sites/5002',
    );
    // Endpoints that are not bound to a site do not care.
    expect(buildEndpointRequest(API, endpoint('me-sites'), {}, site).url.pathname).toBe('/rest/v1.1/me/sites');
  });

  test('a host other than blog_url’s is sent: the same site has several, WordPress.com decides', () => {
    // blog_url gives the primary address only; a mapped domain, www. or the wordpress.com address is the same site.
    const mapped: RequestConnection = { ...site, blogId: 123, blogUrl: 'https://example.com' };
    for (const host of ['example.wordpress.com', 'www.example.com', 'example.org', 'example.com']) {
      expect(buildEndpointRequest(API, endpoint('site-posts'), { site: host }, mapped).url.pathname).toBe(
        `/rest/v1.1/sites/${host}/posts`,
      );
    }
    // Another site's host is sent too (its 403 "User cannot access this blog" is worded by api-problem.ts), and
    // however much it looks like blog_url's, it stays one path segment on the API.
    for (const host of ['bobunverified.wordpress.com', 'alicewrites.wordpress.com.evil.example', 'wordpress.com']) {
      const built = buildEndpointRequest(API, endpoint('site-posts'), { site: host }, site);
      expect(built.url.origin).toBe('https://public-api.wordpress.com');
      expect(built.url.pathname).toBe(`/rest/v1.1/sites/${host}/posts`);
    }
    // The ID stays certain: another ID is refused even though the host would have been sent.
    expect(codeOf(() => buildEndpointRequest(API, endpoint('site-posts'), { site: '124' }, mapped))).toBe(
      'scope_insufficient',
    );
  });

  test('a one-site token whose site ID is unknown is not refused locally: nothing is certain', () => {
    for (const unknown of [
      { ...site, blogId: null, blogUrl: null },
      { ...site, blogId: null },
    ]) {
      for (const value of ['5001', '5002', 'alicewrites.wordpress.com', 'example.com']) {
        expect(buildEndpointRequest(API, endpoint('site'), { site: value }, unknown).url.pathname).toBe(
          `/rest/v1.1/sites/${value}`,
        );
      }
    }
  });

  test('the token is never in the URL', () => {
    const built = buildEndpointRequest(API, endpoint('site-posts'), { site: '5001', number: '3' }, site);
    expect(built.url.href).not.toContain('tok');
    expect(decodeURIComponent(built.url.href)).not.toContain(TOKEN);
  });

  test('a path parameter that slipped past its schema is still refused', () => {
    const loose: EndpointSpec = {
      ...endpoint('site'),
      params: [
        { ...endpoint('site').params[0], schema: { safeParse: (v: string) => ({ success: true, data: v }) } } as never,
      ],
    };
    for (const value of ['.', '..', 'a/b', 'a\\b', '%2e%2e', 'a?b', 'a#b', 'user@host']) {
      expect(codeOf(() => buildEndpointRequest(API, loose, { site: value }, global))).toBe('invalid_params');
    }
  });
});
