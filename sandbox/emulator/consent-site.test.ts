/** The consent page's site picker for one-site grants, and the site the issued token then reaches. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
import { type ConsentParams, checkedRadio, hiddenFields, obtainCode, selectedOption } from './drive-consent.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import {
  authorizeUrl,
  credentialsOf,
  exchange,
  freshCode,
  getMe,
  SANDBOX_API,
  sandboxAppFor,
  TEST_CLIENTS,
} from './test-support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof emulatorControl>;
const redirectUri = SANDBOX_API.redirectUris[0] ?? '';
/** The sandbox's app for the endpoint: the login app at /authenticate, the API app at /authorize. */
const baseFor = (endpoint: string) => ({
  client_id: sandboxAppFor(endpoint === 'authorize' ? 'authorize' : 'authenticate').clientId,
  redirect_uri: redirectUri,
  response_type: 'code',
});
const consent = { clientId: SANDBOX_API.clientId, redirectUri, endpoint: 'authorize' } as const;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(() => control.reset());

const pageHtml = async (endpoint: string, params: Record<string, string> = {}) => {
  const response = await fetch(authorizeUrl(emulator, endpoint, { ...baseFor(endpoint), ...params }), {
    redirect: 'manual',
  });
  expect(response.status).toBe(200);
  return response.text();
};

const NOT_YOURS = /is not one of\s+your sites/;

describe('the site picker', () => {
  it('lists each account’s sites for a one-site grant', async () => {
    const html = await pageHtml('authorize');
    expect(html).toMatch(/<label for="blog_id">Site<\/label>\s*<select id="blog_id" name="blog_id">/);
    const alice = html.match(/<optgroup label="Alice Example \(@alicewrites\)">([\s\S]*?)<\/optgroup>/)?.[1] ?? '';
    const bob = html.match(/<optgroup label="Bob Unverified \(@bobunverified\)">([\s\S]*?)<\/optgroup>/)?.[1] ?? '';
    expect([...alice.matchAll(/value="(\d+)"/g)].map((m) => m[1])).toEqual(['5001', '5003']);
    expect([...bob.matchAll(/value="(\d+)"/g)].map((m) => m[1])).toEqual(['5002']);
    expect(html).not.toContain('someone-else');
    // Nothing asked for: the chosen account's primary site, and alice checked.
    expect(selectedOption(html, 'blog_id')).toBe('');
    expect(checkedRadio(html, 'user')).toBe('alice');
    expect(html).not.toMatch(NOT_YOURS);
  });

  it.each([
    ['authenticate', {}],
    ['authorize', { scope: 'global' }],
    ['authorize', { scope: 'auth' }],
  ])('is absent from /%s %o', async (endpoint, params) => {
    const html = await pageHtml(endpoint, params);
    expect(html).not.toContain('<select');
  });

  it.each([
    ['5003', 'alice', '5003'],
    ['alicecooks.wordpress.com', 'alice', '5003'],
    ['https://alicecooks.wordpress.com', 'alice', '5003'],
    ['https://AliceCooks.WordPress.com/some/path/', 'alice', '5003'],
    ['http://alicewrites.wordpress.com', 'alice', '5001'],
    ['5002', 'bob', '5002'],
    ['bobunverified.wordpress.com', 'bob', '5002'],
  ])('shows the requested site %s with no picker, and checks its account', async (blog, user, site) => {
    const html = await pageHtml('authorize', { blog, scope: 'posts' });
    // The docs: the user picks only "when `blog` is absent or not theirs".
    expect(html).not.toContain('<select');
    expect(selectedOption(html, 'blog_id')).toBeUndefined();
    const host = { '5001': 'alicewrites', '5002': 'bobunverified', '5003': 'alicecooks' }[site];
    expect(html).toMatch(
      new RegExp(`Site: <strong>[^<]+</strong> \\(${host}\\.wordpress\\.com\\), the site the app asked for`),
    );
    expect(checkedRadio(html, 'user')).toBe(user);
    expect(html).not.toMatch(NOT_YOURS);
    expect(html).toContain(`Access to one site (https://${host}.wordpress.com)`);
  });

  it.each(['5004', 'someone-else.wordpress.com', 'https://someone-else.wordpress.com/', '999999', 'example.org'])(
    'says a requested site that is not theirs (%s) is not theirs, and lets them pick',
    async (blog) => {
      const html = await pageHtml('authorize', { blog });
      expect(html).toMatch(NOT_YOURS);
      expect(html).toContain(`The app asked for ${blog}`);
      expect(selectedOption(html, 'blog_id')).toBe('');
      expect(html).toMatch(/<option value="5001">/);
    },
  );
});

