/**
 * Pure operations on the stored connections (no I/O): add or replace, select, remove, attach a profile.
 * Every function returns a new store and leaves its argument alone.
 */
import { i18n } from '#i18n';
import { type Connection, type ConnectionStore, MAX_CONNECTIONS } from './connection';
import { ConnectError } from './errors';
import type { Profile } from './profile';
import { storedAppOf } from './wpcom-apps';

/** Newest first: by `obtainedAt`, and among equals the one added last. */
export function newestFirst(connections: readonly Connection[]): Connection[] {
  return connections
    .map((connection, index) => ({ connection, index }))
    .sort((a, b) => b.connection.obtainedAt - a.connection.obtainedAt || b.index - a.index)
    .map(({ connection }) => connection);
}

export function activeConnection(store: ConnectionStore): Connection | undefined {
  return store.connections.find((connection) => connection.id === store.activeId);
}

export function findConnection(store: ConnectionStore, id: string): Connection | undefined {
  return store.connections.find((connection) => connection.id === id);
}

const scopeSet = (connection: Connection) => [...connection.scope].sort().join(' ');

/**
 * Two connections are the same grant when the same account (profile id) holds the same kind of token for the same
 * site, with the same scopes for a one-site token. Without a profile the account is unknown, so nothing matches. A token for the same site
 * with other scopes is another grant: replacing it would drop a token WordPress.com still accepts, out of the
 * person's reach (its Revoke gone) and unsaid.
 */
export function sameGrant(a: Connection, b: Connection): boolean {
  return (
    a.profile !== undefined &&
    b.profile !== undefined &&
    a.profile.id === b.profile.id &&
    a.kind === b.kind &&
    // Tokens of two apps are two grants: an "All sites" token of the one app an earlier build had stays beside one of
    // the API app (replacing it would leave it live and out of reach).
    storedAppOf(a) === storedAppOf(b) &&
    // A login or all-sites token's kind is its reach: its scope is written differently by different answers, and
    // a site its answer may name (wpcom-api.md: `blog_url` can be null for global tokens) reaches no further.
    (a.kind !== 'site' || (a.blogId === b.blogId && scopeSet(a) === scopeSet(b)))
  );
}

/** The active one stays unless it is gone; then the most recent remaining one, or none. */
function withValidActive(store: ConnectionStore): ConnectionStore {
  if (store.activeId !== null && findConnection(store, store.activeId)) return store;
  const activeId = newestFirst(store.connections)[0]?.id ?? null;
  // An empty store already has none active: the same store, so that reading it writes nothing back.
  return activeId === store.activeId ? store : { ...store, activeId };
}

/**
 * A stored list that parses but does not hold together, made whole: each id once (the first one listed
 * stays), and one connection active whenever there is one. Everything this extension writes already holds
 * together; only a hand-edited or damaged store gets here. (Found by stored.property.test.ts: with
 * connections stored but none active, the popup showed "signed out" over tokens nobody could see or revoke.)
 */
export function repairedStore(store: ConnectionStore): ConnectionStore {
  const seen = new Set<string>();
  const connections = store.connections.filter((connection) => {
    if (seen.has(connection.id)) return false;
    seen.add(connection.id);
    return true;
  });
  // The store itself when nothing needed repair.
  return withValidActive(connections.length === store.connections.length ? store : { ...store, connections });
}

/** Drops the oldest inactive connections until at most MAX_CONNECTIONS remain. */
function capped(store: ConnectionStore): ConnectionStore {
  const excess = store.connections.length - MAX_CONNECTIONS;
  if (excess <= 0) return store;
  const dropped = new Set(
    newestFirst(store.connections)
      .filter((connection) => connection.id !== store.activeId)
      .slice(-excess)
      .map((connection) => connection.id),
  );
  return { ...store, connections: store.connections.filter((connection) => !dropped.has(connection.id)) };
}

/**
 * Adds a new connection and makes it active. One of the same grant (same account, kind, site and scopes) is
 * replaced: its token is dropped, not kept beside the new one. Other connections are untouched, except the
 * oldest inactive one when the list would pass MAX_CONNECTIONS.
 */
export function addConnection(store: ConnectionStore, connection: Connection): ConnectionStore {
  const others = store.connections.filter(
    (existing) => existing.id !== connection.id && !sameGrant(existing, connection),
  );
  return capped({ ...store, activeId: connection.id, connections: [...others, connection] });
}

/** Removes the connections with these ids; the active one moves to the most recent remaining one. */
export function removeConnections(store: ConnectionStore, ids: Iterable<string>): ConnectionStore {
  const gone = new Set(ids);
  return withValidActive({ ...store, connections: store.connections.filter((connection) => !gone.has(connection.id)) });
}

/** Makes a stored connection the active one; an unknown id is refused and changes nothing. */
export function selectConnection(store: ConnectionStore, id: string): ConnectionStore {
  if (!findConnection(store, id)) {
    throw new ConnectError('connection_gone', i18n.t('detail.noSuchConnection'));
  }
  return { ...store, activeId: id };
}

/**
 * Stores the latest `/me` answer on a connection. Once the account is known, an older connection of the
 * same grant is a duplicate and goes (as at sign-in). A connection that is gone meanwhile stays gone.
 */
export function attachProfile(store: ConnectionStore, id: string, profile: Profile): ConnectionStore {
  const target = findConnection(store, id);
  if (!target) return store;
  const updated: Connection = { ...target, profile };
  const duplicates = new Set(
    store.connections.filter((existing) => existing.id !== id && sameGrant(existing, updated)).map((c) => c.id),
  );
  const connections = store.connections
    .filter((existing) => !duplicates.has(existing.id))
    .map((existing) => (existing.id === id ? updated : existing));
  // A duplicate that was active hands over to the one that stays: it is the same access.
  const activeId = store.activeId !== null && duplicates.has(store.activeId) ? id : store.activeId;
  return withValidActive({ ...store, activeId, connections });
}

/**
 * Records a health check's result on a connection, and what WordPress.com says the token reaches when that
 * differs from what was stored. A connection that is gone meanwhile stays gone.
 */
export function withHealth(
  store: ConnectionStore,
  id: string,
  health: NonNullable<Connection['health']>,
  reach?: Pick<Connection, 'kind' | 'scope' | 'blogId' | 'blogUrl'>,
): ConnectionStore {
  if (!findConnection(store, id)) return store;
  return {
    ...store,
    connections: store.connections.map((connection) =>
      connection.id === id ? { ...connection, ...reach, health } : connection,
    ),
  };
}
