/**
 * The popup's first frame: the state it last showed, kept in the extension's own `localStorage`, so a popup
 * that opens paints the cached profile at once instead of "Loading…" while the worker wakes and answers.
 * The worker's answer replaces it a moment later, and every state the popup receives is kept for next time.
 *
 * What is kept is what the pages already receive (`AppState`: never a token). The extension's `localStorage`
 * is readable by its own pages only, not by web pages nor content scripts (and this extension has none).
 * Only what a signed-in first frame needs is kept: nothing while signed out, and no offline marker, restore
 * offer or sign-in in progress, which only the worker can vouch for.
 *
 * With the state, the popup keeps the frame its first render draws for it (utils/first-frame.ts): the next
 * popup's pre-paint script shows that frame before the popup's modules have even loaded. The frame is also handed
 * to the worker, which serves the next popup page with it already in the HTML while it runs (utils/popup-route.ts).
 */
import { looksLikeAppState } from '../utils/background-client';
import { FRAME_KEY, type FrameNode, type KeptFrame, STATE_KEY } from '../utils/first-frame';
import type { AppState } from '../utils/messages';
import { type DrawnFor, drawnForOf, forgetPagesSnapshotUnless, lastingState } from '../utils/page-snapshot';

interface FrameDrawer {
  /** The popup's module script URL, hashed by the build: the pre-paint uses a frame only from the same build. */
  drawnBy: string;
  /** The first render of the state just kept, as frame nodes. */
  draw(): FrameNode[];
  /**
   * Hands the frame now kept (null: none) to the worker, which serves the next popup page with it, with the
   * connections it shows: the worker takes it only while those are still the stored ones.
   */
  share?(frame: KeptFrame | null, drawnFor?: DrawnFor): void;
}

/** What this page last handed over: the frame's JSON, `none`, or nothing yet (a new worker may need it again). */
let shared: string | undefined;

function share(frame: KeptFrame | null, json = 'none', store?: SnapshotStorage): void {
  if (!drawer?.share || shared === json) return;
  shared = json;
  const state = frame && store ? readSnapshot(store) : undefined;
  drawer.share(state ? frame : null, state && drawnForOf(state));
}

let drawer: FrameDrawer | undefined;

/**
 * How the popup draws the first frame of the state it keeps (entrypoints/popup/main.tsx); without it (the options
 * page), none is drawn, and a kept frame goes when the state changes.
 */
export function keepFramesWith(frames: FrameDrawer | undefined): void {
  drawer = frames;
  shared = undefined;
}

const keptBy = (store: SnapshotStorage, drawnBy: string) => {
  try {
    return (JSON.parse(store.getItem(FRAME_KEY) ?? 'null') as Partial<KeptFrame> | null)?.drawnBy === drawnBy;
  } catch {
    return false;
  }
};

type Schedule = (work: () => void) => void;

/** When the page is idle (the frame of a new state is drawn after that state's own paint, never before it). */
const whenIdle: Schedule = (work) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 500 });
  else setTimeout(work, 0);
};

/** The frame draw waiting for the page to be idle, until it runs. */
let pendingDraw: (() => void) | undefined;

/**
 * Runs the frame draw still waiting for the page to be idle, now: for a popup that closes first (its `pagehide`).
 * Its state changed just before (a refresh's answer, say), the frame of the state before was removed at once, and
 * without this the next popup opened while the worker is stopped would have no frame to paint first.
 */
export function drawPendingFrame(): void {
  pendingDraw?.();
}

function keepFrame(store: SnapshotStorage, changed: boolean, schedule: Schedule): void {
  const frames = drawer;
  if (!frames) {
    // A page that keeps the state but draws no frame (the options page): a frame of another state goes.
    if (changed) store.removeItem(FRAME_KEY);
    return;
  }
  // The same state and the same build: the frame kept for it still stands (it is redrawn only when needed).
  if (!changed && keptBy(store, frames.drawnBy)) {
    const json = store.getItem(FRAME_KEY);
    if (json) share(JSON.parse(json) as KeptFrame, json, store);
    return;
  }
  // The old frame goes at once: a popup closed before the new one is drawn leaves no frame of another state.
  store.removeItem(FRAME_KEY);
  if (pendingDraw) return; // the draw already due reads the state kept last
  const draw = () => {
    // Run once: when the page is idle, or as it goes, whichever comes first.
    if (pendingDraw !== draw) return;
    pendingDraw = undefined;
    try {
      // Forgotten meanwhile (a revoke was clicked, the last connection went): no frame of the person is drawn.
      if (store.getItem(STATE_KEY) === null) {
        share(null);
        return;
      }
      const kept: KeptFrame = { drawnBy: frames.drawnBy, nodes: frames.draw() };
      const json = JSON.stringify(kept);
      store.setItem(FRAME_KEY, json);
      share(kept, json, store);
    } catch {
      // Not drawn or not stored: no frame, and the next popup paints from its own first render.
      share(null);
    }
  };
  pendingDraw = draw;
  schedule(draw);
}

type SnapshotStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const pageStorage = (): SnapshotStorage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage disabled for the page: no first-frame snapshot, the worker's answer paints.
    return undefined;
  }
};

/** A signed-in state from its JSON, or undefined when there is none, or it is not one. */
export function signedInStateOf(json: string | null | undefined): AppState | undefined {
  try {
    const state: unknown = json ? JSON.parse(json) : undefined;
    return looksLikeAppState(state) && state.connections.length > 0 ? state : undefined;
  } catch {
    return undefined;
  }
}

/** The state to paint first, or undefined when none was kept (or what was kept is not a state). */
export function readSnapshot(store = pageStorage()): AppState | undefined {
  try {
    return signedInStateOf(store?.getItem(STATE_KEY));
  } catch {
    return undefined;
  }
}

/** Keeps `state` for the next popup's first frame; a signed-out state forgets the last one. */
export function keepSnapshot(state: AppState, store = pageStorage(), schedule: Schedule = whenIdle): void {
  if (!store) return;
  try {
    if (state.connections.length === 0 || state.activeId === null) {
      forgetPagesSnapshotUnless(store);
      share(null);
      return;
    }
    // What lasts (an outcome kept for one showing stays in the worker's memory-only area, never on disk).
    const kept = JSON.stringify(lastingState(state));
    const changed = store.getItem(STATE_KEY) !== kept;
    if (changed) store.setItem(STATE_KEY, kept);
    keepFrame(store, changed, schedule);
  } catch {
    // Full or disabled: the next popup paints from the worker's answer, as without a snapshot.
    share(null);
    try {
      store.removeItem(FRAME_KEY);
    } catch {
      // Nothing more to do: a frame that is not there is not shown.
    }
  }
}

/**
 * Forgets the kept state and frame at once: before a revocation, whose answer may come after the popup has closed
 * (the person's profile must not paint in the next popup's first frame, nor stay on disk, once they asked to end it).
 */
export function forgetSnapshot(store = pageStorage()): void {
  if (store) forgetPagesSnapshotUnless(store);
}