describe('the site chosen', () => {
  async function tokenAnswer(params: ConsentParams) {
    const response = await exchange(emulator, await freshCode(emulator, params));
    expect(response.status).toBe(200);
    return (await response.json()) as { access_token: string; blog_id: unknown; blog_url: unknown };
  }
  const tokenInfo = async (token: string) =>
    (
      await fetch(`${emulator.oauthUrl}/token-info?${new URLSearchParams({ client_id: SANDBOX_API.clientId, token })}`)
    ).json();

  it.each([
    ['alice', 5003, 'https://alicecooks.wordpress.com'],
    ['alice', 5001, 'https://alicewrites.wordpress.com'],
    ['bob', 5002, 'https://bobunverified.wordpress.com'],
  ] as const)('%s picking %i gets a token for that site', async (user, blogId, url) => {
    const answer = await tokenAnswer({ ...consent, user, blogId });
    expect(answer).toMatchObject({ blog_id: String(blogId), blog_url: url });
    expect(await tokenInfo(answer.access_token)).toMatchObject({ blog_id: String(blogId) });
    expect(await (await getMe(emulator, answer.access_token)).json()).toMatchObject({ token_site_id: blogId });
  });

  it('gives the account’s primary site when the picker is left alone', async () => {
    expect(await tokenAnswer({ ...consent, user: 'bob' })).toMatchObject({
      blog_id: '5002',
      blog_url: 'https://bobunverified.wordpress.com',
    });
    expect(await tokenAnswer({ ...consent })).toMatchObject({ blog_id: '5001' });
  });

  it('gives the requested site when the picker is left at it', async () => {
    const answer = await tokenAnswer({ ...consent, blog: 'https://alicecooks.wordpress.com/' });
    expect(answer).toMatchObject({ blog_id: '5003', blog_url: 'https://alicecooks.wordpress.com' });
    expect(await tokenAnswer({ ...consent, blog: '5002' })).toMatchObject({ blog_id: '5002' }); // bob checked
  });

  it('lets them pick a site of theirs when the requested one is not theirs', async () => {
    const answer = await tokenAnswer({ ...consent, blog: 'someone-else.wordpress.com', blogId: 5003 });
    expect(answer).toMatchObject({ blog_id: '5003' });
  });

  async function postForm(
    endpoint: string,
    fields: Record<string, string>,
    params: Record<string, string> = {},
  ): Promise<Response> {
    const form = new URLSearchParams(hiddenFields(await pageHtml(endpoint, params)));
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return fetch(`${emulator.oauthUrl}/consent`, { method: 'POST', body: form, redirect: 'manual' });
  }

  it.each([
    ['another account’s site', { user: 'alice', blog_id: '5002' }],
    ['a stranger’s site', { user: 'bob', blog_id: '5004' }],
    ['a site that does not exist', { user: 'alice', blog_id: '999999' }],
    ['something that is not a site ID', { user: 'alice', blog_id: 'alicewrites.wordpress.com' }],
  ])('refuses %s with a 400 page and no code', async (_, fields) => {
    const response = await postForm('authorize', { ...fields, decision: 'approve' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('Invalid consent form');
    expect((await control.stats()).codesIssued).toBe(0);
  });

  it.each([
    ['another site of theirs', '5003', 'alicewrites.wordpress.com'],
    ['another account’s site', '5002', '5001'],
    ['a stranger’s site', '5004', 'https://alicewrites.wordpress.com'],
    ['the primary site, by ID', '5001', 'alicecooks.wordpress.com'],
  ])(
    'refuses a post swapping the requested site of theirs for %s, with a 400 page and no code',
    async (_, blogId, blog) => {
      const response = await postForm('authorize', { user: 'alice', blog_id: blogId, decision: 'approve' }, { blog });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toMatch(/Invalid consent form[\s\S]*cannot be swapped for another/);
      expect((await control.stats()).codesIssued).toBe(0);
    },
  );

  it('takes a post that names the requested site itself', async () => {
    const response = await postForm(
      'authorize',
      { user: 'alice', blog_id: '5003', decision: 'approve' },
      { blog: '5003' },
    );
    expect(response.status).toBe(302);
    const code = new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect(await (await exchange(emulator, code, credentialsOf(SANDBOX_API))).json()).toMatchObject({
      blog_id: '5003',
    });
  });

  it('gives another account than the requested site’s owner its own site: the requested one is not theirs', async () => {
    expect(await tokenAnswer({ ...consent, blog: '5001', user: 'bob' })).toMatchObject({ blog_id: '5002' });
    await expect(
      obtainCode(emulator.oauthUrl, { ...consent, blog: '5001', user: 'bob', blogId: 5001 }),
    ).rejects.toThrow(/HTTP 400/);
    expect((await control.stats()).codesIssued).toBe(1);
  });

  it('refuses a site choice posted with a login or global grant', async () => {
    for (const [endpoint, params] of [
      ['authenticate', {}],
      ['authorize', { scope: 'global' }],
    ] as const) {
      const response = await postForm(endpoint, { user: 'alice', blog_id: '5001', decision: 'approve' }, params);
      expect(response.status).toBe(400);
    }
  });

  it('denies without looking at the site', async () => {
    const response = await postForm('authorize', { user: 'alice', blog_id: '5004', decision: 'deny' });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });
});
