/**
 * The popup's first frame (utils/first-frame.ts): with the worker running, the worker serves popup.html with the
 * kept frame in its HTML (utils/popup-route.ts); with it stopped, the packaged page's pre-paint script draws the
 * frame. Either way the popup's first render takes those elements over without a visible change.
 */
import type { Page, Response } from 'playwright-core';
import { describe, expect } from 'vitest';
import { watchForToolbarPopup } from '../../sandbox/toolbar-popup';
import { FRAME_KEY, STATE_KEY } from '../../utils/first-frame';
import {
  approveAs,
  type Harness,
  logIn,
  openOptions,
  startLogin,
  stopServiceWorker,
  extensionTest as test,
} from './harness';

/** The bit of `chrome` these tests call inside extension pages. */
type ChromeRuntime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

interface Seen {
  /** #app once the parser is done, before any module has run (readyState "interactive"). */
  beforeCode?: string;
  /** #app when the popup's first render sent its first message. */
  firstRender?: string;
  /** #app's `visibility` once parsed, and with its end marker taken out for a moment (the served page's rule). */
  visibility?: { parsed: string; cut: string };
}

/** Records #app's elements, attributes (sorted) and text before the popup's code runs and after its first render. */
async function watchFirstFrame(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Seen = {};
    Object.assign(window, { firstFrame: seen });
    const shape = (node: Node): unknown =>
      node.nodeType === Node.TEXT_NODE
        ? node.nodeValue
        : [
            (node as Element).localName,
            [...(node as Element).attributes].map((a) => `${a.name}=${a.value}`).sort(),
            ...[...node.childNodes].map(shape),
          ];
    const app = () => JSON.stringify([...(document.getElementById('app')?.childNodes ?? [])].map(shape));
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      seen.beforeCode = app();
      const root = document.getElementById('app');
      const end = root?.lastElementChild;
      if (root && end?.localName === 'template') {
        const parsed = getComputedStyle(root).visibility;
        end.remove();
        const cut = getComputedStyle(root).visibility;
        root.append(end);
        seen.visibility = { parsed, cut };
      }
    });
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: (...a: unknown[]) => unknown } } })
      .chrome.runtime;
    const send = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (...args: unknown[]) => {
      seen.firstRender ??= app();
      return send(...args);
    };
  });
}

/**
 * What the screen shows of a shape: HTML holds no empty text and runs adjacent text together ("@" + "alice" is
 * one text node once parsed), which changes nothing on screen.
 */
function onScreen(shape: string): unknown {
  const walk = (node: unknown): unknown => {
    if (!Array.isArray(node)) return node;
    const [tag, attributes, ...children] = node as [string, string[], ...unknown[]];
    const merged: unknown[] = [];
    for (const child of children.map(walk)) {
      if (child === '') continue;
      const last = merged.at(-1);
      if (typeof child === 'string' && typeof last === 'string') merged[merged.length - 1] = last + child;
      else merged.push(child);
    }
    return [tag, attributes, ...merged];
  };
  return (JSON.parse(shape) as unknown[]).map(walk);
}

async function openPopupPage(h: Harness): Promise<{ page: Page; response: Response | null }> {
  const page = await h.context.newPage();
  await watchFirstFrame(page);
  const response = await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  return { page, response };
}

async function seenOn(page: Page): Promise<Seen> {
  const read = () => page.evaluate(() => (window as unknown as { firstFrame: Seen }).firstFrame);
  await expect.poll(async () => (await read()).firstRender !== undefined).toBe(true);
  return read();
}

/** Signs Alice in and waits until the worker serves the popup page with her frame (the popup hands it over when idle). */
async function signedInWithServedFrame(h: Harness): Promise<void> {
  await logIn(h);
  await h.popup.getByRole('heading', { name: 'Alice Example' }).waitFor();
  await h.popup.close();
  await expect
    .poll(
      async () => {
        const { page, response } = await openPopupPage(h);
        const served = response?.fromServiceWorker() === true && (await response.text()).includes('Alice Example');
        await page.waitForTimeout(300); // this page hands the frame over again: let it, before closing
        await page.close();
        return served;
      },
      { timeout: 10_000, interval: 200 },
    )
    .toBe(true);
}

