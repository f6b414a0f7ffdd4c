import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTED_APPS_PATH } from './connected-apps-page.ts';
import { emulatorControl } from './control-client.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import { freshToken, getMe, SANDBOX, SANDBOX_API } from './test-support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof emulatorControl>;
let page: string;

beforeAll(async () => {
  emulator = await startEmulator();
  control = emulatorControl(emulator.url);
  page = `${emulator.url}${CONNECTED_APPS_PATH}`;
});
afterAll(() => emulator.close());
beforeEach(() => control.reset());

/** A form post as the page's own form sends it (a browser adds Fetch Metadata; the page's policy sends no Referer). */
function remove(user: string, app: string, headers: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin' }) {
  return fetch(page, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null', ...headers },
    body: new URLSearchParams({ user, app }),
    redirect: 'manual',
  });
}

describe("the emulator's Connected Apps page", () => {
  it('lists, for each user, the apps that hold a live token, with a Remove form each, and no script', async () => {
    await freshToken(emulator, { user: 'alice' });
    const html = await (await fetch(page)).text();
    const alice = html.slice(html.indexOf('Alice Example'), html.indexOf('Bob Unverified'));
    expect(alice).toContain(`(client ${SANDBOX.clientId})`);
    expect(alice).toContain(`name="app" value="${SANDBOX.clientId}"`);
    expect(alice).not.toContain(`(client ${SANDBOX_API.clientId})`);
    expect(html.slice(html.indexOf('Bob Unverified'))).toContain('No connected applications.');
    expect(html).not.toContain('<script');
  });

  it('Remove ends every token the app holds for that person, and the page says so', async () => {
    const first = await freshToken(emulator, { user: 'alice' });
    const second = await freshToken(emulator, { user: 'alice' });
    const bobs = await freshToken(emulator, { user: 'bob' });
    const removed = await remove('alice', SANDBOX.clientId);
    expect(removed.status).toBe(303);
    const back = new URL(removed.headers.get('location') ?? '', page);
    for (const token of [first, second]) expect((await getMe(emulator, token)).status).toBe(403);
    // Another person's connection to the same app stays.
    expect((await getMe(emulator, bobs)).status).toBe(200);
    const html = await (await fetch(back)).text();
    expect(html).toContain(`Removed ${SANDBOX.name} for Alice Example.`);
  });

  it('refuses a post from anywhere else, and an unknown person or app', async () => {
    const token = await freshToken(emulator, { user: 'alice' });
    const elsewhere: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
      // Another port of this machine (the proxy's, say) is same-site, not same-origin.
      { 'Sec-Fetch-Site': 'same-site', Origin: 'http://127.0.0.1:8787' },
      { 'Sec-Fetch-Site': 'none' },
      {},
    ];
    for (const headers of elsewhere) {
      expect((await remove('alice', SANDBOX.clientId, headers)).status, JSON.stringify(headers)).toBe(403);
    }
    expect((await remove('mallory', SANDBOX.clientId)).status).toBe(400);
    expect((await remove('alice', '999999')).status).toBe(400);
    expect((await getMe(emulator, token)).status).toBe(200);
  });

  it('shows no notice made from its query, only one for a real removal', async () => {
    const html = await (await fetch(`${page}?removed=<b>x</b>&user=alice`)).text();
    expect(html).not.toContain('Removed');
    expect(html).not.toContain('<b>x</b>');
    // A link naming a real app and person says nothing while that person's token of it is live.
    await freshToken(emulator, { user: 'alice' });
    const madeUp = await (await fetch(`${page}?removed=${SANDBOX.clientId}&user=alice`)).text();
    expect(madeUp).not.toContain('Removed');
  });
});
