/**
 * The options page's part in the popup's first-frame snapshot (components/state-snapshot.ts), in a module of its own so
 * that the popup's bundle does not carry it.
 */
import type { AppState } from '../../utils/messages';
import { drawnForOf, sameConnections } from '../../utils/page-snapshot';
import { keepSnapshot, pageStorage, readSnapshot } from '../state-snapshot';

/**
 * For a page that shows the state but is not the popup (the options page): replaces a kept state of the same
 * connections (settings saved, Gravatar turned off), and forgets it when signed out; never keeps one that shows other
 * connections, nor one where none is kept. An answer built before a popup's revoke and delivered after it (after the
 * snapshot went) must not put the revoked person back; the popup keeps its own states.
 */
export function refreshSnapshot(state: AppState, store = pageStorage()): void {
  if (!store) return;
  if (state.connections.length > 0 && state.activeId !== null) {
    const kept = readSnapshot(store);
    if (!kept || !sameConnections(drawnForOf(kept), drawnForOf(state))) return;
  }
  keepSnapshot(state, store);
}
