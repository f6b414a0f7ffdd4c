/**
 * Scale: how the popup and the worker behave as data grows.
 *
 * - 20 connections (the most the extension keeps): two real sign-ins (Alice, then Bob with "Add
 *   connection"), then 18 more connections with real tokens the emulator minted (`/__sandbox/mint-codes`)
 *   and the proxy exchanged, written to storage as the worker writes them (copies of the two real ones with
 *   their own IDs and tokens). Then the popup's paint against the blank page, and the warm `getState` round
 *   trip against the same with one connection, in the same browser.
 * - A 1 MB API answer in the console: the console's `/me` call answered by a 1 MB JSON through Playwright's
 *   `context.route` (the emulator has no such endpoint), against the emulator's real `/me` answer, each in a
 *   fresh popup: Call clicked → the Response region's frame presented (Element Timing), and the longest gap
 *   between animation frames (a heartbeat from 500 ms before the click until 300 ms after the answer showed)
 *   against the same page idle.
 */
import type { Page } from 'playwright-core';
import type { EmulatorControl } from '../../sandbox/emulator/control-client.ts';
import { USERS } from '../../sandbox/emulator/users.ts';
import { SANDBOX_EXTENSION_ORIGIN, SANDBOX_REDIRECT_URI } from '../../sandbox/sandbox-config.ts';
import { approve, timeGetState, type Who } from './flows.ts';
import type { BenchBrowser } from './launch.ts';
import { POPUP_PAGE } from './launch.ts';
import { inPage, probeResult } from './probe.ts';
import { sleep } from './summary.ts';

const STEP_TIMEOUT_MS = 15_000;

interface StoredConnection {
  id: string;
  accessToken: string;
  obtainedAt: number;
  health?: unknown;
  profile?: { displayName: string };
  [key: string]: unknown;
}
interface ConnectionStore {
  version: number;
  activeId: string | null;
  connections: StoredConnection[];
}

