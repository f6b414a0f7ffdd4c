/**
 * Access levels, several connections and the endpoint console, in the real browser against the
 * emulator: what each kind of token may call, and that nothing is sent where it does not belong.
 */
import { describe, expect } from 'vitest';
import {
  approveAs,
  callEndpoint,
  emulator,
  type Harness,
  openOptions,
  pickEndpoint,
  services,
  storageDump,
  storedConnections,
  storedToken,
  extensionTest as test,
} from './harness';

type Level = 'Profile only' | 'One site' | 'All sites';

/** Saves an access level on the options page, a site's narrowed to `scopes`. */
async function chooseAccess(h: Harness, level: Level, scopes: string[] = []): Promise<void> {
  const options = await openOptions(h);
  await options.getByRole('radio', { name: level }).check();
  for (const scope of scopes) await options.getByRole('checkbox', { name: scope, exact: true }).check();
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved').waitFor();
  await options.close();
}

/** Signs in from the popup with the saved access; on a one-site consent page, picks `siteId`. */
async function connect(h: Harness, who: 'Alice' | 'Bob', siteId?: string): Promise<void> {
  const before = (await storedConnections(h.popup)).list.length;
  const authWindow = h.context.waitForEvent('page', { timeout: 15_000 });
  await h.popup.getByRole('button', { name: /^(Add connection|Log in with WordPress\.com)$/ }).click();
  const auth = await authWindow;
  await auth.waitForLoadState('domcontentloaded');
  await auth.getByRole('radio', { name: new RegExp(who) }).check();
  if (siteId !== undefined) await auth.getByLabel('Site').selectOption(siteId);
  await approveAs(auth, who);
  await expect.poll(async () => (await storedConnections(h.popup)).list.length, { timeout: 15_000 }).toBe(before + 1);
}

/** REST paths the emulator was asked for, other than /me (which the popup itself uses for the profile). */
async function restCalls(): Promise<Record<string, number>> {
  const { restRequests } = await emulator().stats();
  return Object.fromEntries(Object.entries(restRequests).filter(([path]) => !/\/me$/.test(path)));
}

