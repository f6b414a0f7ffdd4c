/**
 * The popup's first frame: the state it last showed, kept in the extension's own `localStorage`, so a popup
 * that opens paints the cached profile at once instead of "Loading…" while the worker wakes and answers.
 * The worker's answer replaces it a moment later, and every state the popup receives is kept for next time.
 *
 * What is kept is what the pages already receive (`AppState`: never a token). The extension's `localStorage`
 * is readable by its own pages only, not by web pages nor content scripts (and this extension has none).
 * Only what a signed-in first frame needs is kept: nothing while signed out, and no offline marker, restore
 * offer or sign-in in progress, which only the worker can vouch for.
 */
import { looksLikeAppState } from '../utils/background-client';
import type { AppState } from '../utils/messages';

const KEY = 'connect:popup-state';

type SnapshotStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const pageStorage = (): SnapshotStorage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage disabled for the page: no first-frame snapshot, the worker's answer paints.
    return undefined;
  }
};

/** The state to paint first, or undefined when none was kept (or what was kept is not a state). */
export function readSnapshot(store = pageStorage()): AppState | undefined {
  try {
    const kept = store?.getItem(KEY);
    if (!kept) return undefined;
    const state: unknown = JSON.parse(kept);
    return looksLikeAppState(state) && state.connections.length > 0 ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `state` for the next popup's first frame; a signed-out state forgets the last one. */
export function keepSnapshot(state: AppState, store = pageStorage()): void {
  try {
    if (state.connections.length === 0 || state.activeId === null) {
      store?.removeItem(KEY);
      return;
    }
    const { offline: _offline, restore: _restore, ...lasting } = state;
    store?.setItem(KEY, JSON.stringify({ ...lasting, status: 'signed_in' } satisfies AppState));
  } catch {
    // Full or disabled: the next popup paints from the worker's answer, as without a snapshot.
  }
}
