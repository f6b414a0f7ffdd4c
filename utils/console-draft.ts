/**
 * What the person set up in the endpoint console (the endpoint chosen and the values typed), kept while the popup
 * is closed. A real toolbar popup closes as soon as it loses the focus: a click on the console's Documentation
 * link, on the page behind, or a switch to another window; the next popup starts from where this one was.
 *
 * One draft, for one connection, in `storage.session` (memory only: it goes with the browser session). Written
 * and read within the connection store's queue (`withConnectionStore`), so a draft is kept only for a connection
 * that is stored, and goes in the same step as that connection (`pruneConsoleDraft`, called by the store's
 * writes); after the last connection goes, `forgetSignedOut` removes it with the rest.
 */
import type { ConnectionStore } from './connection';
import { type ConsoleDraft, consoleDraftSchema } from './messages';
import { consoleDraftItem, readParsed } from './stored';

const isStored = (store: ConnectionStore, id: string) => store.connections.some((connection) => connection.id === id);

/** Keeps `draft` in place of any other, when its connection is `store`'s; a gone connection's changes nothing. */
export async function keepConsoleDraft(store: ConnectionStore, draft: ConsoleDraft): Promise<void> {
  if (isStored(store, draft.connectionId)) await consoleDraftItem.setValue(consoleDraftSchema.parse(draft));
}

/**
 * The draft kept for `connectionId`, if there is one. Another stored connection's draft stays for when that one is
 * shown again; a draft whose connection is gone, goes (a damaged one too, noted like any damage).
 */
export async function readConsoleDraft(
  store: ConnectionStore,
  connectionId: string,
): Promise<ConsoleDraft | undefined> {
  const draft = await readParsed(consoleDraftItem, consoleDraftSchema, 'consoleDraft');
  if (!draft) return undefined;
  if (!isStored(store, draft.connectionId)) {
    await consoleDraftItem.removeValue();
    return undefined;
  }
  return draft.connectionId === connectionId ? draft : undefined;
}

/**
 * The store is about to become `after` (from `before`): a draft of a connection that leaves goes now. Only a change
 * that removes a connection reads the draft.
 */
export async function pruneConsoleDraft(after: ConnectionStore, before: ConnectionStore | undefined): Promise<void> {
  // Without `before` (damage dropped), which connections went is not known.
  const removed = !before || before.connections.some((connection) => !isStored(after, connection.id));
  if (!removed) return;
  const raw = await consoleDraftItem.getValue();
  if (raw === null) return;
  const parsed = consoleDraftSchema.safeParse(raw);
  if (!parsed.success || !isStored(after, parsed.data.connectionId)) await consoleDraftItem.removeValue();
}
