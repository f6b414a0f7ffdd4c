/**
 * The popup's kept state and frame (components/state-snapshot.ts) seen from the background: they live in the
 * extension pages' `localStorage`, and go as soon as they show other connections than the stored ones, so the
 * next popup's first frame never shows a connection that was just ended, nor a setting just switched off.
 * Firefox's event page shares that storage and calls this itself; Chromium's service worker has none, and asks an
 * offscreen document to (utils/snapshot-sweep.ts, entrypoints/snapshot-sweep/).
 */
import { FRAME_KEY, STATE_KEY } from './first-frame';
import type { AppState } from './messages';

/**
 * What of a state lasts, to be drawn first by a later page (the popup's kept state, the page the worker serves with the
 * state in it): not the moment's marks (offline, a sign-in under way), nor an offer or an outcome, which only the
 * worker can vouch for and which its answer brings, once.
 */
export function lastingState(state: AppState): AppState {
  const {
    offline: _offline,
    restore: _restore,
    outcome: _outcome,
    signingInAgain: _again,
    signingInWith: _with,
    ...lasting
  } = state;
  return { ...lasting, status: 'signed_in' };
}

/** Which connections a page or frame was drawn for: the active one and the whole set. */
export interface DrawnFor {
  activeId: string | null;
  connectionIds: string[];
}

/** The connections a state or a store shows. */
export const drawnForOf = (shown: { activeId: string | null; connections: readonly { id: string }[] }): DrawnFor => ({
  activeId: shown.activeId,
  connectionIds: shown.connections.map((connection) => connection.id),
});

const idsOf = (drawnFor: DrawnFor) => [...drawnFor.connectionIds].sort().join(' ');

export const sameConnections = (a: DrawnFor, b: DrawnFor): boolean =>
  a.activeId === b.activeId && idsOf(a) === idsOf(b);

type PageStorage = Pick<Storage, 'getItem' | 'removeItem'>;

/** What a kept state shows; throws when it is not a state. */
function keptFor(json: string): DrawnFor {
  const kept: unknown = JSON.parse(json);
  if (typeof kept !== 'object' || kept === null) throw new TypeError('not a kept state');
  const { activeId, connections } = kept as { activeId?: unknown; connections?: unknown };
  const ids = Array.isArray(connections)
    ? connections.map((connection) => (connection as { id?: unknown } | null)?.id)
    : [];
  return {
    activeId: typeof activeId === 'string' ? activeId : null,
    connectionIds: ids.map((id) => (typeof id === 'string' ? id : '')),
  };
}

/**
 * Removes the kept state and frame unless they show `now`'s connections; without `now`, removes them (a settings
 * change: the frame was drawn with the old settings). Returns whether anything was removed. Never throws.
 */
export function forgetPagesSnapshotUnless(pages: PageStorage, now?: DrawnFor): boolean {
  try {
    if (now) {
      const json = pages.getItem(STATE_KEY);
      // Nothing kept; or a frame without its state, which nothing can vouch for: it goes too.
      if (json === null ? pages.getItem(FRAME_KEY) === null : sameConnections(keptFor(json), now)) return false;
    }
    pages.removeItem(STATE_KEY);
    pages.removeItem(FRAME_KEY);
    return true;
  } catch {
    // Unreadable: removed whole. Refused: the popup's own checks (the same build's frame only) still apply.
    try {
      pages.removeItem(STATE_KEY);
      pages.removeItem(FRAME_KEY);
      return true;
    } catch {
      return false;
    }
  }
}

/** `now` as the offscreen document's address carries it (`?for=`); undefined when absent or not a `DrawnFor`. */
export function drawnForParam(value: string | null): DrawnFor | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    const { activeId, connectionIds } = (parsed ?? {}) as { activeId?: unknown; connectionIds?: unknown };
    const ids = Array.isArray(connectionIds) ? connectionIds : undefined;
    if ((activeId !== null && typeof activeId !== 'string') || !ids?.every((id) => typeof id === 'string')) {
      return undefined;
    }
    return { activeId, connectionIds: ids as string[] };
  } catch {
    return undefined;
  }
}
