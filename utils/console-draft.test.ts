import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { takeStorageNotice } from './stored';
import { askBackground as ask, storeConnections as store, stubUnreachableConfig } from './testing/background';
import { fakeConnection } from './testing/fixtures';

const draftOf = (connectionId: string, values: Record<string, string> = { site: '123', number: '5' }) => ({
  connectionId,
  endpoint: 'site-posts',
  values,
});

const readDraft = (connectionId: string) => ask({ type: 'readConsoleDraft', connectionId });
const sessionKeys = async () => Object.keys(await fakeBrowser.storage.session.get(null));

describe("the endpoint console's draft, kept while the popup is closed", () => {
  beforeEach(() => {
    fakeBrowser.reset();
    takeStorageNotice();
    stubUnreachableConfig();
  });
  afterEach(() => vi.unstubAllEnvs());

  test('kept in storage.session, read back for its connection only; the newest replaces the last', async () => {
    const [a, b] = [fakeConnection(), fakeConnection()];
    await store(a, b);
    expect(await readDraft(a.id)).toEqual({ ok: true, state: expect.objectContaining({ status: 'signed_in' }) });

    expect(await ask({ type: 'keepConsoleDraft', draft: draftOf(a.id) })).toMatchObject({ ok: true });
    expect(await fakeBrowser.storage.session.get('consoleDraft')).toEqual({ consoleDraft: draftOf(a.id) });
    expect(await fakeBrowser.storage.local.get('consoleDraft')).toEqual({});
    expect(await readDraft(a.id)).toMatchObject({ ok: true, draft: draftOf(a.id) });
    // Another connection's draft is not handed out, and stays for when that one is shown again.
    expect(await readDraft(b.id)).not.toHaveProperty('draft');
    expect(await readDraft(a.id)).toMatchObject({ draft: draftOf(a.id) });

    await ask({ type: 'keepConsoleDraft', draft: draftOf(b.id, { site: 'other.example' }) });
    expect(await readDraft(a.id)).not.toHaveProperty('draft');
    expect(await readDraft(b.id)).toMatchObject({ draft: draftOf(b.id, { site: 'other.example' }) });
  });

  test('not kept for a connection that is not stored', async () => {
    const [a, gone] = [fakeConnection(), fakeConnection()];
    await store(a);
    await ask({ type: 'keepConsoleDraft', draft: draftOf(gone.id) });
    expect(await sessionKeys()).not.toContain('consoleDraft');
    // Nor does it take the place of a stored connection's draft.
    await ask({ type: 'keepConsoleDraft', draft: draftOf(a.id) });
    await ask({ type: 'keepConsoleDraft', draft: draftOf(gone.id) });
    expect(await readDraft(gone.id)).not.toHaveProperty('draft');
    expect(await readDraft(a.id)).toMatchObject({ draft: draftOf(a.id) });
  });

  test('goes with its connection, while another stays; and with the last connection', async () => {
    const [a, b] = [fakeConnection(), fakeConnection()];
    await store(a, b);
    await ask({ type: 'keepConsoleDraft', draft: draftOf(b.id) });
    // Revoking the other connection leaves it.
    await ask({ type: 'revoke', id: a.id });
    expect(await readDraft(b.id)).toMatchObject({ draft: draftOf(b.id) });

    const c = fakeConnection();
    await store(c);
    await ask({ type: 'keepConsoleDraft', draft: draftOf(c.id) });
    await ask({ type: 'revoke', id: c.id });
    expect(await sessionKeys()).not.toContain('consoleDraft');

    await ask({ type: 'keepConsoleDraft', draft: draftOf(b.id) });
    await ask({ type: 'revoke', id: b.id });
    // Only what the revoke did stays, for the next popup to say.
    expect(await sessionKeys()).toEqual(['outcome']);
  });

  test('a damaged draft is cleared and said once, in the next answer a page shows', async () => {
    const a = fakeConnection();
    await store(a);
    await fakeBrowser.storage.session.set({ consoleDraft: { connectionId: a.id, endpoint: 'x y', values: {} } });
    expect(await readDraft(a.id)).not.toHaveProperty('draft');
    expect(await sessionKeys()).not.toContain('consoleDraft');
    expect(await ask({ type: 'getState' })).toMatchObject({
      notice: { code: 'storage_corrupt', message: expect.stringMatching(/console/) },
    });
  });

  test.each([
    ['a bad endpoint', { ...draftOf('conn-0001'), endpoint: '../me' }],
    ['a bad parameter name', draftOf('conn-0001', { 'a b': 'x' })],
    ['a huge value', draftOf('conn-0001', { site: 'x'.repeat(5000) })],
    [
      'too many parameters',
      draftOf('conn-0001', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`p${i}`, 'x']))),
    ],
    ['no connection', { endpoint: 'me', values: {} }],
    ['an extra field', { ...draftOf('conn-0001'), token: 'x' }],
  ])('a draft with %s is refused with bad_message and nothing kept', async (_, draft) => {
    const a = fakeConnection({ id: 'conn-0001' });
    await store(a);
    expect(await ask({ type: 'keepConsoleDraft', draft })).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    expect(await sessionKeys()).not.toContain('consoleDraft');
  });
});