type StorageArea = { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
type ChromeStorage = { chrome: { storage: { local: StorageArea } } };

export function readStore(page: Page): Promise<ConnectionStore | undefined> {
  return page.evaluate(async () => {
    const { local } = (globalThis as unknown as ChromeStorage).chrome.storage;
    return (await local.get('connections')).connections as ConnectionStore | undefined;
  });
}

function writeStore(page: Page, store: ConnectionStore): Promise<void> {
  return page.evaluate(async (value) => {
    const { local } = (globalThis as unknown as ChromeStorage).chrome.storage;
    await local.set({ connections: value });
  }, store);
}

/** Signs in one more account with "Add connection" (the popup is signed in already). */
async function addConnection(browser: BenchBrowser, popup: Page, who: Who): Promise<void> {
  const authWindow = browser.context.waitForEvent('page', { timeout: STEP_TIMEOUT_MS });
  await popup.getByRole('button', { name: 'Add connection' }).click();
  const auth = await authWindow;
  await auth.waitForLoadState('domcontentloaded');
  await approve(auth, who);
  const name = USERS.find((user) => user.displayName.startsWith(who))?.displayName ?? who;
  await popup.locator('#profile-name', { hasText: name }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Real tokens: codes the emulator minted for `user`, exchanged at the proxy as the worker exchanges them. */
async function mintTokens(control: EmulatorControl, proxyTokenUrl: string, user: string, count: number) {
  const codes = await control.mintCodes({ count, user });
  const tokens: string[] = [];
  for (const code of codes) {
    const response = await fetch(proxyTokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Origin: SANDBOX_EXTENSION_ORIGIN },
      body: JSON.stringify({ code, redirect_uri: SANDBOX_REDIRECT_URI }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || !body.access_token)
      throw new Error(`the proxy did not exchange a minted code (${response.status})`);
    tokens.push(body.access_token);
  }
  return tokens;
}

const newId = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');

/**
 * Brings the popup's browser (signed in as Alice, one connection) to `total` connections, Alice's active.
 * Returns the number of connections the worker then reports.
 */
export async function seedConnections(
  browser: BenchBrowser,
  popup: Page,
  control: EmulatorControl,
  proxyTokenUrl: string,
  total: number,
): Promise<number> {
  const before = await readStore(popup);
  const alice = before?.connections[0];
  if (!before || !alice || before.connections.length !== 1) throw new Error('seeding expects one connection (Alice)');
  await addConnection(browser, popup, 'Bob');
  const withBob = await readStore(popup);
  const bob = withBob?.connections.find((connection) => connection.id !== alice.id);
  if (!withBob || !bob) throw new Error('the sign-in as Bob added no connection');
  const more = total - 2;
  const [aliceTokens, bobTokens] = await Promise.all([
    mintTokens(control, proxyTokenUrl, 'alice', Math.ceil(more / 2)),
    mintTokens(control, proxyTokenUrl, 'bob', Math.floor(more / 2)),
  ]);
  const now = Date.now();
  const copies = [...aliceTokens.map((t) => [alice, t] as const), ...bobTokens.map((t) => [bob, t] as const)].map(
    ([template, accessToken], i) => {
      const { health: _health, ...rest } = template;
      return { ...rest, id: newId(), accessToken, obtainedAt: now - (i + 1) * 60_000 };
    },
  );
  await writeStore(popup, { ...withBob, activeId: alice.id, connections: [...withBob.connections, ...copies] });
  return (await timeGetState(popup)).connections;
}

/** Warm `getState` round trips from an open, idle page (ms each). */
export async function warmGetState(page: Page, runs: number, warmup = 5): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const { ms, ok } = await timeGetState(page);
    if (!ok) throw new Error('getState failed');
    if (i >= warmup) times.push(ms);
    await sleep(30);
  }
  return times;
}

// ------------------------------------------------------------------------------------------ the 1 MB answer

export interface CallRun {
  /** Call clicked → the Response region in the DOM / its frame rendered (ms). */
  toDomMs: number;
  paintedMs: number;
  /** Longest gap between animation frames: idle before the click, and from the click to 300 ms after. */
  idleMaxGapMs: number;
  callMaxGapMs: number;
  /** Long tasks (> 50 ms) from the click on: the longest and their sum. */
  longestTaskMs: number;
  longTasksMs: number;
  /** Characters the Response region shows (its text). */
  shownChars: number;
  answerBytes: number;
}

interface CallOptions {
  idleMs: number;
  afterMs: number;
  timeoutMs: number;
}

/** In the page: heartbeat, click Call, wait for the Response region, keep the heartbeat a little longer. */
function timeCall(options: CallOptions) {
  return new Promise<Omit<CallRun, 'answerBytes'> | { error: string }>((resolve) => {
    const frames: number[] = [];
    let beating = true;
    const beat = () => {
      frames.push(performance.now());
      if (beating) requestAnimationFrame(beat);
    };
    requestAnimationFrame(beat);
    const tasks: Array<{ start: number; duration: number }> = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    });
    try {
      observer.observe({ type: 'longtask' });
    } catch {
      // No Long Tasks API: the heartbeat still tells.
    }
    let rendered = -1;
    const elements = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>) {
        if (entry.identifier === 'bench-response' && rendered < 0) rendered = entry.renderTime || entry.startTime;
      }
    });
    try {
      elements.observe({ type: 'element' });
    } catch {
      // No Element Timing: the main-thread marker stands in.
    }
    const maxGap = (from: number, to: number) => {
      let max = 0;
      for (let i = 1; i < frames.length; i++) {
        const a = frames[i - 1] as number;
        const b = frames[i] as number;
        if (b >= from && a <= to) max = Math.max(max, b - a);
      }
      return max;
    };
    setTimeout(() => {
      const button = [...document.querySelectorAll('button')].find((b) => (b.textContent ?? '').trim() === 'Call');
      if (!button) {
        beating = false;
        resolve({ error: 'no Call button' });
        return;
      }
      const idleEnd = performance.now();
      let inDom = -1;
      const shown = () => document.getElementById('response-title') !== null;
      const done = (mainThreadAt: number) => {
        setTimeout(() => {
          beating = false;
          observer.disconnect();
          elements.disconnect();
          // When the frame that first showed the region was presented; else the task after its frame.
          const paintedAt = rendered >= 0 ? rendered : mainThreadAt;
          const after = tasks.filter((t) => t.start + t.duration >= idleEnd);
          const region = document.getElementById('response-title')?.closest('section');
          resolve({
            toDomMs: inDom - idleEnd,
            paintedMs: paintedAt - idleEnd,
            idleMaxGapMs: maxGap(0, idleEnd),
            callMaxGapMs: maxGap(idleEnd, paintedAt + options.afterMs),
            longestTaskMs: Math.max(0, ...after.map((t) => t.duration)),
            longTasksMs: after.reduce((sum, t) => sum + t.duration, 0),
            shownChars: (region?.textContent ?? '').length,
          });
        }, options.afterMs);
      };
      const mutations = new MutationObserver(() => {
        if (inDom >= 0 || !shown()) return;
        inDom = performance.now();
        mutations.disconnect();
        document.getElementById('response-title')?.setAttribute('elementtiming', 'bench-response');
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => done(performance.now());
          channel.port2.postMessage(0);
        });
      });
      mutations.observe(document.body, { childList: true, subtree: true });
      setTimeout(() => {
        if (inDom >= 0) return;
        beating = false;
        mutations.disconnect();
        resolve({ error: `no Response region within ${options.timeoutMs} ms` });
      }, options.timeoutMs);
      button.click();
    }, options.idleMs);
  });
}

