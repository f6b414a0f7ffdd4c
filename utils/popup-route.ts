/**
 * The worker serves `popup.html` with the kept first frame in it while it is running, so a popup opened then paints
 * the cached profile straight from its HTML, with no script file to wait for (bench/results/extension-diagnosis.md).
 *
 * - A static route (the service worker's `addRoutes`, at install) sends the popup's navigation to this worker only
 *   while it is running; when it is stopped, and for every other file, the browser serves the packaged files as
 *   always (the pre-paint script then draws the kept frame). A stopped worker is never woken to serve a page.
 * - The page is the packaged popup.html with the frame the popup last kept (sent with `keepFrame`) written into its
 *   root (utils/popup-page.ts); or, where no popup has drawn one for the connections yet (the popup that comes back
 *   after a sign-in), with the state in it for the popup's first render (`keepPopupState`). It lives in this worker's
 *   memory only: nothing more is stored, and it is gone when the worker stops. It is forgotten as soon as the connections or the active one change (a revocation, a
 *   sign-out, another account), so a page never shows a person who is no longer signed in.
 * - Firefox runs the background as an event page, and older Chromium has no static routes: there, nothing is
 *   installed, and no fetch handler exists to slow other pages down.
 */
import { browser } from 'wxt/browser';
import { STATE_KEY } from './first-frame';
import type { AppState } from './messages';
import { type DrawnFor, drawnForOf, forgetPagesSnapshotUnless, lastingState, sameConnections } from './page-snapshot';
import { pageWithFrame, pageWithState, type ReceivedFrame, SERVED_PAGE_CSP } from './popup-page';
import { sweepPagesSnapshot } from './snapshot-sweep';

const POPUP_PATH = '/popup.html';

export type { DrawnFor } from './page-snapshot';

interface Served {
  page: string;
  activeId: string | null;
  ids: string;
}

/** Whether this worker serves the popup page at all (installPopupRoute). */
let routing = false;
let served: Served | undefined;
/** Bumped by every forget: a page still being built when it happens is dropped. */
let generation = 0;
let template: Promise<string> | undefined;

const idsOf = (drawnFor: DrawnFor) => [...drawnFor.connectionIds].sort().join(' ');

/** The popup page as packaged, read once per worker life. */
function popupTemplate(): Promise<string> {
  template ??= fetch(browser.runtime.getURL(POPUP_PATH)).then((response) => {
    if (!response.ok) throw new Error(`popup.html: ${response.status}`);
    return response.text();
  });
  template.catch(() => {
    template = undefined;
  });
  return template;
}

/**
 * Reads popup.html now, while a sign-in waits in WordPress.com's window, so that the page served with the state after
 * it (`keepPopupState`) does not wait for the read. Nothing where pages are not routed.
 */
export function readPopupPageAhead(): void {
  if (routing) popupTemplate().catch(() => undefined);
}

/** No page is served any more (the packaged one is). */
export function forgetPopupPage(): void {
  generation++;
  served = undefined;
}

/**
 * Serves the popup page with `frame` from now on, bound to the connections it was drawn for (`drawnFor`, as the
 * popup says), but only if those are the connections stored now (`stored`): a popup's kept frame can be older than
 * a change made while no popup was open (a health check at browser start). `null`, a frame without `drawnFor`, or
 * one that does not belong to this build's popup page, forgets the page. `stored` may still be being read: a
 * connection-store write from now on drops the page, so it is never bound to connections read before a change.
 */
export async function keepPopupPage(
  frame: ReceivedFrame | null,
  drawnFor: DrawnFor | undefined,
  stored: DrawnFor | Promise<DrawnFor>,
): Promise<void> {
  forgetPopupPage();
  const mine = generation;
  const [bound, template] = await Promise.all([stored, frame !== null && routing ? popupTemplate() : undefined]);
  if (frame === null || template === undefined || mine !== generation) return;
  if (drawnFor === undefined || !sameConnections(drawnFor, bound)) return;
  const page = pageWithFrame(template, frame, browser.runtime.getURL(POPUP_PATH));
  if (page === undefined) return;
  served = { page, activeId: bound.activeId, ids: idsOf(bound) };
}

/**
 * Serves the popup page with `state` in it, when no page is served: for a popup about to open that no popup has drawn
 * a frame for (popup-reopen.ts, after a sign-in). In Firefox, where nothing is routed, the state is kept where the
 * popup keeps its own instead. Only a signed-in state, and only what lasts of it, as a popup keeps
 * it (components/state-snapshot.ts): no offline mark, offer or outcome, which the worker's answer brings, once. A page
 * served already (a frame drawn for these connections) stays; a connection-store write while `state` is read drops
 * this one, as it may be the state just replaced. Never rejects: at worst the packaged page is served.
 */
