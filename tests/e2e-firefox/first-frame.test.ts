/**
 * The popup's kept first frame in Firefox (utils/first-frame.ts, components/state-snapshot.ts): the event page
 * shares the add-on's `localStorage` with its pages, so when it removes a connection with no popup open it removes
 * the kept state and frame itself (utils/popup-route.ts, `noteConnections`), and the next popup's first frame
 * shows no one who is gone. Chromium's twin, through an offscreen document, is in tests/e2e/revoke.test.ts.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect } from 'vitest';
import { FRAME_KEY, STATE_KEY } from '../../utils/first-frame';
import { emulator, logIn, firefoxTest as test, WAIT_MS, waitForText } from './harness';

/** What the popup's `#app` showed first. */
interface Seen {
  /** Once parsed, before any module ran: the kept frame the pre-paint script drew, if any. */
  parsed?: string;
  /** Once the popup's module ran (DOMContentLoaded): its first render, or the kept frame it is about to take over. */
  loaded?: string;
}

interface WatchedPopup {
  /** What it showed first, once its module has run. */
  seen(): Promise<Seen>;
  /** Waits until its `#app` shows `text`. */
  shows(text: string): Promise<void>;
  close(): Promise<void>;
}

/** The popup `openWatchedPopup` opened, and what it saw, as the opener holds them. */
type Watched = { watched: { popup: Window; seen: Seen } };

/**
 * Opens the popup from `opener`, another of the add-on's pages, and records what it shows first. Preload scripts
 * (`evaluateOnNewDocument`) do not run in moz-extension pages, nor does puppeteer list such a tab, but
 * `window.open` keeps the new tab's Window from its initial about:blank to a same-origin document: listeners added
 * at once (capturing, as the document's events pass the Window first) see the popup's document from its start, and
 * the opener reads it.
 */
async function openWatchedPopup(opener: Page): Promise<WatchedPopup> {
  await opener.evaluate(() => {
    const popup = window.open('popup.html');
    if (!popup) throw new Error('window.open gave no window.');
    const seen: Seen = {};
    Object.assign(window, { watched: { popup, seen } } satisfies Watched);
    const app = () => popup.document.getElementById('app')?.textContent ?? '';
    popup.addEventListener(
      'readystatechange',
      () => {
        if (popup.document.readyState === 'interactive') seen.parsed = app();
      },
      true,
    );
    popup.addEventListener('DOMContentLoaded', () => (seen.loaded = app()), true);
  });
  const read = () => opener.evaluate(() => ({ ...(window as unknown as Watched).watched.seen }));
  return {
    async seen() {
      await expect.poll(async () => (await read()).loaded !== undefined, { timeout: WAIT_MS }).toBe(true);
      return read();
    },
    async shows(text) {
      await opener.waitForFunction(
        (wanted: string) =>
          (window as unknown as Watched).watched.popup.document.getElementById('app')?.textContent?.includes(wanted),
        { timeout: WAIT_MS, polling: 50 },
        text,
      );
    },
    close: () => opener.evaluate(() => (window as unknown as Watched).watched.popup.close()),
  };
}

/** The add-on pages' `localStorage`, as one of its pages sees it. */
const pageStorage = (page: Page): Promise<Record<string, string>> => page.evaluate(() => ({ ...localStorage }));

describe("the popup's kept first frame in Firefox", () => {
  test('a connection removed while no popup is open takes the kept state and frame with it (the event page)', async ({
    h,
  }) => {
    await logIn(h, 'Alice');
    await waitForText(h.popup, 'Alice Example');
    // The popup keeps its state at once and its frame when idle.
    await expect
      .poll(async () => Object.keys(await pageStorage(h.popup)).sort(), { timeout: WAIT_MS })
      .toEqual([FRAME_KEY, STATE_KEY].sort());
    await h.popup.close();

    // The options page keeps the state it loads with, and nothing after: with no popup open, it is where this test
    // reads the add-on's `localStorage` and sends the health check from, outside the page's own code.
    const options = await h.openPage('options.html');
    await waitForText(options, 'Access settings');
    const keptForAlice = {
      [STATE_KEY]: expect.stringContaining('Alice Example'),
      [FRAME_KEY]: expect.stringContaining('Alice Example'),
    };
    await expect.poll(() => pageStorage(options), { timeout: WAIT_MS }).toEqual(keptForAlice);

    // Kept for real: a popup paints Alice from it before its own code has run.
    const kept = await openWatchedPopup(options);
    expect((await kept.seen()).parsed).toContain('Alice Example');
    await kept.shows('Revoke');
    await kept.close();
    // Alice's state is still kept. (Her frame too, unless the popup's state moved on since the kept one, a health
    // check's time, and it closed before it was idle: it keeps a new state at once and its frame when idle.)
    await expect
      .poll(() => pageStorage(options), { timeout: WAIT_MS })
      .toMatchObject({ [STATE_KEY]: expect.stringContaining('Alice Example') });

    // No popup open: WordPress.com revokes the token, and the health check (as at browser start) removes the
    // connection in the event page, which removes the kept state and frame with it.
    await emulator().revokeTokens();
    const answer = await options.evaluate(() =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage({ type: 'checkHealth', force: true }),
    );
    expect(answer).toMatchObject({ ok: true, state: { connections: [] } });
    await expect.poll(async () => Object.keys(await pageStorage(options)), { timeout: WAIT_MS }).toEqual([]);

    // The next popup's first frame shows no one: not once parsed, not at its first render.
    const next = await openWatchedPopup(options);
    const seen = await next.seen();
    expect(seen.parsed).toBe('');
    expect(seen.loaded).not.toContain('Alice Example');
    await next.shows('Log in with WordPress.com');
    expect(Object.keys(await pageStorage(options))).toEqual([]);
    await next.close();
  });
});
