/**
 * The popup Chrome opens from the toolbar (`action.openPopup()`), not `popup.html` in a tab: sized by its content,
 * closed when it loses the focus. Playwright does not expose extension popups as pages
 * (https://github.com/microsoft/playwright/issues/5593), so this drives the popup's target through the DevTools
 * protocol from another extension page: `Target.attachToTarget`, then the page's own commands sent to it. Used by
 * the end-to-end tests (tests/e2e/toolbar-popup.test.ts, desktop.test.ts, failures.test.ts) and the browser bench
 * (its toolbar paint figure).
 */
import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionBrowser } from './launch-chromium';

type TargetInfo = { targetId: string; type: string; url: string };
type Reply = { id: number; result?: Record<string, unknown>; error?: { message: string } };

const pageTargets = async (cdp: CDPSession, url: string): Promise<TargetInfo[]> => {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos.filter((t) => t.type === 'page' && t.url === url);
};

export interface ToolbarPopup {
  /**
   * When the toolbar button's click was played: `performance.timeOrigin + performance.now()` in the opening page
   * (NaN for a popup something else opened).
   */
  openedAt: number;
  /** The value of `script` in the popup: a script's text, or a function of no arguments run there (its source). */
  evaluate<T>(script: string | (() => T)): Promise<T>;
  /** Waits until `expression` is truthy in the popup. */
  waitFor(expression: string, what: string): Promise<void>;
  /** A real click (mouse down and up) in the middle of the first element `selector` matches. */
  click(selector: string): Promise<void>;
  /** A real key press, as a person's keyboard sends it. */
  press(key: 'Tab' | 'Enter'): Promise<void>;
  /** Text typed into the focused element. */
  type(text: string): Promise<void>;
  /** How many pages the browser has open besides this popup (tabs, windows). */
  openTabs(): Promise<number>;
  /**
   * Where the middle of the first element `selector` matches is on the screen, for a click played by the system
   * (`sandbox/virtual-desktop.ts`) rather than through the DevTools protocol.
   */
  screenPoint(selector: string): Promise<{ x: number; y: number }>;
  /** Whether Chrome has closed the popup. */
  isClosed(): Promise<boolean>;
  /** Closes the popup, if Chrome has not. */
  close(): Promise<void>;
}

const KEYS = { Tab: { code: 'Tab', keyCode: 9 }, Enter: { code: 'Enter', keyCode: 13, text: '\r' } } as const;

type ActionApi = {
  action: {
    openPopup(options: { windowId: number }): Promise<void>;
    setPopup(details: { popup: string }): Promise<void>;
  };
  windows: { getCurrent(): Promise<{ id: number }>; update(id: number, change: { focused: true }): Promise<void> };
};

/** Sets the page the toolbar button opens (`file`, in the extension), from `from` (an extension page). */
export async function setToolbarPopup(from: Page, file: string): Promise<void> {
  await from.evaluate(
    (popup) => (globalThis as unknown as { chrome: ActionApi }).chrome.action.setPopup({ popup }),
    file,
  );
}

/**
 * Opens the toolbar popup, as a click on the extension's toolbar button does, from `from` (an extension page, in
 * the window the popup opens in). `file`: the page the popup shows, set with `action.setPopup` first when it is not
 * the manifest's (the bench's blank page).
 */
export async function openToolbarPopup(
  browser: Pick<ExtensionBrowser, 'context' | 'extensionId'>,
  from: Page,
  file = 'popup.html',
): Promise<ToolbarPopup> {
  const watch = await watchForToolbarPopup(browser, from, file);
  await setToolbarPopup(from, file);
  // In `from`'s window, which is brought to the front first, as a click on its toolbar button would do.
  const openedAt = await from.evaluate(async () => {
    const { action, windows } = (globalThis as unknown as { chrome: ActionApi }).chrome;
    const { id } = await windows.getCurrent();
    await windows.update(id, { focused: true });
    const at = performance.timeOrigin + performance.now();
    await action.openPopup({ windowId: id });
    return at;
  });
  return watch.next({ openedAt, within: 5_000 });
}

/**
 * Watches for a toolbar popup that something else opens (the worker, after a sign-in): call it before, then
 * `next()` attaches to the first popup of `file` opened since, waiting up to `within` ms. `from`: an extension
 * page, through which the popup is driven.
 */
