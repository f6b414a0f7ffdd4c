import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
import { hiddenFields, obtainCode } from './drive-consent.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import { authorizeUrl, OTHER_CLIENT, SANDBOX, SANDBOX_API, sandboxAppFor, TEST_CLIENTS } from './test-support.ts';

let emulator: RunningEmulator;
const redirectUri = SANDBOX.redirectUris[0] ?? '';
const base = { client_id: SANDBOX.clientId, redirect_uri: redirectUri, response_type: 'code', state: 'st-1' };
/** The sandbox's app for the endpoint: the login app at /authenticate, the API app at /authorize. */
const baseFor = (endpoint: string) => ({
  ...base,
  client_id: sandboxAppFor(endpoint === 'authorize' ? 'authorize' : 'authenticate').clientId,
});

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
});
afterAll(() => emulator.close());
beforeEach(() => emulatorControl(emulator.url).reset());

const page = (endpoint: string, params: Record<string, string>) =>
  fetch(authorizeUrl(emulator, endpoint, params), { redirect: 'manual' });

function redirectParams(response: Response): URLSearchParams {
  const location = response.headers.get('location');
  if (!location) throw new Error(`No redirect: HTTP ${response.status}`);
  const url = new URL(location);
  expect(url.origin + url.pathname).toBe(redirectUri);
  return url.searchParams;
}

