import type { ConnectionView } from '../utils/connection';
import type { AppState } from '../utils/messages';

/** The connection the popup shows and the console calls with: `activeId`'s, when there is one. */
export function activeConnection(state: AppState | undefined): ConnectionView | undefined {
  return state?.connections.find((connection) => connection.id === state.activeId);
}
