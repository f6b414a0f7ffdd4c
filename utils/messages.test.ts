import { afterEach, beforeEach, describe, expect, expectTypeOf, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from './background-router';
import { readConnectionStore } from './connection-store';
import type { BackgroundRequest, BackgroundResponse } from './messages';
import { takeStorageNotice } from './stored';
import {
  askBackground as ask,
  pageSender,
  storeConnections as store,
  stubUnreachableConfig,
} from './testing/background';
import { ALICE, BOB, fakeConnection, globalConnection } from './testing/fixtures';

const options = pageSender('options');

const SIGNED_OUT = {
  status: 'signed_out',
  connections: [],
  activeId: null,
  settings: { access: { level: 'profile' }, showGravatar: true },
};

describe('the background message handler', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    takeStorageNotice();
    // A call that got as far as the network would fail as `network`.
    stubUnreachableConfig();
  });
  afterEach(() => vi.unstubAllEnvs());

  test('the protocol is exactly these requests', () => {
    expectTypeOf<BackgroundRequest['type']>().toEqualTypeOf<
      | 'getState'
      | 'signIn'
      | 'refreshProfile'
      | 'checkHealth'
      | 'selectConnection'
      | 'revoke'
      | 'saveSettings'
      | 'dismissRestore'
      | 'dismissOutcome'
      | 'keepFrame'
      | 'callEndpoint'
      | 'keepConsoleDraft'
      | 'readConsoleDraft'
    >();
    expectTypeOf(handleMessage).returns.resolves.toEqualTypeOf<BackgroundResponse>();
  });

  test('answers its own pages', async () => {
    expect(await ask({ type: 'getState' })).toEqual({ ok: true, state: SIGNED_OUT });
    expect(await ask({ type: 'getState' }, options)).toEqual({ ok: true, state: SIGNED_OUT });
  });

  test('the state lists connections newest first, without tokens, and the active one', async () => {
    const older = fakeConnection({ profile: ALICE, obtainedAt: 10 });
    const newer = globalConnection({ profile: BOB, obtainedAt: 20 });
    await store(newer, older);
    const answer = await ask({ type: 'getState' });
    expect(answer).toMatchObject({ ok: true, state: { status: 'signed_in', activeId: older.id } });
    if (!answer.ok) throw new Error('expected ok');
    expect(answer.state.connections.map((c) => c.id)).toEqual([newer.id, older.id]);
    for (const connection of answer.state.connections) expect(connection).not.toHaveProperty('accessToken');
    const sent = JSON.stringify(answer);
    for (const { accessToken } of [older, newer]) expect(sent).not.toContain(accessToken);
  });

  test.each([
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' }],
    ['a web page', { id: fakeBrowser.runtime.id, url: 'https://evil.example/' }],
    ['no URL', { id: fakeBrowser.runtime.id }],
    ['nobody', {}],
  ])('refuses %s with bad_message and changes nothing', async (_, sender) => {
    const connection = fakeConnection();
    await store(connection, fakeConnection());
    const before = await fakeBrowser.storage.local.get(null);
    for (const message of [
      { type: 'getState' },
      { type: 'revoke', id: connection.id },
      { type: 'selectConnection', id: connection.id },
      { type: 'saveSettings', settings: { access: { level: 'global' } } },
    ]) {
      const answer = await handleMessage(message, sender);
      expect(answer).toEqual({ ok: false, error: { code: 'bad_message', message: expect.any(String) } });
    }
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  test.each([
    ['not an object', 'getState'],
    ['an unknown type', { type: 'deleteEverything' }],
    ['extra fields', { type: 'revoke', token: 'x' }],
    ['a malformed id', { type: 'selectConnection', id: '../x' }],
    ['bad settings', { type: 'saveSettings', settings: { access: { level: 'global', blog: 'example.com' } } }],
    ['a site level with an unknown scope', { type: 'signIn', access: { level: 'site', scopes: ['everything'] } }],
    [
      'a console call with a bad parameter name',
      { type: 'callEndpoint', connectionId: 'conn-0001', endpoint: 'me', params: { 'a b': 'x' } },
    ],
    [
      'a console call with a huge value',
      { type: 'callEndpoint', connectionId: 'conn-0001', endpoint: 'me', params: { x: 'x'.repeat(5000) } },
    ],
    ['a console call naming no connection', { type: 'callEndpoint', endpoint: 'me', params: {} }],
    [
      'a console call naming a malformed one',
      { type: 'callEndpoint', connectionId: '../x', endpoint: 'me', params: {} },
    ],
    ['no type', {}],
    ['null', null],
  ])('refuses %s with bad_message and changes nothing', async (_, message) => {
    await store(fakeConnection({ accessToken: 'keep-me' }));
    const before = await fakeBrowser.storage.local.get(null);
    const answer = await ask(message);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    expect(answer).not.toHaveProperty('state');
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  test('selectConnection: makes another one active; an unknown id is refused and changes nothing', async () => {
    const [a, b] = [fakeConnection(), fakeConnection()];
    await store(a, b);
    expect(await ask({ type: 'selectConnection', id: a.id })).toMatchObject({ ok: true, state: { activeId: a.id } });
    const refused = await ask({ type: 'selectConnection', id: 'unknown-connection' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'connection_gone' }, state: { activeId: a.id } });
  });

  test('saveSettings: stored and shown', async () => {
    const settings = {
      access: { level: 'site', blog: 'example.wordpress.com', scopes: ['posts'] },
      showGravatar: true,
    };
    expect(await ask({ type: 'saveSettings', settings })).toMatchObject({ ok: true, state: { settings } });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings });
    // A page that does not know the Gravatar option yet saves with its default.
    const { showGravatar: _, ...older } = settings;
    expect(await ask({ type: 'saveSettings', settings: older })).toMatchObject({ ok: true, state: { settings } });
  });

  test('revoke {id}: ends that connection only', async () => {
    const [a, b] = [fakeConnection(), fakeConnection()];
    await store(a, b);
    const answer = await ask({ type: 'revoke', id: a.id });
    expect(answer).toMatchObject({ ok: true, revocation: 'manual', state: { activeId: b.id } });
    expect((await readConnectionStore()).connections.map((c) => c.id)).toEqual([b.id]);
    expect(await ask({ type: 'revoke', id: a.id })).toMatchObject({ ok: true, revocation: 'none' });
    expect(await ask({ type: 'revoke' })).toMatchObject({ ok: true, revocation: 'manual', state: SIGNED_OUT });
  });

  test('callEndpoint: refusals come back as errors with the state; a network failure too', async () => {
    const connection = fakeConnection();
    const call = (endpoint: string) => ({ type: 'callEndpoint', connectionId: connection.id, endpoint, params: {} });
    expect(await ask(call('me'))).toMatchObject({
      ok: false,
      error: { code: 'connection_gone', message: expect.stringMatching(/No connection is stored/) },
      state: SIGNED_OUT,
    });
    await store(connection);
    expect(await ask(call('me-sites'))).toMatchObject({ ok: false, error: { code: 'scope_insufficient' } });
    expect(await ask(call('me'))).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  test('callEndpoint names the connection the console shows: another one active is refused, nothing sent', async () => {
    const shown = fakeConnection({ profile: ALICE });
    const active = globalConnection({ profile: BOB });
    await store(shown, active);
    const fetched = vi.spyOn(globalThis, 'fetch');
    expect(await ask({ type: 'callEndpoint', connectionId: shown.id, endpoint: 'me', params: {} })).toMatchObject({
      ok: false,
      error: { code: 'connection_gone', message: expect.stringMatching(/no longer the one in use/) },
      state: { activeId: active.id },
    });
    expect(fetched).not.toHaveBeenCalled();
    // Without the connection it is a malformed request.
    expect(await ask({ type: 'callEndpoint', endpoint: 'me', params: {} })).toMatchObject({
      ok: false,
      error: { code: 'bad_message' },
    });
    expect((await readConnectionStore()).connections).toHaveLength(2);
  });

  test('damage found on the way is reported once, in the next answer', async () => {
    await fakeBrowser.storage.local.set({ connections: 'garbage' });
    expect(await ask({ type: 'getState' })).toMatchObject({ ok: true, notice: { code: 'storage_corrupt' } });
    expect(await ask({ type: 'getState' })).not.toHaveProperty('notice');
  });

  test('the popup handing over its frame (an answer it does not read) leaves a damage notice for the next answer', async () => {
    await fakeBrowser.storage.local.set({ connections: 'garbage' });
    expect(await ask({ type: 'keepFrame', frame: null })).toEqual({ ok: true, state: SIGNED_OUT });
    expect(await ask({ type: 'getState' })).toMatchObject({ ok: true, notice: { code: 'storage_corrupt' } });
  });

  test('a frame names the connections it shows, in bounds; anything else is a malformed request', async () => {
    const frame = { drawnBy: 'chrome-extension://id/chunks/popup.js', nodes: [] };
    expect(await ask({ type: 'keepFrame', frame, drawnFor: { activeId: null, connectionIds: [] } })).toMatchObject({
      ok: true,
    });
    for (const drawnFor of [
      { activeId: 'conn-a' },
      { activeId: 7, connectionIds: [] },
      { activeId: null, connectionIds: Array.from({ length: 21 }, (_, i) => `conn-${i}`) },
      { activeId: null, connectionIds: [], extra: true },
    ]) {
      expect(await ask({ type: 'keepFrame', frame, drawnFor } as never), JSON.stringify(drawnFor)).toMatchObject({
        ok: false,
        error: { code: 'bad_message' },
      });
    }
  });

  test('never hands a token to a page, whatever it asks', async () => {
    const tokens = ['secret-token-1)%&@(^', 'secret-token-2'];
    const [login, global] = [
      fakeConnection({ accessToken: tokens[0], profile: ALICE }),
      globalConnection({ accessToken: tokens[1], profile: BOB }),
    ];
    await store(login, global);
    const messages: unknown[] = [
      { type: 'getState' },
      { type: 'refreshProfile' },
      { type: 'callEndpoint', connectionId: global.id, endpoint: 'me', params: {} },
      { type: 'callEndpoint', connectionId: login.id, endpoint: 'site', params: { site: 'x' } },
      { type: 'selectConnection', id: 'nope-nope' },
      { type: 'saveSettings', settings: { access: { level: 'global' } } },
      { type: 'revoke' },
      { type: 'getState' },
    ];
    const sent: unknown[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      sent.push(message);
    });
    for (const message of messages) {
      const answer = JSON.stringify(await ask(message));
      for (const token of tokens) expect(answer).not.toContain(token);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent.length).toBeGreaterThan(0);
    for (const token of tokens) expect(JSON.stringify(sent)).not.toContain(token);
  });
});