export async function watchForToolbarPopup(
  browser: Pick<ExtensionBrowser, 'context' | 'extensionId'>,
  from: Page,
  file = 'popup.html',
): Promise<{ next(options?: { openedAt?: number; within?: number }): Promise<ToolbarPopup> }> {
  const cdp = await browser.context.newCDPSession(from);
  const url = `chrome-extension://${browser.extensionId}/${file}`;
  const before = new Set((await pageTargets(cdp, url)).map((t) => t.targetId));
  return {
    async next({ openedAt = Number.NaN, within = 15_000 } = {}) {
      const deadline = Date.now() + within;
      let target: TargetInfo | undefined;
      while (!target) {
        if (Date.now() > deadline) throw new Error(`Chrome opened no toolbar popup within ${within / 1000} s.`);
        target = (await pageTargets(cdp, url)).find((t) => !before.has(t.targetId));
        if (!target) await from.waitForTimeout(20);
      }
      return attach(cdp, from, url, target, openedAt);
    },
  };
}

async function attach(
  cdp: CDPSession,
  from: Page,
  url: string,
  target: TargetInfo,
  openedAt: number,
): Promise<ToolbarPopup> {
  const { targetId } = target;
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as {
    sessionId: string;
  };

  let lastId = 0;
  const waiting = new Map<number, (reply: Reply) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as Reply;
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  // A popup that closes answers nothing more: whatever waits is told so, rather than waiting for ever.
  cdp.on('Target.detachedFromTarget', (event: { sessionId: string }) => {
    if (event.sessionId !== sessionId) return;
    for (const [id, answer] of waiting) answer({ id, error: { message: 'the toolbar popup closed' } });
    waiting.clear();
  });
  const send = async (method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> => {
    const id = ++lastId;
    const replied = new Promise<Reply>((resolve) => {
      waiting.set(id, resolve);
      setTimeout(() => resolve({ id, error: { message: 'no answer within 15 s' } }), 15_000).unref();
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const reply = await replied;
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result ?? {};
  };

  const evaluate = async <T>(script: string | (() => T)): Promise<T> => {
    const expression = typeof script === 'string' ? script : `(${script.toString()})()`;
    const result = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value: T };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    };
    if (result.exceptionDetails) {
      throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    }
    return result.result.value;
  };
  const isClosed = async () => !(await pageTargets(cdp, url)).some((t) => t.targetId === targetId);

  return {
    openedAt,
    evaluate,
    async waitFor(expression, what) {
      for (let tries = 0; !(await evaluate<boolean>(`Boolean(${expression})`)); tries++) {
        if (tries > 150) throw new Error(`The toolbar popup never showed ${what}.`);
        await from.waitForTimeout(100);
      }
    },
    async click(selector) {
      const box = await evaluate<{ x: number; y: number } | null>(`(() => {
        const element = document.querySelector(${JSON.stringify(selector)});
        if (!element) return null;
        element.scrollIntoView({ block: 'center' });
        const box = element.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      })()`);
      if (!box) throw new Error(`Nothing in the toolbar popup matches ${selector}.`);
      const at = { x: box.x, y: box.y, button: 'left', clickCount: 1 };
      await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: box.x, y: box.y });
      await send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at });
      await send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at }).catch(async (error: unknown) => {
        // The click may close the popup before its answer comes back (a link that opens a tab).
        if (!(await isClosed())) throw error;
      });
    },
    async press(key) {
      const { code, keyCode, ...rest } = KEYS[key];
      const event = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
      await send('Input.dispatchKeyEvent', { type: 'keyDown', ...event, ...rest });
      await send('Input.dispatchKeyEvent', { type: 'keyUp', ...event });
    },
    async type(text) {
      await send('Input.insertText', { text });
    },
    async openTabs() {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      return targetInfos.filter((t) => t.type === 'page' && t.targetId !== targetId).length;
    },
    async screenPoint(selector) {
      const point = await evaluate<{ x: number; y: number } | null>(`(() => {
        const element = document.querySelector(${JSON.stringify(selector)});
        if (!element) return null;
        const box = element.getBoundingClientRect();
        return { x: screenX + box.left + box.width / 2, y: screenY + box.top + box.height / 2 };
      })()`);
      if (!point) throw new Error(`Nothing in the toolbar popup matches ${selector}.`);
      return point;
    },
    isClosed,
    async close() {
      if (!(await isClosed())) await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
