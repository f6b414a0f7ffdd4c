/**
 * `npm run screenshots`: drives the real extension in Chromium against the emulator and the proxy to each
 * main state and writes docs/*.png (the README's pictures) and store/screenshots/*.png (1280×800, for the
 * store listings). Deterministic: a fresh profile, the emulator's fixed data, one fixed clock
 * (fixed-clock.ts), UTC and English, the popup 360 px wide.
 *
 * Its own Vitest project (`screenshots`), so `npm test` does not spend its time here.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pngSize, STORE_SCREENSHOT } from '../../scripts/store-assets';
import {
  alertText,
  approveAs,
  callEndpoint,
  emulator,
  type Harness,
  logIn,
  loginButton,
  openExtension,
  openOptions,
  startLogin,
} from '../e2e/harness';
import { expectClocksFixed, fixClocks } from './fixed-clock';
import { storeFrameHtml } from './store-frame';

const ROOT = resolve(import.meta.dirname, '../..');
// Full-page shots: a short viewport makes each picture as tall as its content, as a toolbar popup is.
const POPUP = { width: 360, height: 100 };
const OPTIONS = { width: 640, height: 100 };

let h: Harness;
const shots = new Map<string, Buffer>();
/** Where the console starts in the console shot: its store screenshot shows that part. */
let consoleTop = 0;

/** A full-page PNG of `page` into docs/<name>.png, with no focus ring, caret or animation in it. */
async function shoot(page: Page, name: string): Promise<void> {
  await expectClocksFixed(h.context);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const png = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', type: 'png' });
  expect(pngSize(png).width).toBe(page.viewportSize()?.width);
  mkdirSync(resolve(ROOT, 'docs'), { recursive: true });
  writeFileSync(resolve(ROOT, `docs/${name}.png`), png);
  shots.set(name, png);
}

beforeAll(async () => {
  h = await openExtension();
  await fixClocks(h.context);
  await h.popup.setViewportSize(POPUP);
  await h.popup.reload();
  await loginButton(h.popup).waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await h?.close();
});

// The states follow one person's first minutes, in one browser, so the fixed clock holds throughout.
test('signed out', async () => {
  await h.popup.getByRole('heading', { name: 'WordPress.com Connect' }).waitFor();
  await shoot(h.popup, 'popup-signed-out');
});

test('an error: the person declined on WordPress.com', async () => {
  const auth = await startLogin(h);
  await auth.getByRole('button', { name: 'Deny' }).click();
  expect(await alertText(h.popup)).toMatch(/declined/i);
  await shoot(h.popup, 'popup-error');
});

test('signed in, with the Gravatar profile', async () => {
  await logIn(h, 'Alice');
  await h.popup.getByRole('region', { name: 'Gravatar profile' }).getByText('Lisbon, Portugal').waitFor();
  expect(await h.popup.getByRole('alert').count()).toBe(0);
  await shoot(h.popup, 'popup-signed-in');
});

test('the options page, "All sites" chosen', async () => {
  const options = await openOptions(h);
  await options.setViewportSize(OPTIONS);
  await options.getByRole('radio', { name: 'All sites' }).check();
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved').waitFor();
  await shoot(options, 'options-access');
  await options.close();
});

test('the console with an answer: an "All sites" connection reads a site’s posts', async () => {
  const auth = await (async () => {
    const window = h.context.waitForEvent('page', { timeout: 15_000 });
    await h.popup.getByRole('button', { name: 'Add connection' }).click();
    const page = await window;
    await page.waitForLoadState('domcontentloaded');
    return page;
  })();
  expect(new URL(auth.url()).searchParams.get('scope')).toBe('global');
  await approveAs(auth, 'Alice');
  await h.popup
    .getByText(/All sites/)
    .first()
    .waitFor({ timeout: 15_000 });
  const response = await callEndpoint(h.popup, '/sites/{site}/posts', {
    site: 'alicewrites.wordpress.com',
    number: '2',
  });
  expect(response).toContain('200 OK');
  await shoot(h.popup, 'popup-console');
  const heading = h.popup.getByRole('heading', { name: /api console/i });
  consoleTop = await heading.evaluate((node) => Math.max(0, node.getBoundingClientRect().top + window.scrollY - 16));
});

test('offline: WordPress.com unreachable, the kept profile marked', async () => {
  await emulator().setBehaviour({ outage: true });
  try {
    // The console's draft from the shot before would come back with the page (utils/console-draft.ts): this shot
    // is of the offline marker, for a person who has not used the console.
    await h.popup.evaluate(() => {
      type Session = { remove(key: string): Promise<void> };
      return (globalThis as unknown as { chrome: { storage: { session: Session } } }).chrome.storage.session.remove(
        'consoleDraft',
      );
    });
    await h.popup.reload();
    await h.popup.getByText(/^Offline — last updated /).waitFor({ timeout: 20_000 });
    await shoot(h.popup, 'popup-offline');
  } finally {
    await emulator().setBehaviour({ outage: false });
  }
});

test('store screenshots, 1280×800, from the shots above', async () => {
  const mark = readFileSync(resolve(ROOT, 'assets/icon.svg'), 'utf8');
  const frames = [
    {
      file: '1-profile',
      shot: 'popup-signed-in',
      title: 'Who you are on WordPress.com',
      caption:
        'Sign in from the toolbar and see your profile, whether WordPress.com has verified you, and your Gravatar.',
    },
    {
      file: '2-console',
      shot: 'popup-console',
      title: 'Call the REST API',
      fromY: consoleTop,
      caption: 'Pick an endpoint your connection may call, fill in its parameters, and read the JSON answer.',
    },
    {
      file: '3-access',
      shot: 'options-access',
      title: 'You choose the access',
      caption: 'Profile only, one site, or all your sites. Each connection can be revoked on its own.',
    },
  ];
  const page = await h.context.newPage();
  try {
    await page.setViewportSize(STORE_SCREENSHOT);
    mkdirSync(resolve(ROOT, 'store/screenshots'), { recursive: true });
    for (const frame of frames) {
      const shot = shots.get(frame.shot);
      if (!shot) throw new Error(`No ${frame.shot} screenshot was taken.`);
      await page.setContent(storeFrameHtml({ ...frame, shot, mark }));
      await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
      const png = await page.screenshot({ type: 'png', animations: 'disabled' });
      expect(pngSize(png)).toEqual(STORE_SCREENSHOT);
      writeFileSync(resolve(ROOT, `store/screenshots/${frame.file}.png`), png);
    }
  } finally {
    await page.close();
  }
});