describe("the popup's first frame", () => {
  test('with the worker running, the page comes from the worker with the kept frame in its HTML, and the first render takes it over', async ({
    h,
  }) => {
    await signedInWithServedFrame(h);
    const { page, response } = await openPopupPage(h);
    expect(response?.fromServiceWorker()).toBe(true);
    expect(response?.headers()['content-security-policy']).toBe(
      "script-src 'self'; object-src 'none'; base-uri 'none'",
    );
    await page.getByRole('heading', { name: 'Alice Example' }).waitFor();
    const seen = await seenOn(page);
    expect(seen.beforeCode).toContain('Alice Example');
    expect(seen.beforeCode).toContain('Revoke');
    // Parsed whole: the frame between the show-when-parsed rule and the end marker, which the first render removes.
    const parsed = JSON.parse(seen.beforeCode ?? '[]') as unknown[];
    expect(parsed[0]).toEqual(['style', [], expect.stringContaining('visibility:hidden')]);
    expect(parsed.at(-1)).toEqual(['template', ['data-frame-end=']]);
    expect(onScreen(seen.firstRender ?? '[]')).toEqual(onScreen(JSON.stringify(parsed.slice(1, -1))));
    expect(await page.locator('#app').evaluate((app) => getComputedStyle(app).visibility)).toBe('visible');
    // The rule applies in the page as served (its policies allow it): without the end marker, nothing shows.
    expect(seen.visibility).toEqual({ parsed: 'visible', cut: 'hidden' });
  });

  test('the toolbar popup that comes back after Approve is served with the new state: its first paint shows the name', async ({
    h,
  }) => {
    // No popup has drawn Alice yet: the one that started the sign-in is gone, as a real toolbar popup is by then.
    const options = await openOptions(h);
    const auth = await startLogin(h);
    await h.popup.close();
    const comesBack = await watchForToolbarPopup(h, options);
    await approveAs(auth, 'Alice');
    const back = await comesBack.next();
    await back.waitFor(`document.querySelector('#profile-name')?.textContent.trim() === 'Alice Example'`, 'the name');
    const seen = await back.evaluate<{ served: boolean; firstPaint?: number; name?: number; block: boolean }>(`
      new Promise((resolve) => {
        const read = (entries) => resolve({
          served: performance.getEntriesByType('navigation')[0].workerStart > 0,
          firstPaint: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime,
          name: entries.find((e) => e.identifier === 'profile-name')?.renderTime,
          block: document.getElementById('served-state') !== null,
        });
        new PerformanceObserver((list) => read(list.getEntries())).observe({ type: 'element', buffered: true });
        setTimeout(() => read([]), 2000);
      })`);
    expect(seen.served).toBe(true);
    // Chrome shows a toolbar popup once its page has loaded; the first frame it presents is the first contentful
    // one, and the name is in it (before, that frame said "Loading…" and the name came a frame or two later).
    expect(seen.firstPaint).toBeGreaterThan(0);
    expect(Math.abs((seen.name ?? Number.NaN) - (seen.firstPaint ?? 0))).toBeLessThan(1);
    expect(seen.block).toBe(false);
    await back.close();
  });

  test('a served frame shows whole or not at all: cut anywhere before its end, the page shows none of it', async ({
    h,
  }) => {
    await signedInWithServedFrame(h);
    const { page, response } = await openPopupPage(h);
    const html = (await response?.text()) ?? '';
    await page.close();
    const end = html.indexOf('<template data-frame-end></template>');
    const name = html.indexOf('Alice Example');
    expect(name).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(name);
    // The parser as it stops for its time budget: the page parsed up to the title bar, then up to the name, then whole.
    const parsing = await h.context.newPage();
    const shown = (): Promise<{ app: string; name: string | undefined }> =>
      parsing.evaluate(() => ({
        app: getComputedStyle(document.getElementById('app') as Element).visibility,
        name: document.getElementById('profile-name')?.checkVisibility({ visibilityProperty: true }) ? 'shown' : 'not',
      }));
    const write = (chunk: string) => parsing.evaluate((text) => document.write(text), chunk);
    await parsing.evaluate(() => document.open());
    await write(html.slice(0, html.indexOf('</header>')));
    expect((await shown()).app).toBe('hidden');
    await write(html.slice(html.indexOf('</header>'), name + 'Alice Example'.length));
    expect(await shown()).toEqual({ app: 'hidden', name: 'not' });
    await write(html.slice(name + 'Alice Example'.length, end + '<template data-frame-end></template>'.length));
    expect(await shown()).toEqual({ app: 'visible', name: 'shown' });
    await parsing.close();
  });

  test('a popup closed right after its state changed, before it was idle, still leaves the frame of that state', async ({
    h,
  }) => {
    await signedInWithServedFrame(h);
    const { page } = await openPopupPage(h);
    await page.getByRole('heading', { name: 'Alice Example' }).waitFor();
    const frameKept = () => page.evaluate((key) => localStorage.getItem(key), FRAME_KEY);
    // Settled: the page's first answer is in, and any frame it made due is drawn.
    await expect.poll(frameKept).not.toBeNull();
    // This page is never idle again: only its pagehide can draw the frame of the state that comes next.
    await page.evaluate(() => Object.assign(window, { requestIdleCallback: () => 0 }));
    await page.evaluate(
      (settings) =>
        (globalThis as unknown as { chrome: ChromeRuntime }).chrome.runtime.sendMessage({
          type: 'saveSettings',
          settings,
        }),
      // The defaults with Gravatar off (utils/access-choices.ts DEFAULT_SETTINGS).
      { access: { level: 'profile' }, showGravatar: false },
    );
    // The new state arrived (kept by this page: a frame removed is not enough, the page's first answer removes one too,
    // and a page closed before the new state came would leave a frame of the old one, which the next page drops): the
    // frame of the old one is gone, the new one not drawn yet.
    const keptShowGravatar = () =>
      page.evaluate(
        (key) =>
          (JSON.parse(localStorage.getItem(key) ?? 'null') as { settings?: { showGravatar?: boolean } } | null)
            ?.settings?.showGravatar,
        STATE_KEY,
      );
    await expect.poll(keptShowGravatar).toBe(false);
    expect(await frameKept()).toBeNull();
    await page.close();
    const other = await h.context.newPage();
    await other.goto(`chrome-extension://${h.extensionId}/options.html`);
    const kept = JSON.parse((await other.evaluate((key) => localStorage.getItem(key), FRAME_KEY)) ?? 'null') as {
      nodes?: unknown;
    } | null;
    expect(kept ? JSON.stringify(kept.nodes) : 'no frame kept').toContain('Alice Example');
    await other.close();
  });

  test('with the worker stopped, the packaged page: the pre-paint script draws the frame, taken over unchanged', async ({
    h,
  }) => {
    await signedInWithServedFrame(h);
    await stopServiceWorker(h);
    const { page, response } = await openPopupPage(h);
    expect(response?.fromServiceWorker()).toBe(false);
    await page.getByRole('heading', { name: 'Alice Example' }).waitFor();
    const seen = await seenOn(page);
    expect(seen.beforeCode).toContain('Alice Example');
    expect(seen.firstRender).toBe(seen.beforeCode);
  });

  test('a revocation, even from another page, stops the worker serving the frame of the person revoked', async ({
    h,
  }) => {
    await signedInWithServedFrame(h);
    const options = await openOptions(h);
    const answer = await options.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeRuntime }).chrome.runtime.sendMessage({ type: 'revoke' }),
    );
    expect(answer).toMatchObject({ ok: true, state: { status: 'signed_out' } });
    const { page, response } = await openPopupPage(h);
    expect(response?.fromServiceWorker()).toBe(false);
    expect(await response?.text()).not.toContain('Alice Example');
    await page.close();
  });

  test('a hostile frame is served inert: its text stays text, nothing runs, and the page keeps its policy', async ({
    h,
  }) => {
    const options = await openOptions(h);
    const hostile = '</h2><script>window.pwned = 1</script><img src="x" onerror="window.pwned = 1">';
    const answer = await options.evaluate(async (text) => {
      const popupHtml = await (await fetch('/popup.html')).text();
      const src = /<script type="module"[^>]*\ssrc="([^"]+)"/.exec(popupHtml)?.[1] ?? '';
      const nodes = [
        ['h2', { id: 'profile-name', title: `"><script>window.pwned = 1</script>`, onclick: 'window.pwned = 1' }, text],
        ['img', { src: 'javascript:window.pwned = 1', onerror: 'window.pwned = 1' }],
        ['a', { href: 'javascript:window.pwned = 1' }, 'link'],
      ];
      return (globalThis as unknown as { chrome: ChromeRuntime }).chrome.runtime.sendMessage({
        type: 'keepFrame',
        frame: { drawnBy: new URL(src, location.href).href, nodes },
        // The connections stored now (none): the worker serves a frame only for those.
        drawnFor: { activeId: null, connectionIds: [] },
      });
    }, hostile);
    expect(answer).toMatchObject({ ok: true });
    const page = await h.context.newPage();
    await page.addInitScript(() => {
      const seen: Record<string, unknown> & { violated: string[] } = { violated: [] };
      Object.assign(window, { served: seen });
      document.addEventListener('securitypolicyviolation', (event) => {
        seen.violated.push(event.originalPolicy);
      });
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        const app = document.getElementById('app');
        seen.heading = document.getElementById('profile-name')?.textContent;
        seen.title = document.getElementById('profile-name')?.getAttribute('title');
        seen.scripts = app?.querySelectorAll('script').length;
        seen.handlers = app?.querySelectorAll('[onclick], [onerror]').length;
        seen.links = [...(app?.querySelectorAll('[href], [src]') ?? [])].length;
        // The served page's policy forbids inline script: this one must not run.
        const inline = document.createElement('script');
        inline.textContent = 'window.pwned = 2';
        document.head.append(inline);
      });
    });
    const response = await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
    expect(response?.fromServiceWorker()).toBe(true);
    await page.waitForLoadState('load');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { served: object }).served))
      .toMatchObject({
        heading: hostile,
        title: `"><script>window.pwned = 1</script>`,
        scripts: 0,
        handlers: 0,
        links: 0,
      });
    const served = await page.evaluate(() => (window as unknown as { served: { violated: string[] } }).served);
    expect(served.violated).toContain("script-src 'self'; object-src 'none'; base-uri 'none'");
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });
});
