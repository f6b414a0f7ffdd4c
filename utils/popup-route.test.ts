import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALICE_LOGIN_VIEW, BOB_GLOBAL_VIEW } from '../components/testing/views';
import { DEFAULT_SETTINGS } from './access-choices';
import { FRAME_KEY, type FrameNode, STATE_KEY } from './first-frame';
import type { AppState } from './messages';
import { FRAME_END, SERVED_STATE_ID, SHOW_WHEN_PARSED } from './popup-page';

type Route = typeof import('./popup-route');

const base = `chrome-extension://${fakeBrowser.runtime.id}`;
const TEMPLATE =
  '<!DOCTYPE html><html><head><script type="module" crossorigin src="/chunks/popup-x1.js"></script></head>' +
  '<body><div id="app"></div></body></html>';
const frame = {
  drawnBy: `${base}/chunks/popup-x1.js`,
  nodes: [['h2', { id: 'profile-name' }, 'Alice']] as FrameNode[],
};
const alice = { activeId: 'conn-a', connectionIds: ['conn-a', 'conn-b'] };
const popupNavigation = { url: `${base}/popup.html`, mode: 'navigate', method: 'GET' };

/** A service worker scope that records its listeners, with static routing (or without). */
function workerScope(routing = true) {
  const listeners = new Map<string, (event: unknown) => void>();
  const addRoutes = vi.fn(async (_rules: unknown) => undefined);
  class InstallEvent {
    addRoutes(rules: unknown) {
      return addRoutes(rules);
    }
  }
  const scope = {
    ServiceWorkerGlobalScope: class {},
    ...(routing ? { InstallEvent } : {}),
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
  };
  return { scope: scope as unknown as typeof globalThis, listeners, addRoutes, InstallEvent };
}

/** The fetch handler's answer to a request: the page served, or undefined when left to the browser. */
async function answer(listeners: Map<string, (event: unknown) => void>, request: typeof popupNavigation) {
  let response: Response | undefined;
  listeners.get('fetch')?.({ request, respondWith: (given: Response) => (response = given) });
  return response && { text: await response.text(), headers: Object.fromEntries(response.headers) };
}

