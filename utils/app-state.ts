/** What the pages are shown: signed out, signing in, or signed in with the cached profile. */
import { connectionView } from './connection';
import { ConnectError } from './errors';
import type { AppState } from './messages';
import { signIn } from './sign-in';
import { readConnection, readProfile, wipeStoredSignIn } from './stored';

export interface StateReading {
  state: AppState;
  /** Damaged stored data that was cleared on the way. */
  notice?: ConnectError;
}

const isCorrupt = (error: unknown): error is ConnectError =>
  error instanceof ConnectError && error.code === 'storage_corrupt';

export async function readAppState(): Promise<StateReading> {
  const status = signIn.pending ? 'signing_in' : undefined;
  let connection: Awaited<ReturnType<typeof readConnection>>;
  try {
    connection = await readConnection();
  } catch (error) {
    if (!isCorrupt(error)) throw error;
    // A damaged token is no token: sign out fully and say so.
    await wipeStoredSignIn();
    return { state: { status: status ?? 'signed_out' }, notice: error };
  }
  if (!connection) return { state: { status: status ?? 'signed_out' } };

  const view = connectionView(connection);
  try {
    const profile = await readProfile();
    return { state: { status: status ?? 'signed_in', connection: view, profile } };
  } catch (error) {
    if (!isCorrupt(error)) throw error;
    // Only the cache was damaged: still signed in; the next refresh fetches it again.
    return { state: { status: status ?? 'signed_in', connection: view }, notice: error };
  }
}
