/**
 * Firefox's toolbar on a desktop (sandbox/virtual-desktop.ts), clicked as a person clicks it: the Extensions
 * button, the add-on in its panel, then the add-on's popup. Firefox's own window is no page the driver can reach;
 * with `--remote-allow-system-access` (sandbox/launch-firefox.ts), WebDriver BiDi lists it and runs script in it
 * (`browsingContext.getTree` and `script.evaluate` with `"moz:scope": "chrome"`; Firefox ESR 153), which is how
 * this finds where things are on the screen. The clicks themselves are X input. The popup's page is read through
 * the add-on's own views (`extension.getViews`) from another of its pages. Used by tests/e2e-firefox/desktop.test.ts.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { Aim, VirtualDesktop } from './virtual-desktop';

type BidiReply = { result: { result?: { type: string; value?: unknown }; exceptionDetails?: { text: string } } };
type BidiTree = { result: { contexts: Array<{ context: string; url: string }> } };
type BidiConnection = { send(method: string, params: object): Promise<unknown> };

/**
 * `aim(win, selector)`, as source text run in the window it measures: the element scrolled into view, where its
 * middle is on the screen (`mozInnerScreenX/Y`: the window's viewport on the screen), or null while it has no box;
 * and a promise, kept on the window, of whether the next mouse move there is over it.
 */
const AIM = `(win, selector) => {
  const target = win?.document.querySelector(selector);
  target?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const box = target?.getBoundingClientRect();
  if (!box || box.width === 0 || box.height === 0) return null;
  win.__connectMouseOver = new Promise((resolve) => {
    win.setTimeout(() => resolve(false), 1000);
    win.addEventListener('mousemove', (event) => resolve(target.contains(event.target)), { once: true });
  });
  return { x: win.mozInnerScreenX + box.x + box.width / 2, y: win.mozInnerScreenY + box.y + box.height / 2 };
}`;

/** The add-on's popup window, seen from another page of the add-on. */
const POPUP_VIEW = `browser.extension.getViews({ type: 'popup' })[0]`;

export interface FirefoxToolbar {
  /** Clicks the Extensions button, then the add-on in the panel it opens, for real; resolves once the popup shows. */
  openPopup(): Promise<void>;
  /** Whether the add-on's popup is open in the browser window. */
  popupOpen(): Promise<boolean>;
  /** Closes the add-on's popup (as its own `window.close()` does), if one is open. */
  closePopup(): Promise<void>;
  /** A real click on the first element `selector` matches in the add-on's popup. */
  clickInPopup(selector: string): Promise<void>;
  /** A real click on the first element `selector` matches in `page` (a tab or a window of its own). */
  clickInPage(page: Page, selector: string): Promise<void>;
  /** The value of `expression` in the add-on's popup window (`view`), or null when no popup is open. */
  inPopup<T>(expression: string): Promise<T | null>;
}

/**
 * Drives the toolbar of the only browser window open now (`browser`'s), for the add-on `addonId`; `from` is one of
 * the add-on's pages, which reads its popup.
 */
export async function firefoxToolbar(
  browser: Browser,
  desktop: VirtualDesktop,
  addonId: string,
  from: Page,
): Promise<FirefoxToolbar> {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection) throw new Error('This puppeteer-core does not expose its WebDriver BiDi connection.');
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as BidiTree;
  const windows = tree.result.contexts.filter((context) => context.url === 'chrome://browser/content/browser.xhtml');
  if (windows.length !== 1) throw new Error(`Expected one browser window, found ${windows.length}.`);
  const context = windows[0]?.context;
  /** The value of `expression` in the browser window's own document (promises awaited), as JSON carries it. */
  const inWindow = async <T>(expression: string): Promise<T> => {
    const reply = (await connection.send('script.evaluate', {
      // BiDi hands objects back in its own serialization: JSON is simpler to read.
      expression: `(async () => JSON.stringify(await (${expression})) ?? 'null')()`,
      target: { context },
      awaitPromise: true,
    })) as BidiReply;
    if (reply.result.exceptionDetails) throw new Error(`In Firefox's window: ${reply.result.exceptionDetails.text}`);
    return JSON.parse(String(reply.result.result?.value)) as T;
  };
  // Firefox's id for the add-on's toolbar widget (ExtensionCommon's makeWidgetId).
  const widget = `#${addonId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-browser-action`;
  const aimInWindow = (selector: string) => async (): Promise<Aim | null> => {
    const point = await inWindow<Aim['point'] | null>(`(${AIM})(window, ${JSON.stringify(selector)})`);
    return point && { point, seenOver: () => inWindow<boolean>('window.__connectMouseOver') };
  };
  const aimInPage = (page: Page, view: string, selector: string) => async (): Promise<Aim | null> => {
    const point = await page.evaluate(`(${AIM})(${view}, ${JSON.stringify(selector)})`);
    return (
      (point as Aim['point'] | null) && {
        point: point as Aim['point'],
        seenOver: async () => (await page.evaluate(`${view}?.__connectMouseOver ?? false`)) as boolean,
      }
    );
  };
  const until = async (what: string, test: () => Promise<boolean>, within = 5_000) => {
    const deadline = Date.now() + within;
    while (!(await test())) {
      if (Date.now() > deadline) throw new Error(`${what} within ${within / 1000} s: it did not.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const panelOpen = (panel: string) => inWindow<boolean>(`document.querySelector('${panel}')?.state === 'open'`);
  const popupOpen = () =>
    inWindow<boolean>(
      `[...document.querySelectorAll('browser.webextension-popup-browser')].some((b) => b.closest('panel')?.state === 'open')`,
    );
  const inPopup = async <T>(expression: string): Promise<T | null> =>
    (await from.evaluate(
      `(() => { const view = ${POPUP_VIEW}; return view ? (${expression}) : null; })()`,
    )) as T | null;
  return {
    async openPopup() {
      if (await popupOpen()) throw new Error('The add-on’s popup is open already: close it first.');
      if (!(await panelOpen('#unified-extensions-panel'))) {
        await desktop.clickWhenOver('the Extensions button', aimInWindow('#unified-extensions-button'));
        await until('The Extensions panel should open', () => panelOpen('#unified-extensions-panel'));
      }
      await desktop.clickWhenOver(
        'the add-on in the Extensions panel',
        aimInWindow(`${widget} .unified-extensions-item-action-button`),
      );
      await until(
        'The add-on’s popup should open',
        async () => (await popupOpen()) && (await inPopup('true')) === true,
      );
    },
    popupOpen,
    async closePopup() {
      await inPopup('view.close()');
      await until('The add-on’s popup should close', async () => !(await popupOpen()));
    },
    clickInPopup: (selector) =>
      desktop.clickWhenOver(`${selector} in the add-on’s popup`, aimInPage(from, POPUP_VIEW, selector)),
    clickInPage: (page, selector) =>
      desktop.clickWhenOver(`${selector} in ${page.url()}`, aimInPage(page, 'window', selector)),
    inPopup,
  };
}
