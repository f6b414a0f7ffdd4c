/** Connections as the pages get them (no token), for the component tests: Alice's login, Bob's "All sites". */
import { DEFAULT_SETTINGS } from '../../utils/access-choices';
import type { ConnectionView } from '../../utils/connection';
import type { AppState } from '../../utils/messages';
import { ALICE, BOB } from '../../utils/testing/fixtures';

export const ALICE_LOGIN_VIEW: ConnectionView = {
  id: 'conn-alice',
  kind: 'login',
  scope: ['auth'],
  blogId: null,
  blogUrl: null,
  obtainedAt: 1_700_000_000_000,
  profile: ALICE,
};

export const BOB_GLOBAL_VIEW: ConnectionView = {
  id: 'conn-bob',
  kind: 'global',
  scope: ['global'],
  blogId: null,
  blogUrl: null,
  obtainedAt: 1_700_000_000_001,
  profile: BOB,
};

/** The state the pages get with these connections (signed out with none), the first one active unless said. */
export const signedIn = (connections: ConnectionView[], activeId = connections[0]?.id ?? null): AppState => ({
  status: connections.length ? 'signed_in' : 'signed_out',
  connections,
  activeId,
  settings: DEFAULT_SETTINGS,
});
