/** What the pages are shown: every connection (without tokens, newest first), the active one, and the settings. */

import { connectionView } from './connection';
import { newestFirst } from './connection-list';
import { readConnectionStore } from './connection-store';
import type { ConnectError } from './errors';
import type { AppState } from './messages';
import { signIn } from './sign-in';
import { readSettings, takeStorageNotice } from './stored';

export async function buildAppState(): Promise<AppState> {
  const [store, settings] = [await readConnectionStore(), await readSettings()];
  const status = signIn.pending ? 'signing_in' : store.connections.length > 0 ? 'signed_in' : 'signed_out';
  return {
    status,
    connections: newestFirst(store.connections).map(connectionView),
    activeId: store.activeId,
    settings,
  };
}

export interface StateReading {
  state: AppState;
  /** Damaged stored data that was cleared on the way (here or since the last answer). */
  notice?: ConnectError;
}

/** The state, and the storage damage noticed since the last answer (reported once). */
export async function readAppState(): Promise<StateReading> {
  const state = await buildAppState();
  const notice = takeStorageNotice();
  return notice ? { state, notice } : { state };
}