describe('consent page', () => {
  it.each(['authenticate', 'authorize'])('renders an accessible page for /oauth2/%s', async (endpoint) => {
    const response = await page(endpoint, baseFor(endpoint));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await response.text();
    const heading = `Connect ${sandboxAppFor(endpoint === 'authorize' ? 'authorize' : 'authenticate').name} to your account`;
    expect(html).toContain(`<title>${heading}</title>`);
    expect(html).toContain(`<h1>${heading}</h1>`);
    expect(html).toMatch(/<fieldset>\s*<legend>Account<\/legend>/);
    expect(html).toMatch(/value="alice" checked> Alice Example <span[^>]*>@alicewrites/);
    expect(html).toMatch(/value="bob"> Bob Unverified <span[^>]*>@bobunverified/);
    expect(html).toContain('>Approve</button>');
    expect(html).toContain('>Deny</button>');
    expect(html).not.toMatch(/<script/i);
    expect(Object.fromEntries(hiddenFields(html))).toMatchObject({
      endpoint,
      state: 'st-1',
      redirect_uri: redirectUri,
    });
  });

  it('refuses an unknown client with a 400 page', async () => {
    const response = await page('authenticate', { ...base, client_id: '12345' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('Invalid client');
  });

  it.each([
    ['unregistered', 'https://evil.example/'],
    ['without its trailing slash', redirectUri.replace(/\/$/, '')],
    ['of another client', OTHER_CLIENT.redirectUris[0] ?? ''],
  ])('never redirects to a redirect_uri %s', async (_, uri) => {
    const response = await page('authenticate', { ...base, redirect_uri: uri, response_type: 'token' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('Invalid redirect_uri');
  });

  it('refuses a repeated redirect_uri with a page', async () => {
    const url = `${authorizeUrl(emulator, 'authenticate', base)}&redirect_uri=${encodeURIComponent('https://evil.example/')}`;
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('redirects back with unsupported_response_type', async () => {
    const params = redirectParams(await page('authenticate', { ...base, response_type: 'token' }));
    expect(params.get('error')).toBe('unsupported_response_type');
    expect(params.get('state')).toBe('st-1');
  });

  it.each([
    ['authenticate', 'global'],
    ['authenticate', 'auth,posts'],
    ['authorize', 'global,posts'],
    ['authorize', 'auth posts'],
    ['authorize', 'everything'],
  ])('redirects /%s with scope "%s" back with invalid_scope', async (endpoint, scope) => {
    const params = redirectParams(await page(endpoint, { ...baseFor(endpoint), scope }));
    expect(params.get('error')).toBe('invalid_scope');
    expect(params.get('code')).toBeNull();
  });

  it.each(['auth', 'posts,media', 'posts media', 'global'])('accepts scope "%s" at /authorize', async (scope) => {
    expect((await page('authorize', { ...baseFor('authorize'), scope })).status).toBe(200);
  });

  it.each(['5001', 'https://alicewrites.wordpress.com', 'someone-else.wordpress.com', ''])(
    'refuses blog "%s" with scope=global with a 400 page, never a redirect',
    async (blog) => {
      const response = await page('authorize', { ...baseFor('authorize'), scope: 'global', blog });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      const html = await response.text();
      expect(html).toContain('Invalid request');
      expect(html).toContain('cannot be combined with scope=global');
      expect(html).not.toContain('<form');
    },
  );

  it('still takes blog with a one-site grant, and global without blog', async () => {
    expect((await page('authorize', { ...baseFor('authorize'), scope: 'posts', blog: '5001' })).status).toBe(200);
    expect((await page('authorize', { ...baseFor('authorize'), blog: '5001' })).status).toBe(200);
    expect((await page('authorize', { ...baseFor('authorize'), scope: 'global' })).status).toBe(200);
  });
});

describe('an app registered for one use (WordPress.com: not one app for login and blog access)', () => {
  it.each([
    ['the login app', 'authorize', SANDBOX.clientId, /login only/],
    ['the API app', 'authenticate', SANDBOX_API.clientId, /API access/],
  ])('redirects %s at /%s back with unauthorized_client, and no code', async (_, endpoint, clientId, says) => {
    const params = redirectParams(await page(endpoint, { ...base, client_id: clientId }));
    expect(params.get('error')).toBe('unauthorized_client');
    expect(params.get('error_description')).toMatch(says);
    expect(params.get('state')).toBe('st-1');
    expect(params.get('code')).toBeNull();
  });

  it.each(['authenticate', 'authorize'])('an app registered with no use takes /%s', async (endpoint) => {
    const other = {
      client_id: OTHER_CLIENT.clientId,
      redirect_uri: OTHER_CLIENT.redirectUris[0] ?? '',
      response_type: 'code',
    };
    expect((await page(endpoint, other)).status).toBe(200);
  });
});

describe('consent form', () => {
  const consent = { clientId: SANDBOX.clientId, redirectUri };

  it('approves with a fresh code and the state echoed exactly', async () => {
    const state = 'a b&c=d/é';
    const first = await obtainCode(emulator.oauthUrl, { ...consent, state });
    const second = await obtainCode(emulator.oauthUrl, { ...consent, state });
    expect(first.state).toBe(state);
    expect(first.error).toBeNull();
    expect(first.code).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(second.code).not.toBe(first.code);
    expect(first.location.href.startsWith(redirectUri)).toBe(true);
  });

  it('leaves state out when the app sent none', async () => {
    const result = await obtainCode(emulator.oauthUrl, consent);
    expect(result.code).not.toBeNull();
    expect(result.location.searchParams.has('state')).toBe(false);
  });

  it('denies with access_denied and the state', async () => {
    const result = await obtainCode(emulator.oauthUrl, { ...consent, state: 'st-2', decision: 'deny' });
    expect(result).toMatchObject({ code: null, state: 'st-2', error: 'access_denied' });
  });

  async function renderedForm(): Promise<URLSearchParams> {
    const html = await (await page('authenticate', base)).text();
    const form = new URLSearchParams(hiddenFields(html));
    form.set('user', 'alice');
    form.set('decision', 'approve');
    return form;
  }
  const post = (form: URLSearchParams) =>
    fetch(`${emulator.oauthUrl}/consent`, { method: 'POST', body: form, redirect: 'manual' });

  it('accepts each nonce once', async () => {
    const form = await renderedForm();
    expect((await post(form)).status).toBe(302);
    const replay = await post(form);
    expect(replay.status).toBe(400);
    expect(replay.headers.get('location')).toBeNull();
  });

  it('refuses a form whose hidden fields were changed', async () => {
    const form = await renderedForm();
    form.set('redirect_uri', OTHER_CLIENT.redirectUris[0] ?? '');
    const response = await post(form);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});
