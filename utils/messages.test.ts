import { beforeEach, describe, expect, expectTypeOf, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from './background-router';
import type { BackgroundRequest, BackgroundResponse } from './messages';
import { saveConnection } from './stored';

const popup = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };

describe('the background message handler', () => {
  beforeEach(() => fakeBrowser.reset());

  test('the protocol is exactly these requests', () => {
    expectTypeOf<BackgroundRequest['type']>().toEqualTypeOf<'getState' | 'signIn' | 'refreshProfile' | 'revoke'>();
    expectTypeOf(handleMessage).returns.resolves.toEqualTypeOf<BackgroundResponse>();
  });

  test('answers its own pages', async () => {
    expect(await handleMessage({ type: 'getState' }, popup)).toEqual({ ok: true, state: { status: 'signed_out' } });
  });

  test.each([
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' }],
    ['a web page', { id: fakeBrowser.runtime.id, url: 'https://evil.example/' }],
    ['no URL', { id: fakeBrowser.runtime.id }],
    ['nobody', {}],
  ])('refuses %s with bad_message', async (_, sender) => {
    const answer = await handleMessage({ type: 'getState' }, sender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_message' } });
  });

  test.each([
    ['not an object', 'getState'],
    ['an unknown type', { type: 'deleteEverything' }],
    ['extra fields', { type: 'revoke', token: 'x' }],
    ['no type', {}],
    ['null', null],
  ])('refuses %s with bad_message and changes nothing', async (_, message) => {
    await saveConnection({ accessToken: 'keep-me', scope: ['auth'], blogId: null, blogUrl: null, obtainedAt: 1 });
    const before = await fakeBrowser.storage.local.get(null);
    const answer = await handleMessage(message, popup);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  test('never hands the token to a page', async () => {
    await saveConnection({ accessToken: 'secret-token', scope: ['auth'], blogId: null, blogUrl: null, obtainedAt: 1 });
    const answer = await handleMessage({ type: 'getState' }, popup);
    expect(answer).toMatchObject({ ok: true, state: { status: 'signed_in' } });
    expect(JSON.stringify(answer)).not.toContain('secret-token');
  });
});
