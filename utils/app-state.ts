/**
 * What the pages are shown: every connection (without tokens, newest first, with the account's cached Gravatar
 * profile when the option is on), the active one, the settings, whether WordPress.com is unreachable or a removed
 * connection can be restored, and what the last sign-in, revoke or check has to tell (until a page has shown it). Storage only: it never
 * waits on the network, so a page paints at once.
 */

import { type Settings, sameAccess } from './access';
import { type Connection, type ConnectionView, connectionView } from './connection';
import { newestFirst } from './connection-list';
import { readConnectionStore } from './connection-store';
import { readOffline } from './connectivity';
import type { ConnectError } from './errors';
import { type GravatarCache, readGravatarCache } from './gravatar-cache';
import { gravatarHash, gravatarMayShow } from './gravatar-hash';
import { readOutcome } from './kept-outcome';
import type { AppState } from './messages';
import { signIn } from './sign-in';
import { readEarlierStorageNotice, readRestoreOffer, readSettings, takeStorageNotice } from './stored';

async function viewOf(connection: Connection, gravatar: GravatarCache | undefined): Promise<ConnectionView> {
  const view = connectionView(connection);
  if (!gravatar || !connection.profile || !gravatarMayShow(connection.profile)) return view;
  const entry = gravatar[await gravatarHash(connection.profile.email)];
  return entry?.status === 'found' ? { ...view, gravatar: entry.profile } : view;
}

const gravatarShown = (settings: Settings) => (settings.showGravatar ? readGravatarCache() : undefined);

export async function buildAppState(): Promise<AppState> {
  // The reads go out together (the popup waits on this answer); only the Gravatar cache waits for the settings.
  const settingsRead = readSettings();
  const [store, settings, gravatar, offline, restore, outcome] = await Promise.all([
    readConnectionStore(),
    settingsRead,
    settingsRead.then(gravatarShown),
    readOffline(),
    readRestoreOffer(),
    readOutcome(),
  ]);
  const status = signIn.pending ? 'signing_in' : store.connections.length > 0 ? 'signed_in' : 'signed_out';
  const asked = signIn.pendingAccess;
  const again =
    status === 'signing_in' && restore !== undefined && asked !== undefined && sameAccess(asked, restore.access);
  return {
    status,
    connections: await Promise.all(newestFirst(store.connections).map((connection) => viewOf(connection, gravatar))),
    activeId: store.activeId,
    settings,
    ...(offline ? { offline } : {}),
    ...(restore ? { restore } : {}),
    ...(outcome ? { outcome } : {}),
    ...(again ? { signingInAgain: true as const } : {}),
    ...(status === 'signing_in' && asked !== undefined ? { signingInWith: asked } : {}),
  };
}

export interface StateReading {
  state: AppState;
  /** Damaged stored data that was cleared on the way (here or since the last answer). */
  notice?: ConnectError;
}

/** The state, and the storage damage noticed since the last answer (reported once). */
export async function readAppState(): Promise<StateReading> {
  // Read beside the state, not after it: the first answer of a worker is on the popup's path.
  const earlier = readEarlierStorageNotice();
  const state = await buildAppState();
  // Taken after the state is built: damage found while building it is said in this answer.
  const notice = takeStorageNotice(await earlier);
  return notice ? { state, notice } : { state };
}
