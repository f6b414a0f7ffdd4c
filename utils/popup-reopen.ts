/**
 * After a sign-in, the toolbar popup comes back with its outcome. A person clicks "Log in" in the popup, and by the
 * time WordPress.com's window closes the popup has gone: Chrome closes it when another window takes the focus
 * (Windows, macOS) or when the browser window is active again (Linux, seen in tests/e2e/desktop.test.ts). So once
 * the sign-in has an outcome to show (the profile, or what went wrong), the worker opens the popup again in the
 * window the sign-in began in, as a click on the toolbar button would.
 *
 * Only when that window has the focus again (a person who moved on to another window or program is not
 * interrupted), when no page of the popup is open (an open one shows the outcome by itself), and not after the
 * person closed WordPress.com's window themselves (`user_cancelled`: they chose to stop). Where the browser does not
 * allow it (one that opens a popup only on a person's click; Chromium 156 and Firefox ESR 153 both allow it, see the
 * e2e tests), the next popup shows the outcome, as it always did.
 */
import { browser } from 'wxt/browser';
import { toErrorInfo } from './errors';

const POPUP_PATH = '/popup.html';

/** How often, and how far apart, the window is looked at before the popup is given up (1 s in all). */
const REOPEN_LOOKS = 10;
const REOPEN_LOOK_EVERY_MS = 100;

export interface PopupReopenApi {
  /**
   * The browser window the person used last, and whether it has the focus now. (While its toolbar popup has the
   * focus, the window itself does not.)
   */
  lastWindow(): Promise<{ id: number; focused: boolean } | undefined>;
  /** Whether a page of the popup is open (toolbar popup or tab). */
  popupOpen(): Promise<boolean>;
  /** Opens the toolbar popup in the window. */
  openPopup(windowId: number): Promise<void>;
}

type RuntimeContexts = { getContexts?(filter: { documentUrls: string[] }): Promise<unknown[]> };

const browserApi: PopupReopenApi = {
  async lastWindow() {
    const { id, focused } = await browser.windows.getLastFocused({ windowTypes: ['normal'] });
    return id === undefined ? undefined : { id, focused };
  },
  async popupOpen() {
    const runtime = browser.runtime as unknown as RuntimeContexts;
    // Without `getContexts` (older browsers) it cannot be told: a second popup is not risked.
    if (!runtime.getContexts) return true;
    return (await runtime.getContexts({ documentUrls: [browser.runtime.getURL(POPUP_PATH)] })).length > 0;
  },
  async openPopup(windowId) {
    await browser.action.openPopup({ windowId });
  },
};

/**
 * Whether a message came from the popup's page. Only a sign-in begun there brings the popup back: the options page
 * stays open through a sign-in and shows its outcome itself, and a popup opened over it would take its focus.
 */
export function sentByPopup(senderUrl: string | undefined): boolean {
  if (senderUrl === undefined) return false;
  const url = new URL(senderUrl);
  return url.origin === new URL(browser.runtime.getURL('/')).origin && url.pathname === POPUP_PATH;
}

/**
 * The window a sign-in begins in: asked for before the sign-in starts (the browser answers in order, so before
 * WordPress.com's window can exist). Never rejects.
 */
export function windowOfSignIn(api: PopupReopenApi = browserApi): Promise<number | undefined> {
  return api.lastWindow().then(
    (window) => window?.id,
    () => undefined,
  );
}

/**
 * Once `signIn` settles, shows its outcome in the toolbar popup of the window it began in, when the rules above
 * allow, after `prepare` (when given) has settled. Never rejects, and changes nothing about the sign-in: at worst the popup is not reopened.
 */
export async function reopenPopupAfter(
  signIn: Promise<unknown>,
  startedInWindow: Promise<number | undefined>,
  { api = browserApi, prepare }: { api?: PopupReopenApi; prepare?: () => Promise<void> } = {},
): Promise<boolean> {
  try {
    const failure = await signIn.then(
      () => undefined,
      (error: unknown) => error,
    );
    const startedIn = await startedInWindow;
    if (startedIn === undefined) return false;
    if (failure !== undefined && toErrorInfo(failure).code === 'user_cancelled') return false;
    // What the popup will show is made ready first (the worker serves the page with the state in it, popup-route.ts),
    // and the window is asked about after that, so a person who moved on meanwhile is not interrupted.
    await prepare?.();
    // A popup page open already shows the outcome itself. The focus is looked at a few times over a moment: as
    // WordPress.com's window closes, the window the sign-in began in gets it back a little after the sign-in settles
    // (a single look could come first).
    for (let look = 1; ; look++) {
      const [now, open] = await Promise.all([api.lastWindow(), api.popupOpen()]);
      if (open || (now !== undefined && now.id !== startedIn)) return false;
      if (now?.focused) break;
      if (look >= REOPEN_LOOKS) return false;
      await new Promise((resolve) => setTimeout(resolve, REOPEN_LOOK_EVERY_MS));
    }
    await api.openPopup(startedIn);
    return true;
  } catch {
    return false;
  }
}
