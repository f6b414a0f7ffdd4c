import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
import { obtainCode } from './drive-consent.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import { exchange, freshCode, getMe, OTHER_CLIENT, SANDBOX, TEST_CLIENTS, tokenForm } from './test-support.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
});
afterAll(() => emulator.close());

async function expectRefusal(response: Response, error: string): Promise<void> {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await response.json();
  expect(body).toEqual({ error, error_description: expect.any(String) });
}

describe('POST /oauth2/token refusals', () => {
  it('takes only form-encoded bodies', async () => {
    const code = await freshCode(emulator);
    const fields = {
      client_id: SANDBOX.clientId,
      client_secret: SANDBOX.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: SANDBOX.redirectUris[0],
    };
    const response = await fetch(emulator.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(fields),
    });
    await expectRefusal(response, 'invalid_request');
    // The refused request did not spend the code.
    expect((await exchange(emulator, code)).status).toBe(200);
  });

  it.each([
    ['an unknown client', { client_id: '424242' }],
    ['a wrong secret', { client_secret: `${SANDBOX.clientSecret}x` }],
    ['no secret', { client_secret: '' }],
    ['another client’s secret', { client_secret: OTHER_CLIENT.clientSecret }],
  ])('answers invalid_client for %s', async (_, overrides) => {
    await expectRefusal(await exchange(emulator, await freshCode(emulator), overrides), 'invalid_client');
  });

  it('reads no HTTP Basic credentials', async () => {
    const basic = btoa(`${SANDBOX.clientId}:${SANDBOX.clientSecret}`);
    const response = await fetch(emulator.tokenUrl, {
      ...tokenForm({ grant_type: 'authorization_code', code: await freshCode(emulator) }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
    });
    await expectRefusal(response, 'invalid_client');
  });

  it.each(['refresh_token', 'client_credentials', 'password'])(
    'answers unsupported_grant_type for %s',
    async (grant) => {
      await expectRefusal(
        await exchange(emulator, await freshCode(emulator), { grant_type: grant }),
        'unsupported_grant_type',
      );
    },
  );

  it('answers invalid_request without a code', async () => {
    await expectRefusal(await exchange(emulator, ''), 'invalid_request');
  });

  it('answers invalid_grant for an unknown code', async () => {
    await expectRefusal(await exchange(emulator, 'not-a-code-we-issued'), 'invalid_grant');
  });

  it('answers invalid_grant for a reused code', async () => {
    const code = await freshCode(emulator);
    expect((await exchange(emulator, code)).status).toBe(200);
    await expectRefusal(await exchange(emulator, code), 'invalid_grant');
  });

  it('answers invalid_grant for a wrong redirect_uri, and the code is spent', async () => {
    const code = await freshCode(emulator);
    const wrong = SANDBOX.redirectUris[0]?.replace(/\/$/, '') ?? '';
    await expectRefusal(await exchange(emulator, code, { redirect_uri: wrong }), 'invalid_grant');
    await expectRefusal(await exchange(emulator, code), 'invalid_grant');
  });

  it('answers invalid_grant for another client’s code', async () => {
    const redirectUri = OTHER_CLIENT.redirectUris[0] ?? '';
    const { code } = await obtainCode(emulator.oauthUrl, { clientId: OTHER_CLIENT.clientId, redirectUri });
    expect(code).not.toBeNull();
    await expectRefusal(await exchange(emulator, code ?? '', { redirect_uri: redirectUri }), 'invalid_grant');
  });

  it('answers invalid_grant for an expired code', async () => {
    const shortLived = await startEmulator({ codeTtlMs: 30 });
    try {
      const code = await freshCode(shortLived);
      await new Promise((resolve) => setTimeout(resolve, 60));
      await expectRefusal(await exchange(shortLived, code), 'invalid_grant');
    } finally {
      await shortLived.close();
    }
  });
});

describe('POST /oauth2/token success', () => {
  it('gives a login token: blog_id 0, the public-api URL, scope auth', async () => {
    const response = await exchange(emulator, await freshCode(emulator));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      blog_id: 0,
      blog_url: 'http://public-api.wordpress.com',
      scope: 'auth',
    });
  });

  it('gives a token with characters that need encoding, and it works as a Bearer token as is', async () => {
    const body = await (await exchange(emulator, await freshCode(emulator))).json();
    expect(body.access_token).toMatch(/[)%&@(^]/);
    expect(body.access_token.length).toBeGreaterThanOrEqual(49);
    expect((await getMe(emulator, body.access_token)).status).toBe(200);
    expect((await getMe(emulator, encodeURIComponent(body.access_token))).status).toBe(400);
  });

  it('gives a global token with a string "0" blog_id and no blog_url', async () => {
    const code = await freshCode(emulator, { endpoint: 'authorize', scope: 'global' });
    const body = await (await exchange(emulator, code)).json();
    expect(body).toMatchObject({ token_type: 'bearer', blog_id: '0', blog_url: null, scope: 'global' });
  });

  it('tokenAnswerOtherForm: scopes comma-separated and blog_id a number, as the docs also show', async () => {
    const control = emulatorControl(emulator.url);
    await control.setBehaviour({ tokenAnswerOtherForm: true });
    try {
      const narrowed = await freshCode(emulator, { endpoint: 'authorize', scope: 'posts stats', blog: '5003' });
      expect(await (await exchange(emulator, narrowed)).json()).toMatchObject({ blog_id: 5003, scope: 'posts,stats' });
      const global = await freshCode(emulator, { endpoint: 'authorize', scope: 'global' });
      expect(await (await exchange(emulator, global)).json()).toMatchObject({ blog_id: 0, scope: 'global' });
    } finally {
      await control.setBehaviour({ tokenAnswerOtherForm: false });
    }
  });

  it('gives a one-site token with the blog_id as a string', async () => {
    const code = await freshCode(emulator, { endpoint: 'authorize', user: 'bob' });
    const body = await (await exchange(emulator, code)).json();
    expect(body).toMatchObject({ blog_id: '5002', blog_url: 'https://bobunverified.wordpress.com', scope: '' });
  });

  it('reads comma-separated scopes and answers them space-separated', async () => {
    const code = await freshCode(emulator, { endpoint: 'authorize', scope: 'posts,media' });
    const body = await (await exchange(emulator, code)).json();
    expect(body).toMatchObject({ blog_id: '5001', scope: 'posts media' });
  });
});
