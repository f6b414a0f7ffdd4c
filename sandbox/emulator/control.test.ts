import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultEmulatorBehaviour } from './behaviour.ts';
import { emulatorControl } from './control-client.ts';
import { obtainCode } from './drive-consent.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import { authorizeUrl, exchange, freshCode, freshToken, getMe, SANDBOX } from './test-support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof emulatorControl>;
const consent = { clientId: SANDBOX.clientId, redirectUri: SANDBOX.redirectUris[0] ?? '' };

beforeAll(async () => {
  emulator = await startEmulator();
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(() => control.reset());

const behaviour = async () => (await fetch(`${emulator.url}/__sandbox/behaviour`)).json();

describe('behaviour switches', () => {
  it('tamperState sends back a different state', async () => {
    await control.setBehaviour({ tamperState: true });
    const result = await obtainCode(emulator.oauthUrl, { ...consent, state: 'mine' });
    expect(result.code).not.toBeNull();
    expect(result.state).not.toBe('mine');
  });

  it('tokenDelayMs holds the token answer', async () => {
    const code = await freshCode(emulator);
    await control.setBehaviour({ tokenDelayMs: 400 });
    const started = performance.now();
    expect((await exchange(emulator, code)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('a token request whose client leaves while tokenDelayMs holds it is counted as abandoned; one waited for is not', async () => {
    // Held long enough for the client to leave while it waits, however busy the machine.
    await control.setBehaviour({ tokenDelayMs: 2_000 });
    const leaving = new AbortController();
    const left = fetch(emulator.tokenUrl, { method: 'POST', body: 'code=x', signal: leaving.signal });
    await expect.poll(async () => (await control.stats()).tokenRequests).toBe(1);
    leaving.abort();
    await expect(left).rejects.toThrow();
    await control.setBehaviour({ tokenDelayMs: 0 });
    expect((await exchange(emulator, await freshCode(emulator))).status).toBe(200);
    // The left one is counted once its hold is over.
    await expect
      .poll(async () => control.stats(), { timeout: 10_000 })
      .toMatchObject({ tokenRequests: 2, tokenRequestsAbandoned: 1 });
  });

  it('tokenFailure redirect answers 307 to a place that counts who followed it, and does not spend the code', async () => {
    const code = await freshCode(emulator);
    await control.setBehaviour({ tokenFailure: 'redirect' });
    const redirect = await fetch(emulator.tokenUrl, { method: 'POST', redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(new URL('/oauth2/token-moved', emulator.tokenUrl).href);
    expect((await control.stats()).tokenRedirectsFollowed).toBe(0);
    // fetch's default follows a 307 with the same method and body: that is what gets counted.
    const followed = await exchange(emulator, code);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ access_token: 'followed-a-redirect' });
    expect(await control.stats()).toMatchObject({ tokenRequests: 2, tokenRedirectsFollowed: 1, tokensIssued: 0 });
    await control.setBehaviour({ tokenFailure: null });
    expect((await exchange(emulator, code)).status).toBe(200);
  });

  it('tokenFailure html answers 200 text/html, server_error a 500 JSON, and neither spends the code', async () => {
    const code = await freshCode(emulator);
    await control.setBehaviour({ tokenFailure: 'html' });
    const html = await exchange(emulator, code);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    await control.setBehaviour({ tokenFailure: 'server_error' });
    const failed = await exchange(emulator, code);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: 'server_error' });
    await control.setBehaviour({ tokenFailure: null });
    expect((await exchange(emulator, code)).status).toBe(200);
  });

  it('consentStatus makes the consent page fail', async () => {
    await control.setBehaviour({ consentStatus: 500 });
    const params = { client_id: SANDBOX.clientId, redirect_uri: consent.redirectUri, response_type: 'code' };
    const response = await fetch(authorizeUrl(emulator, 'authenticate', params), { redirect: 'manual' });
    expect(response.status).toBe(500);
    expect(response.headers.get('location')).toBeNull();
  });

  it('meFailure garbage answers 200 text/html, wrong_shape 200 JSON that is no user', async () => {
    const token = await freshToken(emulator);
    await control.setBehaviour({ meFailure: 'garbage' });
    const html = await getMe(emulator, token);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    await control.setBehaviour({ meFailure: 'wrong_shape' });
    const wrong = await getMe(emulator, token);
    expect(wrong.status).toBe(200);
    expect(await wrong.json()).toEqual({ ID: 'not-a-number', display_name: null, verified: 'yes' });
    expect((await control.stats()).meRequests).toBe(2);
  });

  it('gravatarFailure: 500 JSON, 429 with X-RateLimit-Reset (or no rate-limit headers), 200 HTML; each counted', async () => {
    const url = `${emulator.gravatarUrl}/profiles/${'0'.repeat(64)}`;
    await control.setBehaviour({ gravatarFailure: 'server_error' });
    expect((await fetch(url)).status).toBe(500);
    await control.setBehaviour({ gravatarFailure: 'rate_limited' });
    const limited = await fetch(url);
    expect(limited.status).toBe(429);
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset - Date.now() / 1000).toBeGreaterThan(110);
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(121);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.has('retry-after')).toBe(false);
    expect(await limited.json()).toEqual({ error: 'Rate limit exceeded', code: 'rate_limit_exceeded' });
    await control.setBehaviour({ gravatarRetryAfter: null });
    const bare = await fetch(url);
    expect(bare.status).toBe(429);
    expect([...bare.headers.keys()].filter((name) => /^(retry-after|x-ratelimit-)/.test(name))).toEqual([]);
    await control.setBehaviour({ gravatarFailure: 'garbage' });
    const html = await fetch(url);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await control.stats()).gravatarRequests).toBe(4);
  });

  it('outage drops every public request without an answer, keep-alive ones too; the control API still answers', async () => {
    const token = await freshToken(emulator);
    // A connection kept alive from before the outage is dropped too.
    const warm = await getMe(emulator, token);
    await warm.text();
    await control.setBehaviour({ outage: true });
    await expect(getMe(emulator, token)).rejects.toThrow(TypeError);
    await expect(fetch(`${emulator.oauthUrl}/token-info?client_id=1&token=x`)).rejects.toThrow(TypeError);
    await expect(fetch(`${emulator.gravatarUrl}/profiles/${'0'.repeat(64)}`)).rejects.toThrow(TypeError);
    await expect(fetch(`${emulator.url}/`)).rejects.toThrow(TypeError);
    expect(await control.stats()).toMatchObject({
      droppedRequests: 4,
      meRequests: 1,
      tokenInfoRequests: 0,
      gravatarRequests: 0,
    });
    await control.setBehaviour({ outage: false });
    expect((await getMe(emulator, token)).status).toBe(200);
  });

  it('refuses junk and keeps what it had', async () => {
    await control.setBehaviour({ tokenDelayMs: 5 });
    for (const junk of [
      { tokenDelayMs: -1 },
      { tokenFailure: 'explode' },
      { consentStatus: 42 },
      { nope: true },
      { gravatarFailure: 'teapot' },
      { gravatarRetryAfter: -1 },
      { avatarDelayMs: 60_000 },
      { outage: 'yes' },
      { meFailure: 'html' },
    ]) {
      await expect(control.setBehaviour(junk as object)).rejects.toThrow(/HTTP 400/);
    }
    const notJson = await fetch(`${emulator.url}/__sandbox/behaviour`, {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(await behaviour()).toEqual({ ...defaultEmulatorBehaviour, tokenDelayMs: 5 });
  });

  it('refuses requests from web pages', async () => {
    const response = await fetch(`${emulator.url}/__sandbox/reset`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});

describe('tokens, stats and reset', () => {
  it('revoke-tokens revokes one user’s tokens, or everyone’s', async () => {
    const alice = await freshToken(emulator);
    const bob = await freshToken(emulator, { user: 'bob' });
    await control.revokeTokens('bobunverified');
    expect((await getMe(emulator, alice)).status).toBe(200);
    expect((await getMe(emulator, bob)).status).toBe(403);
    await control.revokeTokens();
    expect((await getMe(emulator, alice)).status).toBe(403);
    await expect(control.revokeTokens('nobody')).rejects.toThrow(/HTTP 404/);
  });

  it('counts the requests it sees', async () => {
    const token = await freshToken(emulator);
    await exchange(emulator, 'unknown-code');
    await getMe(emulator, token);
    await fetch(`${emulator.oauthUrl}/token-info?client_id=${SANDBOX.clientId}&token=x`);
    await fetch(`${emulator.gravatarUrl}/profiles/${'0'.repeat(64)}`);
    expect(await control.stats()).toEqual({
      consentPages: 1,
      authFlows: 1,
      consentApprovals: 1,
      consentDenials: 0,
      codesIssued: 1,
      tokenRequests: 2,
      tokenRequestsAbandoned: 0,
      tokenRedirectsFollowed: 0,
      tokensIssued: 1,
      meRequests: 1,
      tokenInfoRequests: 1,
      gravatarRequests: 1,
      droppedRequests: 0,
      restRequests: { '/rest/v1.1/me': 1 },
    });
  });

  it('counts sign-in flows, not consent requests: one per client and state, as Firefox loads the page twice', async () => {
    const params = { client_id: SANDBOX.clientId, redirect_uri: consent.redirectUri, response_type: 'code' };
    const page = async (extra: Record<string, string>) => {
      const response = await fetch(authorizeUrl(emulator, 'authenticate', { ...params, ...extra }));
      await response.body?.cancel();
    };
    // Firefox's background request and its window: the same URL, one flow.
    await page({ state: 'flow-one' });
    await page({ state: 'flow-one' });
    await page({ state: 'flow-two' });
    // Without a state nothing ties two requests together: each is a flow.
    await page({});
    await page({});
    expect(await control.stats()).toMatchObject({ consentPages: 5, authFlows: 4 });
    // The same state for another client is another flow.
    await page({ state: 'flow-one', client_id: '99001' });
    expect((await control.stats()).authFlows).toBe(5);
  });

  it('counts approvals and denials of the consent form', async () => {
    await obtainCode(emulator.oauthUrl, { ...consent, state: 'a' });
    await obtainCode(emulator.oauthUrl, { ...consent, state: 'b', decision: 'deny' });
    await obtainCode(emulator.oauthUrl, { ...consent, state: 'c', decision: 'deny' });
    expect(await control.stats()).toMatchObject({
      authFlows: 3,
      consentApprovals: 1,
      consentDenials: 2,
      codesIssued: 1,
    });
  });

  it('reset forgets codes, tokens, switches and counts', async () => {
    const code = await freshCode(emulator);
    const token = await freshToken(emulator);
    await control.setBehaviour({
      tamperState: true,
      meFailure: 'server_error',
      outage: true,
      gravatarFailure: 'garbage',
    });
    await control.reset();
    expect((await exchange(emulator, code)).status).toBe(400);
    expect((await getMe(emulator, token)).status).toBe(400);
    expect(await behaviour()).toEqual(defaultEmulatorBehaviour);
    expect(await control.stats()).toMatchObject({ consentPages: 0, authFlows: 0, consentApprovals: 0 });
  });

  it('reset forgets the flows it has seen: the same state counts again', async () => {
    await obtainCode(emulator.oauthUrl, { ...consent, state: 'again' });
    await control.reset();
    await obtainCode(emulator.oauthUrl, { ...consent, state: 'again' });
    expect((await control.stats()).authFlows).toBe(1);
  });
});

describe('mint-codes', () => {
  const tokenOf = async (response: Response) => ((await response.json()) as { access_token?: string }).access_token;

  it('issues real single-use codes: each exchanges once, then invalid_grant', async () => {
    const codes = await control.mintCodes({ count: 3 });
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    for (const code of codes) {
      const first = await exchange(emulator, code);
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ token_type: 'bearer', blog_id: 0, scope: 'auth' });
      const again = await exchange(emulator, code);
      expect(again.status).toBe(400);
      expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
    }
    expect(await control.stats()).toMatchObject({ codesIssued: 3, tokensIssued: 3, consentPages: 0 });
  });

  it('binds each code to its user, client and redirect URI', async () => {
    const [forBob] = await control.mintCodes({ count: 1, user: 'bob', clientId: SANDBOX.clientId });
    const token = await tokenOf(await exchange(emulator, forBob ?? ''));
    expect(await (await getMe(emulator, token ?? '')).json()).toMatchObject({ username: 'bobunverified' });

    const [elsewhere, wrongClient] = await control.mintCodes({ count: 2 });
    const otherUri = await exchange(emulator, elsewhere ?? '', { redirect_uri: 'https://other.example/' });
    expect(await otherUri.json()).toMatchObject({ error: 'invalid_grant' });
    const otherClient = await exchange(emulator, wrongClient ?? '', { client_id: '1', client_secret: 'x' });
    expect(await otherClient.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('expires codes after ttlMs', async () => {
    const [code] = await control.mintCodes({ count: 1, ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await (await exchange(emulator, code ?? '')).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses bad counts, lifetimes, clients, redirect URIs and users', async () => {
    for (const junk of [
      { count: 0 },
      { count: 500_001 },
      { count: 1.5 },
      { count: 1, ttlMs: 60 * 60 * 1000 + 1 },
      { count: 1, clientId: '99999' },
      { count: 1, redirectUri: 'https://evil.example/' },
      { count: 1, extra: true },
    ]) {
      await expect(control.mintCodes(junk)).rejects.toThrow(/HTTP 400/);
    }
    await expect(control.mintCodes({ count: 1, user: 'nobody' })).rejects.toThrow(/HTTP 404/);
    expect((await control.stats()).codesIssued).toBe(0);
  });
});

describe('close', () => {
  it('frees the port and ends keep-alive connections', async () => {
    const extra = await startEmulator();
    const kept = await fetch(`${extra.url}/__sandbox/stats`, { headers: { Connection: 'keep-alive' } });
    expect(kept.status).toBe(200);
    await kept.text();
    await extra.close();
    await expect(fetch(`${extra.url}/__sandbox/stats`)).rejects.toThrow();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(extra.port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