export async function keepPopupState(state: Promise<AppState>): Promise<void> {
  const pages = routing ? undefined : pagesStorage();
  if (!routing && !pages) return;
  const mine = generation;
  try {
    const [shown, template] = await Promise.all([state, routing ? popupTemplate() : '']);
    if (served || mine !== generation || shown.connections.length === 0 || shown.activeId === null) return;
    const kept = lastingState(shown);
    if (pages) {
      // Firefox: the event page shares the pages' localStorage, where the popup keeps the state it showed
      // (components/state-snapshot.ts): kept there, the popup's first render draws it, as the next popup's would.
      // Only when none is kept (a kept one is the popup's own, with its frame), and never over other connections.
      if (pages.getItem(STATE_KEY) === null) pages.setItem(STATE_KEY, JSON.stringify(kept));
      return;
    }
    const page = pageWithState(template, kept);
    if (page === undefined) return;
    const bound = drawnForOf(shown);
    served = { page, activeId: bound.activeId, ids: idsOf(bound) };
  } catch {
    // No state or no template: the packaged page, as before.
  }
}

/**
 * The connections as now stored: a page drawn for others is forgotten. A page still being built is dropped on any
 * write, as the connections it was read for may be the ones just replaced. `before`: the connections this write
 * replaces; undefined when they are not known (damaged entries dropped, a damaged store cleared), which may have
 * ended a connection as much as a revoke does.
 */
export function noteConnections(now: DrawnFor, before?: DrawnFor): void {
  if (!served || served.activeId !== now.activeId || served.ids !== idsOf(now)) forgetPopupPage();
  const pages = pagesStorage();
  if (pages) forgetPagesSnapshotUnless(pages, now);
  else if (!before || removedAny(before, now)) void sweepPagesSnapshot(now);
}

/**
 * Whether a write ended a connection. Only then may a kept frame show someone who is gone with no page to redraw
 * it: a sign-in or a switch is answered to the page that asked (popup or options), which keeps the state itself.
 */
const removedAny = (before: DrawnFor, now: DrawnFor) =>
  before.connectionIds.some((id) => !now.connectionIds.includes(id));

/**
 * The pages' `localStorage`, where the background shares it (Firefox's event page); a service worker has none.
 */
function pagesStorage(): Storage | undefined {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The settings changed: a frame kept with the old ones goes. Firefox's event page removes it here; in Chromium the
 * options page, where settings change, keeps the popup's snapshot itself (components/options/use-access-form.ts).
 */
export function forgetPagesSnapshotForSettings(): void {
  const pages = pagesStorage();
  if (pages) forgetPagesSnapshotUnless(pages);
}

/** The page to answer a request with, or undefined to leave it to the browser (the packaged file). */
export function servedPopupPage(request: { url: string; mode: string; method: string }): string | undefined {
  if (!served || request.method !== 'GET' || request.mode !== 'navigate') return undefined;
  const url = new URL(request.url);
  return url.origin === new URL(browser.runtime.getURL('/')).origin && url.pathname === POPUP_PATH
    ? served.page
    : undefined;
}

// ---- the service worker's side ------------------------------------------------------------------------------

interface RouterRule {
  condition: Record<string, unknown>;
  source: 'fetch-event' | 'network';
}
interface RoutingInstallEvent extends Event {
  addRoutes(rules: RouterRule[]): Promise<void>;
}
interface PageFetchEvent extends Event {
  request: Request;
  respondWith(response: Response): void;
}

/** The popup's navigation goes to this worker while it runs; everything else, always, to the packaged files. */
export const POPUP_ROUTES: RouterRule[] = [
  {
    condition: { urlPattern: { pathname: POPUP_PATH }, requestMode: 'navigate', runningStatus: 'running' },
    source: 'fetch-event',
  },
  { condition: { or: [{ requestMode: 'navigate' }, { not: { requestMode: 'navigate' } }] }, source: 'network' },
];

/** Whether this is a service worker that can route requests statically (Chromium 123 and later). */
function canRoute(scope: typeof globalThis): boolean {
  const installEvent = (scope as { InstallEvent?: { prototype: object } }).InstallEvent;
  return (
    typeof (scope as { ServiceWorkerGlobalScope?: unknown }).ServiceWorkerGlobalScope === 'function' &&
    installEvent !== undefined &&
    'addRoutes' in installEvent.prototype
  );
}

/**
 * Installs the route and the fetch handler: at the worker's top level, as a fetch handler must be. Does nothing
 * where routes are not supported (a fetch handler without them would see every request of every page).
 */
export function installPopupRoute(scope: typeof globalThis = globalThis): boolean {
  if (!canRoute(scope)) return false;
  routing = true;
  scope.addEventListener('install', (event) => {
    // Refused rules leave the handler seeing every request while the worker runs; it answers only the popup's.
    (event as RoutingInstallEvent).addRoutes(POPUP_ROUTES).catch(() => undefined);
  });
  scope.addEventListener('fetch', (event) => {
    const fetchEvent = event as PageFetchEvent;
    const page = servedPopupPage(fetchEvent.request);
    if (page === undefined) return;
    fetchEvent.respondWith(
      new Response(page, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': SERVED_PAGE_CSP,
        },
      }),
    );
  });
  return true;
}
