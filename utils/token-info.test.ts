import { describe, expect, test } from 'vitest';
import { connectionLabel as labelInPopup } from '../components/connection-words';
import { connectionView } from './connection';
import { accessToRestore, connectionLabel, restoreOfferFor } from './restore-offer';
import { ALICE, fakeConnection, globalConnection, siteConnection } from './testing/fixtures';
import { judgeTokenInfo, tokenInfoUrl } from './token-info';

const CLIENT = '84620';
const ok = (body: object) => ({ status: 200, body });
const info = (fields: object = {}) => ({ client_id: CLIENT, user_id: 1001, blog_id: 0, scope: 'auth', ...fields });

describe('the token-info request', () => {
  test('carries the client ID and the token URL-encoded, as the endpoint requires', () => {
    const url = new URL(tokenInfoUrl('https://public-api.wordpress.com/oauth2', CLIENT, 'a)%&@(^+/= b'));
    expect(url.pathname).toBe('/oauth2/token-info');
    expect(url.search).not.toContain('&@');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: CLIENT, token: 'a)%&@(^+/= b' });
  });
});

describe('judging a token-info answer', () => {
  const login = fakeConnection({ profile: ALICE });
  const site = siteConnection({ profile: ALICE, scope: ['posts', 'media'] });
  const global = globalConnection({ profile: ALICE });

  test('valid: our client, the stored account, scope and site (blog_id null or 0 for no site)', () => {
    expect(judgeTokenInfo(ok(info()), login, CLIENT)).toEqual({ type: 'valid' });
    expect(judgeTokenInfo(ok(info({ blog_id: null })), login, CLIENT)).toEqual({ type: 'valid' });
    expect(judgeTokenInfo(ok(info({ blog_id: 5001, scope: 'media,posts' })), site, CLIENT)).toEqual({ type: 'valid' });
    expect(judgeTokenInfo(ok(info({ blog_id: '5001', scope: 'posts media' })), site, CLIENT)).toEqual({
      type: 'valid',
    });
    expect(judgeTokenInfo(ok(info({ blog_id: null, scope: 'global' })), global, CLIENT)).toEqual({ type: 'valid' });
    expect(judgeTokenInfo(ok(info({ client_id: 84620, user_id: '1001' })), login, CLIENT)).toEqual({ type: 'valid' });
    // A scope that is null or absent says nothing about the reach: the stored one stands.
    expect(judgeTokenInfo(ok(info({ scope: null })), login, CLIENT)).toEqual({ type: 'valid' });
    const { scope: _, ...noScope } = info({ blog_id: null }) as Record<string, unknown>;
    expect(judgeTokenInfo(ok(noScope), global, CLIENT)).toEqual({ type: 'valid' });
    // A narrowed one-site connection too: no scope stated is not "the whole site".
    expect(judgeTokenInfo(ok(info({ blog_id: 5001, scope: null })), site, CLIENT)).toEqual({ type: 'valid' });
    // Whose it is cannot be compared before the first /me.
    const unknown = fakeConnection();
    expect(judgeTokenInfo(ok(info({ user_id: 7 })), unknown, CLIENT)).toEqual({ type: 'valid' });
  });

  test('WordPress.com’s refusal (400 invalid_request) means the token is dead', () => {
    const body = { error: 'invalid_request', error_description: 'The specified token is invalid.' };
    expect(judgeTokenInfo({ status: 400, body }, login, CLIENT)).toEqual({ type: 'invalid', reason: 'refused' });
  });

  test.each([
    ['another app’s token', info({ client_id: '99001' }), 'client'],
    ['another account’s token', info({ user_id: 1002 }), 'account'],
  ])('invalid: %s', (_, body, reason) => {
    expect(judgeTokenInfo(ok(body), login, CLIENT)).toEqual({ type: 'invalid', reason });
  });

  test('a login or global token naming a site is still what we stored: only a one-site token has a site', () => {
    expect(judgeTokenInfo(ok(info({ blog_id: 5001 })), login, CLIENT)).toEqual({ type: 'valid' });
    expect(judgeTokenInfo(ok(info({ blog_id: '5001', scope: 'global' })), global, CLIENT)).toEqual({
      type: 'valid',
    });
  });

  test('a live token reaching other scopes or another site is kept, its reach corrected to WordPress.com’s', () => {
    expect(judgeTokenInfo(ok(info({ scope: 'global' })), login, CLIENT)).toEqual({
      type: 'valid',
      corrected: { kind: 'global', scope: ['global'], blogId: null, blogUrl: null },
    });
    // Narrower than stored.
    expect(judgeTokenInfo(ok(info({ blog_id: 5001, scope: 'posts' })), site, CLIENT)).toEqual({
      type: 'valid',
      corrected: { kind: 'site', scope: ['posts'], blogId: 5001, blogUrl: site.blogUrl },
    });
    // The whole site instead of the scopes stored.
    expect(judgeTokenInfo(ok(info({ blog_id: 5001, scope: '' })), site, CLIENT)).toMatchObject({
      corrected: { kind: 'site', scope: [], blogId: 5001 },
    });
    // Another site: its address is not known, so none is claimed.
    expect(judgeTokenInfo(ok(info({ blog_id: 5003, scope: 'posts,media' })), site, CLIENT)).toEqual({
      type: 'valid',
      corrected: { kind: 'site', scope: ['posts', 'media'], blogId: 5003, blogUrl: null },
    });
  });

  test('what token-info leaves out says nothing: an empty scope of a login or global token, a one-site token’s missing site', () => {
    expect(judgeTokenInfo(ok(info({ scope: '', blog_id: 0 })), login, CLIENT)).toEqual({ type: 'valid' });
    expect(judgeTokenInfo(ok(info({ scope: '', blog_id: null })), global, CLIENT)).toEqual({ type: 'valid' });
    expect(judgeTokenInfo(ok(info({ blog_id: null, scope: 'posts,media' })), site, CLIENT)).toEqual({ type: 'valid' });
    // Its scope is still corrected; its site stays.
    expect(judgeTokenInfo(ok(info({ blog_id: null, scope: '' })), site, CLIENT)).toEqual({
      type: 'valid',
      corrected: { kind: 'site', scope: [], blogId: 5001, blogUrl: site.blogUrl },
    });
  });

  test('a corrected scope list holds each scope once', () => {
    expect(judgeTokenInfo(ok(info({ blog_id: 5001, scope: 'posts,posts posts' })), site, CLIENT)).toMatchObject({
      corrected: { scope: ['posts'] },
    });
  });

  test.each([
    ['a server error', { status: 500, body: { error: 'server_error' } }],
    ['a 503 page', { status: 503, body: undefined }],
    ['another 400', { status: 400, body: { error: 'invalid_client' } }],
    ['a 200 that is not JSON (a captive portal)', { status: 200, body: undefined }],
    ['a 200 of the wrong shape', ok({ client_id: CLIENT })],
    ['a 403', { status: 403, body: { error: 'forbidden' } }],
  ])('no verdict on %s: nothing may be removed because of it', (_, answer) => {
    expect(judgeTokenInfo(answer, login, CLIENT)).toMatchObject({ type: 'unknown' });
  });
});