/** A /me answer of about `bytes` bytes: the real fields, then a long list (what a big API answer is like). */
export function bigMeAnswer(bytes: number): string {
  const alice = USERS[0];
  const head = {
    ID: alice?.id ?? 1001,
    display_name: alice?.displayName ?? 'Alice Example',
    username: alice?.username ?? 'alicewrites',
    email: alice?.email ?? 'alice@example.com',
    verified: true,
  };
  const items: unknown[] = [];
  const item = (i: number) => ({
    ID: i,
    title: `Post number ${i} about trains and small gardens`,
    URL: `https://alicewrites.wordpress.com/${2020 + (i % 6)}/${String((i % 12) + 1).padStart(2, '0')}/post-${i}/`,
    excerpt: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.',
    tags: ['trains', 'gardens', 'writing'],
  });
  let size = JSON.stringify({ ...head, items: [] }).length;
  for (let i = 1; size < bytes; i++) {
    const next = JSON.stringify(item(i)).length + 1;
    if (size + next > bytes) break;
    items.push(item(i));
    size += next;
  }
  const json = JSON.stringify({ ...head, items });
  return json + ' '.repeat(Math.max(0, bytes - json.length));
}

export interface BigAnswerResult {
  big: CallRun[];
  normal: CallRun[];
}

export async function measureBigAnswer(
  browser: BenchBrowser,
  apiUrl: string,
  options: { warmup: number; runs: number; bytes: number },
): Promise<BigAnswerResult> {
  const body = bigMeAnswer(options.bytes);
  const meUrl = `${apiUrl}/v1.1/me`;
  const result: BigAnswerResult = { big: [], normal: [] };
  for (let i = 0; i < options.warmup + options.runs; i++) {
    for (const kind of i % 2 === 0 ? (['normal', 'big'] as const) : (['big', 'normal'] as const)) {
      const popup = await browser.open(POPUP_PAGE);
      try {
        await probeResult(popup);
        // The popup's own /me refresh and health check finish before the route is set.
        await sleep(800);
        let answerBytes = 0;
        if (kind === 'big') {
          await browser.context.route(
            meUrl,
            (route) => {
              answerBytes = Buffer.byteLength(body);
              return route.fulfill({ status: 200, contentType: 'application/json', body });
            },
            { times: 1 },
          );
        }
        const run = await inPage(popup, timeCall, { idleMs: 500, afterMs: 300, timeoutMs: 20_000 });
        if (kind === 'big') await browser.context.unroute(meUrl);
        if ('error' in run) throw new Error(`console call (${kind}): ${run.error}`);
        if (kind === 'big' && answerBytes === 0) throw new Error('the 1 MB route was not used');
        if (i >= options.warmup) result[kind].push({ ...run, answerBytes });
      } finally {
        await popup.close();
      }
    }
  }
  return result;
}
