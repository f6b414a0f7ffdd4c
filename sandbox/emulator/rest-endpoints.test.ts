/** What the emulated REST endpoints answer, and how they read their query parameters. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
import { obtainCode } from './drive-consent.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import { freshToken, OTHER_CLIENT, restGet, SANDBOX_API, TEST_CLIENTS, tokenForm } from './test-support.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
});
afterAll(() => emulator.close());
beforeEach(() => emulatorControl(emulator.url).reset());

const globalToken = (user: 'alice' | 'bob' = 'alice') =>
  freshToken(emulator, { endpoint: 'authorize', scope: 'global', user });

async function getJson(path: string, token: string): Promise<Record<string, unknown>> {
  const response = await restGet(emulator, path, token);
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('GET /me/settings', () => {
  it('describes the account', async () => {
    expect(await getJson('me/settings', await globalToken())).toMatchObject({
      user_login: 'alicewrites',
      display_name: 'Alice Example',
      user_email: 'alice@example.com',
      language: 'en',
      primary_site_ID: 5001,
      avatar_URL: expect.stringMatching(new RegExp(`^${emulator.url}/avatar/[0-9a-f]{64}\\?`)),
    });
    const bob = await freshToken(emulator, { endpoint: 'authorize', user: 'bob', scope: 'users' });
    expect(await getJson('me/settings', bob)).toMatchObject({
      user_login: 'bobunverified',
      user_email: 'bob@example.org',
    });
  });
});

describe('GET /me/sites', () => {
  it('lists every site of the user’s to a global token, primary first', async () => {
    const { sites } = (await getJson('me/sites', await globalToken())) as { sites: unknown[] };
    expect(sites).toEqual([
      expect.objectContaining({
        ID: 5001,
        name: 'Alice Writes',
        description: expect.any(String),
        URL: 'https://alicewrites.wordpress.com',
      }),
      expect.objectContaining({ ID: 5003, name: 'Alice Cooks', URL: 'https://alicecooks.wordpress.com' }),
    ]);
    const bobs = (await getJson('me/sites', await globalToken('bob'))) as { sites: { ID: number }[] };
    expect(bobs.sites.map((site) => site.ID)).toEqual([5002]);
  });

  it('lists only its own site to a one-site token', async () => {
    const token = await freshToken(emulator, { endpoint: 'authorize', blogId: 5003, scope: 'sites' });
    const { sites } = (await getJson('me/sites', token)) as { sites: { ID: number }[] };
    expect(sites.map((site) => site.ID)).toEqual([5003]);
  });
});

describe('GET /sites/{site}', () => {
  it('describes the site, by ID or host', async () => {
    const token = await globalToken();
    const byId = await getJson('sites/5003', token);
    expect(byId).toMatchObject({
      ID: 5003,
      name: 'Alice Cooks',
      description: 'Weeknight recipes from a small kitchen',
      URL: 'https://alicecooks.wordpress.com',
      post_count: 2,
      meta: { links: { self: `${emulator.apiUrl}/v1.1/sites/5003` } },
    });
    expect(await getJson('sites/alicecooks.wordpress.com', token)).toEqual(byId);
  });
});

describe('GET /sites/{site}/posts', () => {
  type Posts = { found: number; posts: { ID: number; title: string; URL: string; date: string; status: string }[] };
  const posts = async (query: string, token?: string) =>
    (await getJson(`sites/5001/posts${query}`, token ?? (await globalToken()))) as Posts;

  it('lists published posts, newest first, 20 at most by default', async () => {
    const { found, posts: list } = await posts('');
    expect(found).toBe(3);
    expect(list.map((post) => post.ID)).toEqual([14, 13, 12]);
    expect(list[0]).toMatchObject({
      ID: 14,
      site_ID: 5001,
      title: 'Night trains, revisited',
      URL: 'https://alicewrites.wordpress.com/2025/02/03/night-trains-revisited/',
      date: '2025-02-03T08:15:00+00:00',
      status: 'publish',
      author: { ID: 1001, login: 'alicewrites' },
    });
  });

  it('takes number and status', async () => {
    const token = await globalToken();
    expect(await posts('?number=2', token)).toMatchObject({ found: 3, posts: [{ ID: 14 }, { ID: 13 }] });
    const drafts = await posts('?status=draft', token);
    expect(drafts).toMatchObject({ found: 1, posts: [{ ID: 15, status: 'draft' }] });
    expect(drafts.posts[0]?.URL).toBe('https://alicewrites.wordpress.com/?p=15');
    expect((await posts('?status=any&number=100', token)).found).toBe(4);
    expect(await posts('?status=pending', token)).toEqual(expect.objectContaining({ found: 0, posts: [] }));
    expect(await posts('?status=trash', token)).toEqual(expect.objectContaining({ found: 0, posts: [] }));
    expect((await posts('?status=draft%2Cpublish&number=100', token)).found).toBe(4);
    expect((await posts('?status=draft,trash', token)).posts.map((post) => post.ID)).toEqual([15]);
    expect((await posts('?status=publish&number=1&fields=ID&http_envelope=0', token)).posts).toHaveLength(1);
  });

  it.each([
    'number=0',
    'number=101',
    'number=abc',
    'number=1.5',
    'number=-1',
    'number=',
    'status=',
    'status=Draft',
    'status=any,draft',
    'status=draft,',
    'status=draft,%20publish',
    'number=1&number=2',
  ])('answers 400 invalid_input for %s', async (query) => {
    const response = await restGet(emulator, `sites/5001/posts?${query}`, await globalToken());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_input', message: expect.stringMatching(/\S/) });
  });

  it('judges access before the query', async () => {
    const response = await restGet(emulator, 'sites/5004/posts?number=0', await globalToken());
    expect(response.status).toBe(403);
  });
});

describe('GET /sites/{site}/stats', () => {
  it('gives today’s date and the site’s counters', async () => {
    const body = await getJson('sites/bobunverified.wordpress.com/stats', await globalToken('bob'));
    expect(body).toMatchObject({
      date: new Date().toISOString().slice(0, 10),
      stats: { visitors_today: 0, views_today: 0, views: 31, visitors: 12, posts: 2, followers_blog: 0 },
    });
  });
});

describe('the Reader', () => {
  it('lists the sites a user follows, all of them (v1.1 documents no paging here)', async () => {
    const token = await freshToken(emulator, { endpoint: 'authorize', scope: 'read' });
    expect(await getJson('read/following/mine', token)).toMatchObject({
      subscriptions: [
        { ID: expect.any(String), blog_ID: '5004', URL: 'https://someone-else.wordpress.com' },
        { blog_ID: '5002', URL: 'https://bobunverified.wordpress.com' },
      ],
    });
    const asked = (await getJson('read/following/mine?number=1', token)) as { subscriptions: unknown[] };
    expect(asked.subscriptions).toHaveLength(2);
  });

  it('lists the posts a user liked, and takes number (at most 40)', async () => {
    const token = await globalToken('bob');
    expect(await getJson('read/liked', token)).toMatchObject({
      found: 2,
      posts: [
        { ID: 41, site_ID: 5004, title: 'On walking', URL: expect.stringMatching(/^https:\/\/someone-else\./) },
        { ID: 12, site_ID: 5001, title: 'Writing docs people read' },
      ],
    });
    expect(await getJson('read/liked?number=1', token)).toMatchObject({ found: 2, posts: [{ ID: 41 }] });
    const bad = await restGet(emulator, 'read/liked?number=zero', token);
    expect(await bad.json()).toMatchObject({ error: 'invalid_input' });
    expect((await restGet(emulator, 'read/liked?number=41', token)).status).toBe(400);
  });
});

describe('GET /me/connected-applications', () => {
  async function otherAppToken(user: 'alice' | 'bob'): Promise<string> {
    const redirectUri = OTHER_CLIENT.redirectUris[0] ?? '';
    const { code } = await obtainCode(emulator.oauthUrl, { clientId: OTHER_CLIENT.clientId, redirectUri, user });
    const response = await fetch(
      emulator.tokenUrl,
      tokenForm({
        client_id: OTHER_CLIENT.clientId,
        client_secret: OTHER_CLIENT.clientSecret,
        grant_type: 'authorization_code',
        code: code ?? '',
        redirect_uri: redirectUri,
      }),
    );
    return ((await response.json()) as { access_token: string }).access_token;
  }
  const appIds = async (token: string) =>
    (
      (await getJson('me/connected-applications', token)) as { connected_applications: { ID: string }[] }
    ).connected_applications.map((app) => app.ID);

  it('lists the apps the user holds live tokens for', async () => {
    const token = await globalToken();
    await otherAppToken('alice');
    await otherAppToken('bob');
    const body = await getJson('me/connected-applications', token);
    expect(body).toEqual({
      connected_applications: [
        expect.objectContaining({
          ID: SANDBOX_API.clientId,
          title: SANDBOX_API.name,
          scope: 'global',
          authorized: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
          site: false,
        }),
        expect.objectContaining({ ID: OTHER_CLIENT.clientId, title: OTHER_CLIENT.name, scope: 'auth' }),
      ],
    });
    expect(await appIds(await globalToken('bob'))).toEqual([OTHER_CLIENT.clientId, SANDBOX_API.clientId]);
  });

  it('names the site a one-site app was connected to, as WordPress.com’s front end reads it (string values)', async () => {
    const token = await globalToken();
    await freshToken(emulator, { endpoint: 'authorize', blog: '5001' });
    const body = (await getJson('me/connected-applications', token)) as { connected_applications: unknown[] };
    expect(body.connected_applications).toEqual([
      expect.objectContaining({
        ID: SANDBOX_API.clientId,
        site: { site_ID: '5001', site_URL: 'https://alicewrites.wordpress.com', site_name: expect.any(String) },
      }),
    ]);
  });

  it('drops an app once it is disconnected', async () => {
    const token = await globalToken();
    await otherAppToken('alice');
    const deleted = await fetch(`${emulator.apiUrl}/v1.1/me/connected-applications/${OTHER_CLIENT.clientId}/delete`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await deleted.json()).toEqual({ success: true });
    expect(await appIds(token)).toEqual([SANDBOX_API.clientId]);
  });

  it('appDeleteEnds: account ends every token of the app for that person, global_tokens only the global ones; another app’s stay', async () => {
    const deleteApp = (token: string) =>
      fetch(`${emulator.apiUrl}/v1.1/me/connected-applications/${SANDBOX_API.clientId}/delete`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
    const live = async (token: string) => (await restGet(emulator, 'me', token)).status === 200;
    const siteToken = () => freshToken(emulator, { endpoint: 'authorize', user: 'alice', blog: '5001' });
    // The login app's token: another app than the one disconnected.
    const login = await freshToken(emulator, { endpoint: 'authenticate', user: 'alice', scope: 'auth' });
    const site = await siteToken();
    const bob = await globalToken('bob');
    expect(await (await deleteApp(await globalToken())).json()).toEqual({ success: true });
    expect([await live(site), await live(login), await live(bob)]).toEqual([false, true, true]);

    await emulatorControl(emulator.url).setBehaviour({ appDeleteEnds: 'global_tokens' });
    const site2 = await siteToken();
    const global = await globalToken();
    expect(await (await deleteApp(global)).json()).toEqual({ success: true });
    expect([await live(site2), await live(global), await live(bob)]).toEqual([true, false, true]);
  });

  it('appDeleteFailure: refused is a 403 scope refusal, not_done a 200 {success:false}, unexpected another 200; the app stays each way', async () => {
    const token = await globalToken();
    await otherAppToken('alice');
    const url = `${emulator.apiUrl}/v1.1/me/connected-applications/${OTHER_CLIENT.clientId}/delete`;
    const post = () => fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    await emulatorControl(emulator.url).setBehaviour({ appDeleteFailure: 'refused' });
    const refused = await post();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'authorization_required',
      message: 'Access token does not have the required scope',
    });
    await emulatorControl(emulator.url).setBehaviour({ appDeleteFailure: 'not_done' });
    const notDone = await post();
    expect(notDone.status).toBe(200);
    expect(await notDone.json()).toEqual({ success: false });
    await emulatorControl(emulator.url).setBehaviour({ appDeleteFailure: 'unexpected' });
    const unexpected = await post();
    expect(unexpected.status).toBe(200);
    expect(await unexpected.json()).toEqual({ deleted: true });
    expect((await appIds(token)).sort()).toEqual([OTHER_CLIENT.clientId, SANDBOX_API.clientId].sort());
  });
});