describe('the offer to sign in again', () => {
  test('asks for the access that would recreate the connection', () => {
    expect(accessToRestore(fakeConnection())).toEqual({ level: 'profile' });
    expect(accessToRestore(globalConnection())).toEqual({ level: 'global' });
    expect(accessToRestore(siteConnection())).toEqual({ level: 'site', blog: '5001', scopes: [] });
    expect(accessToRestore(siteConnection({ scope: ['posts', 'stats'] }))).toEqual({
      level: 'site',
      blog: '5001',
      scopes: ['posts', 'stats'],
    });
    expect(accessToRestore(siteConnection({ blogId: null, blogUrl: null }))).toEqual({ level: 'site', scopes: [] });
  });

  test('names whose connection it was, and what it reached', () => {
    expect(connectionLabel(fakeConnection({ profile: ALICE }))).toBe('Alice Example — Profile only');
    expect(connectionLabel(globalConnection({ profile: ALICE }))).toBe('Alice Example — All sites');
    expect(connectionLabel(siteConnection({ profile: ALICE }))).toBe(
      'Alice Example — One site: alicewrites.wordpress.com',
    );
    // One whose profile never arrived is named as its row in the popup names it: by when it was obtained.
    const unnamed = siteConnection({ blogUrl: null, scope: ['posts'] });
    expect(connectionLabel(unnamed)).toMatch(/^WordPress\.com account, signed in .+ — One site: site 5001 \(posts\)$/);
    expect(connectionLabel(unnamed)).toBe(labelInPopup(connectionView(unnamed)));
    const long = connectionLabel(fakeConnection({ profile: { ...ALICE, displayName: 'A'.repeat(400) } }));
    expect(long.length).toBe(300);
    // Kept with whose account it is (so that it goes when the person ends that account's access), when known.
    expect(restoreOfferFor(globalConnection({ profile: ALICE }), 5)).toEqual({
      access: { level: 'global' },
      label: 'Alice Example — All sites',
      removedAt: 5,
      accountId: ALICE.id,
    });
    expect(restoreOfferFor(globalConnection({ profile: undefined }), 5)).not.toHaveProperty('accountId');
  });
});