let route: Route;
let templateFetches = 0;
beforeEach(async () => {
  vi.resetModules();
  route = await import('./popup-route');
  templateFetches = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      templateFetches++;
      return url === `${base}/popup.html` ? new Response(TEMPLATE) : new Response('', { status: 404 });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('the popup page the worker serves', () => {
  test('where there is no service worker with static routes (Node, Firefox, old Chromium), nothing is installed or kept', async () => {
    expect(route.installPopupRoute(globalThis)).toBe(false);
    const { scope, listeners } = workerScope(false);
    expect(route.installPopupRoute(scope)).toBe(false);
    expect(listeners.size).toBe(0);
    await route.keepPopupPage(frame, alice, alice);
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    expect(templateFetches).toBe(0);
  });

  test('routes only the popup navigation to the worker, and only while it runs', async () => {
    const { scope, listeners, addRoutes, InstallEvent } = workerScope();
    expect(route.installPopupRoute(scope)).toBe(true);
    listeners.get('install')?.(new InstallEvent());
    expect(addRoutes).toHaveBeenCalledWith(route.POPUP_ROUTES);
    expect(route.POPUP_ROUTES[0]).toEqual({
      condition: { urlPattern: { pathname: '/popup.html' }, requestMode: 'navigate', runningStatus: 'running' },
      source: 'fetch-event',
    });
    expect(route.POPUP_ROUTES[1]?.source).toBe('network');
  });

  test('serves the kept frame in the popup page, with its own policy, and nothing else', async () => {
    const { scope, listeners } = workerScope();
    route.installPopupRoute(scope);
    expect(await answer(listeners, popupNavigation)).toBeUndefined();
    await route.keepPopupPage(frame, alice, alice);
    const served = await answer(listeners, popupNavigation);
    expect(served?.text).toContain(
      `<div id="app">${SHOW_WHEN_PARSED}<h2 id="profile-name">Alice</h2>${FRAME_END}</div>`,
    );
    expect(served?.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "script-src 'self'; object-src 'none'; base-uri 'none'",
    });
    for (const other of [
      { ...popupNavigation, url: `${base}/options.html` },
      { ...popupNavigation, url: `${base}/popup.html`, mode: 'cors' },
      { ...popupNavigation, method: 'POST' },
      { ...popupNavigation, url: 'https://evil.example/popup.html' },
    ]) {
      expect(await answer(listeners, other), JSON.stringify(other)).toBeUndefined();
    }
    expect(templateFetches).toBe(1);
  });

  test('forgets the page when the connections or the active one change, or the popup keeps none', async () => {
    route.installPopupRoute(workerScope().scope);
    await route.keepPopupPage(frame, alice, alice);
    route.noteConnections({ activeId: 'conn-a', connectionIds: ['conn-b', 'conn-a'] });
    expect(route.servedPopupPage(popupNavigation)).toBeDefined();
    route.noteConnections({ activeId: 'conn-b', connectionIds: ['conn-a', 'conn-b'] });
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    await route.keepPopupPage(frame, alice, alice);
    route.noteConnections({ activeId: 'conn-a', connectionIds: ['conn-a'] });
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    await route.keepPopupPage(frame, alice, alice);
    await route.keepPopupPage(null, alice, alice);
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    await route.keepPopupPage(frame, alice, alice);
    route.forgetPopupPage();
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
  });

  test('a frame drawn for other connections than the stored ones, or for none named, is not served', async () => {
    route.installPopupRoute(workerScope().scope);
    // A popup's kept frame from before a change made while no popup was open (a health check at browser start).
    await route.keepPopupPage(frame, { activeId: 'conn-a', connectionIds: ['conn-a', 'conn-gone'] }, alice);
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    await route.keepPopupPage(frame, { activeId: 'conn-b', connectionIds: ['conn-a', 'conn-b'] }, alice);
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    await route.keepPopupPage(frame, undefined, alice);
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    // The same set in another order is the same set.
    await route.keepPopupPage(frame, { activeId: 'conn-a', connectionIds: ['conn-b', 'conn-a'] }, alice);
    expect(route.servedPopupPage(popupNavigation)).toContain('Alice');
  });

  test("where the background shares the pages' localStorage (Firefox), their kept state and frame go when they show other connections", () => {
    const pages = new Map<string, string>();
    const storage = {
      getItem: (key: string) => pages.get(key) ?? null,
      setItem: (key: string, value: string) => void pages.set(key, value),
      removeItem: (key: string) => void pages.delete(key),
    };
    const keep = () => {
      pages.set(STATE_KEY, JSON.stringify({ activeId: 'conn-a', connections: [{ id: 'conn-a' }, { id: 'conn-b' }] }));
      pages.set(FRAME_KEY, JSON.stringify(frame));
    };
    // A service worker has no localStorage: nothing to do, and nothing thrown.
    route.noteConnections({ activeId: null, connectionIds: [] });
    vi.stubGlobal('localStorage', storage);
    keep();
    route.noteConnections({ activeId: 'conn-a', connectionIds: ['conn-b', 'conn-a'] });
    expect([...pages.keys()]).toEqual([STATE_KEY, FRAME_KEY]);
    route.noteConnections({ activeId: 'conn-a', connectionIds: ['conn-a'] });
    expect(pages.size).toBe(0);
    keep();
    route.noteConnections({ activeId: 'conn-b', connectionIds: ['conn-a', 'conn-b'] });
    expect(pages.size).toBe(0);
    keep();
    // A settings change: the frame was drawn with the old ones.
    route.forgetPagesSnapshotForSettings();
    expect(pages.size).toBe(0);
  });

  /** Chromium's offscreen API as a service worker sees it: the URL of each document asked for. */
  function offscreenDocumentsCreated(): string[] {
    const created: string[] = [];
    vi.stubGlobal('chrome', {
      offscreen: {
        createDocument: async (options: { url: string }) => void created.push(options.url),
        closeDocument: async () => undefined,
      },
      runtime: { getContexts: async () => [] },
    });
    return created;
  }

  test('in a service worker, a store write that ends a connection asks for an offscreen sweep; any other, none', async () => {
    const created = offscreenDocumentsCreated();
    route.noteConnections(alice, { activeId: 'conn-a', connectionIds: ['conn-b', 'conn-a'] });
    // A sign-in or a switch ends no connection: the page that asked keeps its own snapshot.
    route.noteConnections(alice, { activeId: 'conn-a', connectionIds: ['conn-a'] });
    route.noteConnections({ activeId: 'conn-b', connectionIds: ['conn-a', 'conn-b'] }, alice);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(created).toEqual([]);
    route.noteConnections({ activeId: 'conn-b', connectionIds: ['conn-b'] }, alice);
    await expect.poll(() => created.length).toBe(1);
    expect(decodeURIComponent(created[0] ?? '')).toContain('for={"activeId":"conn-b","connectionIds":["conn-b"]}');
  });

  test('in a service worker, a store write whose earlier connections are not known (damage dropped) asks for a sweep', async () => {
    const created = offscreenDocumentsCreated();
    // The damaged entry may have been the person a kept frame shows: it goes unless it shows what is left.
    route.noteConnections(alice);
    await expect.poll(() => created.length).toBe(1);
    expect(decodeURIComponent(created[0] ?? '')).toContain(`for=${JSON.stringify(alice)}`);
  });

  test('a page still being built when the connections change is dropped', async () => {
    route.installPopupRoute(workerScope().scope);
    const kept = route.keepPopupPage(frame, alice, alice);
    route.noteConnections({ activeId: null, connectionIds: [] });
    await kept;
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
  });

  test('connections still being read when the store is written: the page is dropped, whatever the write named', async () => {
    route.installPopupRoute(workerScope().scope);
    let read: (drawnFor: typeof alice) => void = () => undefined;
    const kept = route.keepPopupPage(frame, alice, new Promise<typeof alice>((resolve) => (read = resolve)));
    // A write that lands while the page's connections are read: what was read may be from before it.
    route.noteConnections(alice);
    read(alice);
    await kept;
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    await route.keepPopupPage(frame, alice, Promise.resolve(alice));
    expect(route.servedPopupPage(popupNavigation)).toContain('Alice');
  });

  test("another build's frame, or a popup.html that cannot be read, serves nothing; the read is tried again", async () => {
    route.installPopupRoute(workerScope().scope);
    await route.keepPopupPage({ ...frame, drawnBy: `${base}/chunks/popup-old.js` }, alice, alice);
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    vi.stubGlobal('fetch', async () => new Response('', { status: 500 }));
    vi.resetModules();
    route = await import('./popup-route');
    route.installPopupRoute(workerScope().scope);
    await expect(route.keepPopupPage(frame, alice, alice)).rejects.toThrow();
    vi.stubGlobal('fetch', async () => new Response(TEMPLATE));
    await route.keepPopupPage(frame, alice, alice);
    expect(route.servedPopupPage(popupNavigation)).toContain('Alice');
  });
});

describe('the popup page served with the state in it (the popup that comes back after a sign-in)', () => {
  const signedIn: AppState = {
    status: 'signing_in',
    connections: [BOB_GLOBAL_VIEW, ALICE_LOGIN_VIEW],
    activeId: BOB_GLOBAL_VIEW.id,
    settings: DEFAULT_SETTINGS,
    offline: { since: 1 },
    outcome: { id: 'o1', at: 1, kind: 'signIn', problem: { code: 'access_denied', message: 'no' } },
  } as unknown as AppState;
  const servedState = () => {
    const page = route.servedPopupPage(popupNavigation) ?? '';
    const at = page.indexOf(`id="${SERVED_STATE_ID}">`);
    return at < 0 ? undefined : JSON.parse(page.slice(page.indexOf('>', at) + 1, page.indexOf('</script>', at)));
  };

  test('serves what lasts of a signed-in state, as signed in: no offline mark, offer or outcome (the answer brings them)', async () => {
    route.installPopupRoute(workerScope().scope);
    await route.keepPopupState(Promise.resolve(signedIn));
    const { offline: _o, outcome: _u, ...lasting } = signedIn as AppState & { offline?: unknown; outcome?: unknown };
    expect(servedState()).toEqual({ ...lasting, status: 'signed_in' });
    // Bound to those connections, as a frame is: a change, a revoke, forgets it.
    route.noteConnections({ activeId: ALICE_LOGIN_VIEW.id, connectionIds: [ALICE_LOGIN_VIEW.id] });
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
  });

  test('popup.html is read ahead, while the sign-in waits, once per worker life', async () => {
    route.readPopupPageAhead();
    expect(templateFetches).toBe(0);
    route.installPopupRoute(workerScope().scope);
    route.readPopupPageAhead();
    await route.keepPopupState(Promise.resolve(signedIn));
    expect(templateFetches).toBe(1);
    expect(route.servedPopupPage(popupNavigation)).toContain(SERVED_STATE_ID);
  });

  test('nothing for a signed-out state, nor where pages are not routed', async () => {
    route.installPopupRoute(workerScope().scope);
    await route.keepPopupState(Promise.resolve({ ...signedIn, connections: [], activeId: null }));
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    vi.resetModules();
    route = await import('./popup-route');
    templateFetches = 0;
    await route.keepPopupState(Promise.resolve(signedIn));
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    expect(templateFetches).toBe(0);
  });

  test('a frame already served for the connections stays; a store write while the state is read drops it', async () => {
    route.installPopupRoute(workerScope().scope);
    const bob = { activeId: BOB_GLOBAL_VIEW.id, connectionIds: [BOB_GLOBAL_VIEW.id, ALICE_LOGIN_VIEW.id] };
    await route.keepPopupPage(frame, bob, bob);
    await route.keepPopupState(Promise.resolve(signedIn));
    expect(route.servedPopupPage(popupNavigation)).toContain('<h2 id="profile-name">Alice</h2>');
    route.forgetPopupPage();
    let read: (state: AppState) => void = () => undefined;
    const kept = route.keepPopupState(new Promise<AppState>((resolve) => (read = resolve)));
    route.noteConnections(bob);
    read(signedIn);
    await kept;
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
  });

  test("Firefox (no routes; the event page shares the pages' localStorage): kept where the popup keeps its own state", async () => {
    const pages = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => pages.get(key) ?? null,
      setItem: (key: string, value: string) => void pages.set(key, value),
      removeItem: (key: string) => void pages.delete(key),
    });
    await route.keepPopupState(Promise.resolve({ ...signedIn, connections: [], activeId: null }));
    expect(pages.size).toBe(0);
    await route.keepPopupState(Promise.resolve(signedIn));
    const { offline: _o, outcome: _u, ...lasting } = signedIn as AppState & { offline?: unknown; outcome?: unknown };
    expect(JSON.parse(pages.get(STATE_KEY) ?? 'null')).toEqual({ ...lasting, status: 'signed_in' });
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
    expect(templateFetches).toBe(0);
    // A state the popup kept itself (with its frame) is not written over.
    pages.set(STATE_KEY, '{"kept":"by the popup"}');
    await route.keepPopupState(Promise.resolve(signedIn));
    expect(pages.get(STATE_KEY)).toBe('{"kept":"by the popup"}');
  });

  test('never rejects: a state or a page that cannot be read serves the packaged page', async () => {
    route.installPopupRoute(workerScope().scope);
    await expect(route.keepPopupState(Promise.reject(new Error('storage')))).resolves.toBeUndefined();
    vi.stubGlobal('fetch', async () => new Response('', { status: 500 }));
    vi.resetModules();
    route = await import('./popup-route');
    route.installPopupRoute(workerScope().scope);
    await expect(route.keepPopupState(Promise.resolve(signedIn))).resolves.toBeUndefined();
    expect(route.servedPopupPage(popupNavigation)).toBeUndefined();
  });
});
