/**
 * The popup stays 360 px wide whatever it shows: a very long display name, username and email, a long site
 * address (in the offer to sign in again), an alert and a console answer. Nothing may stick out of it (text wraps;
 * pretty-printed JSON scrolls inside its own box, an answer shown as it came wraps inside it).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { callEndpoint, emulator, logIn, services, extensionTest as test } from './harness';
import { overflowingElements } from './popup-layout';

const LONG_NAME = `Alexandrina${'Wolfeschlegelsteinhausenbergerdorff'.repeat(5)}`;
const LONG_USERNAME = `alice${'x'.repeat(120)}`;
const LONG_EMAIL = `${'very.long.mailbox.name.'.repeat(6)}alice@${'sub.'.repeat(20)}example.com`;
const LONG_SITE = `https://${'a-really-long-site-name-'.repeat(2)}example.wordpress.com/${'path/'.repeat(20)}`;

const overflowing = (page: Page) => page.evaluate(overflowingElements);

test('very long names, emails and addresses wrap inside the 360 px popup', async ({ h }) => {
  const { popup } = h;
  await popup.setViewportSize({ width: 360, height: 800 });
  await logIn(h, 'Alice');
  // The stored profile gets very long words, and a second, one-site connection a very long address.
  await popup.evaluate(
    async ({ name, username, email, site }) => {
      type Area = { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
      const { local } = (globalThis as unknown as { chrome: { storage: { local: Area } } }).chrome.storage;
      const { connections: store } = (await local.get('connections')) as {
        connections: { connections: Array<Record<string, unknown> & { profile: Record<string, unknown> }> };
      };
      const [first] = store.connections;
      if (!first) throw new Error('no connection');
      first.profile = { ...first.profile, displayName: name, username, email };
      const second = {
        ...first,
        id: 'longsite1',
        accessToken: 'a-token-WordPress.com-never-issued',
        kind: 'site',
        scope: ['posts'],
        blogId: 5001,
        blogUrl: site,
      };
      store.connections.push(second);
      await local.set({ connections: store });
    },
    { name: LONG_NAME, username: LONG_USERNAME, email: LONG_EMAIL, site: LONG_SITE },
  );
  // WordPress.com fails the refresh, so the long profile stays, and an alert says what failed.
  await emulator().setBehaviour({ meFailure: 'server_error' });
  await popup.reload();
  await popup.getByRole('heading', { name: LONG_NAME }).waitFor({ timeout: 15_000 });
  await popup.getByRole('alert').waitFor({ timeout: 15_000 });
  // The health check finds WordPress.com refuses the made-up one-site connection's token, removes it, and offers
  // to sign in again: a notice that carries its long label.
  await popup.getByRole('button', { name: 'Sign in again' }).waitFor({ timeout: 15_000 });
  await callEndpoint(popup, 'Your profile');

  expect(await overflowing(popup)).toEqual([]);
  // The check can fail: an unbreakable line sticks out.
  await popup.evaluate(() =>
    document
      .querySelector('main')
      ?.append(Object.assign(document.createElement('code'), { id: 'probe', textContent: 'x'.repeat(200) })),
  );
  expect(await overflowing(popup)).toEqual([expect.stringContaining('id="probe"')]);
  // The name is there in full (wrapped), not cut.
  const heading = popup.getByRole('heading', { name: LONG_NAME });
  expect(await heading.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  expect((await heading.boundingBox())?.height ?? 0).toBeGreaterThan(40);
});

test('in a popup as tall as Chrome allows (600 px), an answer is brought into view, and nothing scrolls sideways', async ({
  h,
}) => {
  const { popup } = h;
  await popup.setViewportSize({ width: 360, height: 600 });
  await logIn(h, 'Alice');
  expect(await callEndpoint(popup, 'Your profile')).toContain('200 OK');
  const status = popup.locator('.response-status');
  const box = await status.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.y ?? 601) + (box?.height ?? 0)).toBeLessThanOrEqual(600);
  // The page is taller than the popup: it scrolls up and down, never sideways.
  expect(
    await popup.evaluate(() => ({
      tall: document.documentElement.scrollHeight > document.documentElement.clientHeight,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    })),
  ).toEqual({ tall: true, sideways: 0 });
  // The console's styles came with its code (components/console/console-style.ts), not in popup.html: they apply, to
  // its answer and to its form fields alike.
  expect(
    await popup.evaluate(() => {
      const answer = document.querySelector('.json');
      const select = document.querySelector('.console select');
      return {
        answer: answer && {
          maxHeight: getComputedStyle(answer).maxHeight,
          whiteSpace: getComputedStyle(answer).whiteSpace,
        },
        select: select && getComputedStyle(select).display,
      };
    }),
  ).toEqual({ answer: { maxHeight: '280px', whiteSpace: 'pre' }, select: 'block' });
});

test('an answer shown as it came, one long line, wraps inside its box instead of scrolling sideways', async ({ h }) => {
  const { popup } = h;
  await popup.setViewportSize({ width: 360, height: 600 });
  await logIn(h, 'Alice');
  // The popup's own refresh of /me is over before the console's call is answered by the line below.
  await expect.poll(() => popup.getByText('Checking for updates…').count()).toBe(0);
  // Not JSON, so shown as it came (as an answer cut at 1 MB would be): one 20 000-character line.
  const body = `<html>${'0123456789'.repeat(2_000)}</html>`;
  const me = `${services().emulatorUrl}/rest/v1.1/me`;
  await h.context.route(me, (route) => route.fulfill({ status: 200, contentType: 'text/html', body }), { times: 1 });
  expect(await callEndpoint(popup, 'Your profile')).toContain('The answer is not JSON.');
  const answer = await popup.evaluate(() => {
    const pre = document.querySelector('.json');
    return pre && { whiteSpace: getComputedStyle(pre).whiteSpace, sideways: pre.scrollWidth - pre.clientWidth };
  });
  expect(answer).toEqual({ whiteSpace: 'pre-wrap', sideways: 0 });
  expect(await overflowing(popup)).toEqual([]);
});