describe('access levels and the endpoint console', () => {
  test('a "One site" connection reads its own site’s posts; another site’s ID is refused sending nothing, another host is WordPress.com’s to refuse', async ({
    h,
  }) => {
    await chooseAccess(h, 'One site');
    await connect(h, 'Alice', '5001');
    const { list } = await storedConnections(h.popup);
    expect(list[0]).toMatchObject({ kind: 'site', blogId: 5001 });
    await h.popup
      .getByText(/One site: alicewrites\.wordpress\.com/)
      .first()
      .waitFor();

    // The site parameter is prefilled with the connection's own site.
    await pickEndpoint(h.popup, '/sites/{site}/posts');
    expect(await h.popup.getByRole('textbox', { name: 'site', exact: true }).inputValue()).toBe('5001');
    const own = await callEndpoint(h.popup, '/sites/{site}/posts', { site: '5001' });
    expect(own).toContain('200 OK');
    expect(own).toContain('"found"');
    expect(await restCalls()).toEqual({ '/rest/v1.1/sites/5001/posts': 1 });

    await callEndpoint(h.popup, '/sites/{site}/posts', { site: '5003' });
    const alert = h.popup.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('scope_insufficient');
    expect(await alert.textContent()).toMatch(/alicewrites\.wordpress\.com/);
    // Refused in the extension: another site ID is certainly another site, and nothing went to WordPress.com.
    expect(await restCalls()).toEqual({ '/rest/v1.1/sites/5001/posts': 1 });

    // A host may be one of this site's other addresses (a mapped domain): sent, and WordPress.com refuses another's.
    const otherHost = await callEndpoint(h.popup, '/sites/{site}/posts', { site: 'alicecooks.wordpress.com' });
    expect(otherHost).toContain('403');
    const problem = h.popup.getByRole('region', { name: 'Response' }).locator('[data-code]');
    expect(await problem.getAttribute('data-code')).toBe('not_permitted');
    expect(await restCalls()).toEqual({
      '/rest/v1.1/sites/5001/posts': 1,
      '/rest/v1.1/sites/alicecooks.wordpress.com/posts': 1,
    });
  });

  test('a token answer in the other form WordPress.com documents (scopes with commas, a number blog_id) makes the same narrowed connection', async ({
    h,
  }) => {
    await emulator().setBehaviour({ tokenAnswerOtherForm: true });
    await chooseAccess(h, 'One site', ['posts', 'stats']);
    await connect(h, 'Alice', '5001');
    // Read through the proxy as the space-separated form is: two scopes, not one "posts,stats", and no
    // "more access than you asked for".
    expect((await storedConnections(h.popup)).list[0]).toMatchObject({
      kind: 'site',
      scope: ['posts', 'stats'],
      blogId: 5001,
    });
    await h.popup
      .getByText(/One site: alicewrites\.wordpress\.com/)
      .first()
      .waitFor();
    expect(await h.popup.getByRole('alert').count()).toBe(0);
    expect(await callEndpoint(h.popup, '/sites/{site}/posts', { site: '5001' })).toContain('200 OK');
    expect(await restCalls()).toEqual({ '/rest/v1.1/sites/5001/posts': 1 });
  });

  test('a one-site connection narrowed to “posts” is not stopped by our guess: /me/settings is sent, and WordPress.com’s refusal shown', async ({
    h,
  }) => {
    await chooseAccess(h, 'One site', ['posts']);
    await connect(h, 'Alice', '5001');
    expect((await storedConnections(h.popup)).list[0]).toMatchObject({ kind: 'site', scope: ['posts'] });
    await h.popup
      .getByText(/One site: alicewrites\.wordpress\.com/)
      .first()
      .waitFor();

    // Which scope /me/settings needs is not documented: a note, not a disabled choice.
    await pickEndpoint(h.popup, '/me/settings');
    const note = h.popup.locator('#endpoint-caution');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/may not cover this endpoint \(it may need the “users” scope\)/);
    expect(await h.popup.getByRole('button', { name: 'Call' }).isDisabled()).toBe(false);

    const answer = await callEndpoint(h.popup, '/me/settings');
    expect(answer).toContain('403');
    const problem = h.popup.getByRole('region', { name: 'Response' }).locator('.problem');
    expect(await problem.getAttribute('data-code')).toBe('scope_insufficient');
    expect(await problem.textContent()).toMatch(/refused this endpoint for this connection’s access \(HTTP 403\)/);
    // Sent: the refusal is WordPress.com's (here the emulator's), not the extension's.
    expect(await restCalls()).toEqual({ '/rest/v1.1/me/settings': 1 });
  });

  test('a one-site sign-in narrowed to “posts” that WordPress.com grants in full: kept as granted, and the person told', async ({
    h,
  }) => {
    await emulator().setBehaviour({ grantWholeSite: true });
    await chooseAccess(h, 'One site', ['posts']);
    await connect(h, 'Alice', '5001');
    const alert = h.popup.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('access_wider');
    expect(await alert.textContent()).toMatch(
      /more access than you asked for.*asked for One site, limited to posts; this connection has One site, in full/,
    );
    expect((await storedConnections(h.popup)).list[0]).toMatchObject({ kind: 'site', scope: [], blogId: 5001 });
  });

  test('an "All sites" connection reads both of the person’s sites, and WordPress.com refuses a stranger’s', async ({
    h,
  }) => {
    await chooseAccess(h, 'All sites');
    await connect(h, 'Alice');
    expect((await storedConnections(h.popup)).list[0]).toMatchObject({ kind: 'global', blogId: null });

    expect(await callEndpoint(h.popup, '/sites/{site}/posts', { site: '5001' })).toContain('200 OK');
    expect(await callEndpoint(h.popup, '/sites/{site}/posts', { site: 'alicecooks.wordpress.com' })).toContain(
      '200 OK',
    );
    const stranger = await callEndpoint(h.popup, '/sites/{site}/posts', { site: '5004' });
    expect(stranger).toContain('403');
    expect(stranger).toMatch(/unauthorized|not allowed|cannot access/i);
    expect(await restCalls()).toEqual({
      '/rest/v1.1/sites/5001/posts': 1,
      '/rest/v1.1/sites/alicecooks.wordpress.com/posts': 1,
      '/rest/v1.1/sites/5004/posts': 1,
    });
  });

  test('a login token’s console offers /me only and sends nothing off-scope', async ({ h }) => {
    await connect(h, 'Alice');
    const select = h.popup.getByLabel('Endpoint');
    const readOptions = () =>
      select
        .locator('option')
        .evaluateAll((nodes) =>
          nodes.map((node) => ({ text: node.textContent ?? '', disabled: (node as HTMLOptionElement).disabled })),
        );
    // The console follows the new connection once the popup has it.
    await expect
      .poll(async () => (await readOptions()).filter((option) => !option.disabled).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const options = await readOptions();
    const enabled = options.filter((option) => !option.disabled);
    expect(enabled.map((option) => option.text)).toEqual([expect.stringContaining('/v1.1/me')]);
    expect(enabled[0]?.text).not.toMatch(/settings|sites|connected/);
    expect(options.find((option) => option.text.includes('/v1.1/me/sites'))?.text).toMatch(/needs a site token/);
    expect(options.find((option) => option.text.includes('connected-applications'))?.text).toMatch(/All sites/);

    const me = await callEndpoint(h.popup, 'Your profile');
    expect(me).toContain('200 OK');
    expect(me).toContain('"username": "alicewrites"');
    expect(me).not.toContain(String(await storedToken(h.popup)));
    // Asked by a page for what the console does not offer, the worker refuses and sends nothing.
    const { activeId } = await storedConnections(h.popup);
    const offScope = await h.popup.evaluate(
      ({ connectionId }) =>
        Promise.all(
          (
            [
              ['me-sites', {}],
              ['me-settings', {}],
              ['site-posts', { site: '1001' }],
              ['connected-apps', {}],
            ] as const
          ).map(([endpoint, params]) =>
            (
              globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
            ).chrome.runtime.sendMessage({ type: 'callEndpoint', connectionId, endpoint, params }),
          ),
        ),
      { connectionId: activeId },
    );
    expect(offScope).toEqual(
      Array(4).fill(
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'scope_insufficient' }) }),
      ),
    );
    expect(await restCalls()).toEqual({});
  });

  test('an empty answer (204) is said to be empty, not "not JSON"', async ({ h }) => {
    await connect(h, 'Alice');
    // The popup's own refresh of /me is over before the console's call is answered by the route below.
    await expect.poll(() => h.popup.getByText('Checking for updates…').count(), { timeout: 15_000 }).toBe(0);
    const me = `${services().emulatorUrl}/rest/v1.1/me`;
    await h.context.route(me, (route) => route.fulfill({ status: 204, body: '' }), { times: 1 });
    const shown = await callEndpoint(h.popup, 'Your profile');
    expect(shown).toContain('204');
    expect(shown).toContain('The answer is empty.');
    expect(shown).not.toContain('not JSON');
  });

  test('switching connections, and revoking one leaves the other untouched', async ({ h }) => {
    await connect(h, 'Alice');
    await chooseAccess(h, 'One site');
    await connect(h, 'Alice', '5001');
    const { list, activeId } = await storedConnections(h.popup);
    expect(list).toHaveLength(2);
    const site = list.find((connection) => connection.kind === 'site');
    const login = list.find((connection) => connection.kind === 'login');
    expect(activeId).toBe(site?.id);

    // Switch to the login connection: the console follows.
    await h.popup.getByRole('button', { name: /^Use Alice Example — Profile only$/ }).click();
    await expect.poll(async () => (await storedConnections(h.popup)).activeId).toBe(login?.id);
    const postsOption = h.popup.getByLabel('Endpoint').locator('option', { hasText: '/sites/{site}/posts' });
    await expect.poll(async () => postsOption.evaluate((node) => (node as HTMLOptionElement).disabled)).toBe(true);

    // Revoke the one-site connection only.
    await h.popup.getByRole('button', { name: /^Revoke Alice Example — One site/ }).click();
    await expect.poll(async () => (await storedConnections(h.popup)).list.length).toBe(1);
    const after = await storedConnections(h.popup);
    expect(after.list[0]?.id).toBe(login?.id);
    expect(after.activeId).toBe(login?.id);
    expect(JSON.stringify(await storageDump(h.popup))).not.toContain(String(site?.accessToken));
    // The remaining token still works.
    expect(await callEndpoint(h.popup, 'Your profile')).toContain('200 OK');
  });

  test('the console is as the person left it when a popup reopens (its Documentation link took the focus), until its connection goes', async ({
    h,
  }) => {
    await chooseAccess(h, 'One site');
    await connect(h, 'Alice', '5001');
    await pickEndpoint(h.popup, '/sites/{site}/posts');
    await h.popup.getByRole('textbox', { name: 'number', exact: true }).fill('37');
    // A real popup closes as the documentation's tab takes the focus; here the page is closed by hand.
    const docs = h.context.waitForEvent('page', { timeout: 15_000 });
    await h.popup.getByRole('link', { name: /^Documentation for GET \/v1\.1\/sites/ }).click();
    await (await docs).close();
    await expect
      .poll(async () => (await storageDump(h.popup)).session.consoleDraft)
      .toMatchObject({ endpoint: 'site-posts', values: { site: '5001', number: '37' } });
    await h.popup.close();

    const popup = await h.openPopup();
    const endpoint = popup.getByLabel('Endpoint');
    await expect.poll(async () => endpoint.inputValue(), { timeout: 15_000 }).toBe('site-posts');
    expect(await popup.getByRole('textbox', { name: 'number', exact: true }).inputValue()).toBe('37');
    expect(await popup.getByRole('textbox', { name: 'site', exact: true }).inputValue()).toBe('5001');
    // Kept in memory only, never on disk.
    expect((await storageDump(popup)).local).not.toHaveProperty('consoleDraft');
    // The snapshot's timestamps and hashes may hold the digits 37, so look for the value itself: a JSON string "37",
    // and the endpoint it was typed for.
    const snapshot = await popup.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(snapshot).not.toContain('site-posts');
    expect(snapshot).not.toContain(String.raw`\"37\"`);

    // The kept draft answers to the typed values; a call leaves them in place.
    expect(await callEndpoint(popup, '/sites/{site}/posts', { number: '2' })).toContain('200 OK');
    await expect
      .poll(async () => (await storageDump(popup)).session.consoleDraft)
      .toMatchObject({ values: { number: '2' } });

    await popup.getByRole('button', { name: /Revoke/ }).click();
    await expect.poll(async () => Object.keys((await storageDump(popup)).session)).not.toContain('consoleDraft');
    await popup.getByRole('button', { name: 'Log in with WordPress.com' }).waitFor();
  });

  test('a person signed in before connections existed stays signed in after the update', async ({ h }) => {
    await connect(h, 'Alice');
    const token = await storedToken(h.popup);
    // Rewrite storage into the previous release's shape: one `connection` and one `profile` key.
    await h.popup.evaluate(async () => {
      type Area = {
        get(key: string): Promise<Record<string, unknown>>;
        set(items: Record<string, unknown>): Promise<void>;
        clear(): Promise<void>;
      };
      const { storage } = (globalThis as unknown as { chrome: { storage: { local: Area } } }).chrome;
      const { connections } = (await storage.local.get('connections')) as {
        connections: { connections: Array<Record<string, unknown> & { profile: Record<string, unknown> }> };
      };
      const [current] = connections.connections;
      if (!current) throw new Error('no connection to rewrite');
      const { profile, accessToken, scope, blogId, blogUrl, obtainedAt } = current;
      await storage.local.clear();
      await storage.local.set({ connection: { accessToken, scope, blogId, blogUrl, obtainedAt }, profile });
    });
    await h.popup.reload();
    await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
    // The heading can come from the frame the last popup kept, before the worker has read storage: the migration is
    // done when the old keys are gone.
    await expect
      .poll(async () => Object.keys((await storageDump(h.popup)).local), { timeout: 15_000 })
      .not.toEqual(expect.arrayContaining(['connection']));
    const { local } = await storageDump(h.popup);
    expect(local).not.toHaveProperty('connection');
    expect(local).not.toHaveProperty('profile');
    expect(await storedToken(h.popup)).toBe(token);
    expect((await storedConnections(h.popup)).list[0]).toMatchObject({ kind: 'login', scope: ['auth'] });
  });
});
