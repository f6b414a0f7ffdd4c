import { describe, expect, it } from 'vitest';
import { ConnectError } from './errors';
import { type PopupReopenApi, reopenPopupAfter, windowOfSignIn } from './popup-reopen';

/** A browser whose last window is `window`, with or without a popup page open; records what it was asked. */
function fakeBrowser(
  window: { id: number; focused: boolean } | undefined,
  options: { popupOpen?: boolean; openFails?: boolean } = {},
) {
  const opened: number[] = [];
  const asked: string[] = [];
  const api: PopupReopenApi = {
    async lastWindow() {
      asked.push('lastWindow');
      return window;
    },
    async popupOpen() {
      asked.push('popupOpen');
      return options.popupOpen === true;
    },
    async openPopup(windowId) {
      if (options.openFails) throw new Error('openPopup requires a user gesture');
      opened.push(windowId);
    },
  };
  return { api, opened, asked };
}

const signedIn = Promise.resolve({ connectionId: 'c1' });
const failed = (code: 'user_cancelled' | 'exchange_failed' | 'access_denied') =>
  Promise.reject(new ConnectError(code, 'words'));

describe('reopenPopupAfter', () => {
  it('opens the popup in the window the sign-in began in, once it has the focus again and no popup page is open', async () => {
    const { api, opened } = fakeBrowser({ id: 7, focused: true });
    expect(await reopenPopupAfter(signedIn, Promise.resolve(7), { api })).toBe(true);
    expect(opened).toEqual([7]);
  });

  it('also shows a failure the person did not choose (the exchange failed, WordPress.com said no)', async () => {
    for (const code of ['exchange_failed', 'access_denied'] as const) {
      const { api, opened } = fakeBrowser({ id: 7, focused: true });
      expect(await reopenPopupAfter(failed(code), Promise.resolve(7), { api })).toBe(true);
      expect(opened).toEqual([7]);
    }
  });

  it('not after the person closed WordPress.com’s window: they chose to stop', async () => {
    const { api, opened, asked } = fakeBrowser({ id: 7, focused: true });
    expect(await reopenPopupAfter(failed('user_cancelled'), Promise.resolve(7), { api })).toBe(false);
    expect(opened).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('not in a person’s way: another window or program has the focus, or a popup page is open already', async () => {
    const cases = [
      fakeBrowser({ id: 8, focused: true }),
      fakeBrowser({ id: 7, focused: false }),
      fakeBrowser(undefined),
      fakeBrowser({ id: 7, focused: true }, { popupOpen: true }),
    ];
    for (const { api, opened } of cases) {
      expect(await reopenPopupAfter(signedIn, Promise.resolve(7), { api })).toBe(false);
      expect(opened).toEqual([]);
    }
  });

  it('looks again for a moment while the focus comes back, a little after the sign-in settles', async () => {
    const { api, opened } = fakeBrowser({ id: 7, focused: false });
    let looks = 0;
    api.lastWindow = async () => {
      looks += 1;
      return { id: 7, focused: looks >= 3 };
    };
    expect(await reopenPopupAfter(signedIn, Promise.resolve(7), { api })).toBe(true);
    expect(opened).toEqual([7]);
    expect(looks).toBe(3);
  });

  it('a popup page open as the sign-in ends shows the outcome itself: not looked at again', async () => {
    const { api, opened, asked } = fakeBrowser({ id: 7, focused: false }, { popupOpen: true });
    expect(await reopenPopupAfter(signedIn, Promise.resolve(7), { api })).toBe(false);
    expect(opened).toEqual([]);
    expect(asked.filter((call) => call === 'popupOpen')).toHaveLength(1);
  });

  it('not when the window the sign-in began in is unknown', async () => {
    const { api, opened, asked } = fakeBrowser({ id: 7, focused: true });
    expect(await reopenPopupAfter(signedIn, Promise.resolve(undefined), { api })).toBe(false);
    expect(opened).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('makes the page ready before it opens the popup, and only when it opens it', async () => {
    const { api, opened } = fakeBrowser({ id: 7, focused: true });
    const order: string[] = [];
    const prepare = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`prepared, opened: ${opened.length}`);
    };
    expect(await reopenPopupAfter(signedIn, Promise.resolve(7), { api, prepare })).toBe(true);
    expect(order).toEqual(['prepared, opened: 0']);
    expect(opened).toEqual([7]);
    // Not when the popup does not come back (the person closed WordPress.com's window).
    expect(await reopenPopupAfter(failed('user_cancelled'), Promise.resolve(7), { api, prepare })).toBe(false);
    expect(order).toHaveLength(1);
  });

  it('asks about the window after the page is ready: a person who moved on meanwhile is not interrupted', async () => {
    const window = { id: 7, focused: true };
    const { api, opened } = fakeBrowser(window);
    const prepare = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      window.focused = false;
    };
    expect(await reopenPopupAfter(signedIn, Promise.resolve(7), { api, prepare })).toBe(false);
    expect(opened).toEqual([]);
  });

  it('waits for the sign-in: nothing is asked of the browser before it settles', async () => {
    const { api, asked } = fakeBrowser({ id: 7, focused: true });
    let finish: (value: unknown) => void = () => {};
    const reopening = reopenPopupAfter(new Promise((resolve) => (finish = resolve)), Promise.resolve(7), { api });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toEqual([]);
    finish({ connectionId: 'c1' });
    expect(await reopening).toBe(true);
  });

  it('never rejects: a browser that refuses (one that wants a click) leaves the outcome to the next popup', async () => {
    const { api } = fakeBrowser({ id: 7, focused: true }, { openFails: true });
    expect(await reopenPopupAfter(signedIn, Promise.resolve(7), { api })).toBe(false);
    const broken: PopupReopenApi = { ...api, lastWindow: () => Promise.reject(new Error('no windows API')) };
    expect(await reopenPopupAfter(signedIn, Promise.resolve(7), { api: broken })).toBe(false);
  });
});

describe('windowOfSignIn', () => {
  it('is the last browser window, focused or not (its toolbar popup has the focus when "Log in" is clicked)', async () => {
    expect(await windowOfSignIn(fakeBrowser({ id: 7, focused: false }).api)).toBe(7);
    expect(await windowOfSignIn(fakeBrowser(undefined).api)).toBeUndefined();
    const broken: PopupReopenApi = {
      ...fakeBrowser(undefined).api,
      lastWindow: () => Promise.reject(new Error('no windows API')),
    };
    expect(await windowOfSignIn(broken)).toBeUndefined();
  });
});
