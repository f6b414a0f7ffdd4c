/**
 * A site as the person types it on the options page, and as WordPress.com's `blog` parameter gets it: one form
 * per site, so that the same site typed twice is the same access, and an address the browser shows in Unicode
 * is accepted.
 */
import { expect, test } from 'vitest';
import { accessRequestSchema, siteRefSchema } from './access';
import { siteRef, siteRefProblem } from './access-choices';

test('one form per site: the host as the browser writes it, an ID without leading zeros', () => {
  for (const [typed, sent] of [
    ['bücher.de', 'xn--bcher-kva.de'],
    ['https://BÜCHER.de/blog', 'https://xn--bcher-kva.de/blog'],
    ['Example.WordPress.com', 'example.wordpress.com'],
    ['example.com.', 'example.com'],
    ['HTTPS://Example.com:8443/Path', 'https://example.com:8443/Path'],
    ['example.com:080', 'example.com:80'],
    ['0123', '123'],
    ['12345', '12345'],
  ]) {
    expect(siteRef(typed ?? ''), typed).toEqual({ ok: true, site: sent });
    expect(siteRefSchema.parse(` ${typed} `)).toBe(sent);
  }
});

test('what is no site is refused, with the options page’s words', () => {
  for (const typed of [
    '0',
    '000',
    'example',
    'example.com:0',
    'example.com:99999',
    `${'a'.repeat(64)}.com`,
    '-example.com',
    'ex ample.com',
    'example..com',
    'ftp://example.com',
    'example.com?x=1',
    'https://',
    // What the URL parser would turn into another site than the one typed: a user name dropped, `\` read as `/`, a
    // percent-escape decoded, a number read as an IPv4 address.
    'alice@gmail.com',
    'https://me@example.com/blog',
    'example.com\\evil',
    'exa%6dple.com',
    '123.456',
    '0x7f.1',
    '1.2.3',
    '192.168.0.1',
  ]) {
    expect(siteRef(typed).ok, typed).toBe(false);
    expect(siteRefProblem(typed), typed).toMatch(/^Enter a site address/);
    expect(siteRefSchema.safeParse(typed).success, typed).toBe(false);
  }
});

test('the length limit is the host’s: a long host with a scheme still fits, a longer one does not', () => {
  const label = 'a'.repeat(60);
  const host = `${label}.${label}.${label}.${label}.com`;
  expect(host.length).toBe(247);
  expect(siteRef(`https://${host}/blog`)).toEqual({ ok: true, site: `https://${host}/blog` });
  const tooLong = 'A site address is too long: at most 253 characters for its name, 2048 in all.';
  expect(siteRefProblem(`${label}.${host}`)).toBe(tooLong);
  expect(siteRefProblem(`https://example.com/${'p'.repeat(2048)}`)).toBe(tooLong);
});

test('the access asked for holds the site in that form, so the same site typed twice is the same access', () => {
  const first = accessRequestSchema.parse({ level: 'site', blog: 'Example.com.', scopes: [] });
  const second = accessRequestSchema.parse({ level: 'site', blog: 'example.com', scopes: [] });
  expect(first).toEqual(second);
});
