/**
 * Accounts whose access the person ended themselves: a revoke of an "All sites" connection that WordPress.com
 * confirmed ends the app's access for that account, and maybe its other tokens. The revoke removes those that
 * token-info then refuses; one with no verdict (WordPress.com could not be asked just then) stays, and the next
 * health check (the next popup's, whatever its 5-minute interval says), profile refresh or console call finds it
 * refused. Removing it then is right; offering to "sign in again" is not: the person ended that access. So each
 * such ending is kept, with its time, and a connection obtained before an ending of its account (or of an account
 * not known, or a connection whose account is not known) is removed without the offer.
 *
 * In `storage.local` (account ids, times and app ids: no token, no name), so that a browser restart, whose start-up
 * check is what usually finds such a connection refused, does not turn it into an offer to undo what the person did.
 * At most MAX_ENDINGS, the oldest dropped; gone as soon as no connection is stored, whatever removed the last one
 * (connection-store.ts `updateConnectionStoreThen`), and with everything else after a revoke of the last
 * (`forgetSignedOut`).
 */
import { z } from 'zod';
import type { Connection } from './connection';
import { updateConnectionStoreThen, withoutConnection } from './connection-store';
import { endingsSeen, noteAccessEnded, revokesSettled } from './ended-access';
import { restoreOfferFor } from './restore-offer';
import { endedAccessItem, readParsed, saveRestoreOffer } from './stored';
import { storedAppOf } from './wpcom-apps';

const MAX_ENDINGS = 20;

/** The endings as `storage.local` keeps them (exported for the stored-data property test). */
export const endingsSchema = z.lazy(() =>
  z
    .array(
      z.strictObject({
        /** null: the revoked connection's account could not be told. */
        accountId: z.number().int().nonnegative().nullable(),
        at: z.number().int().positive(),
        /**
         * The app whose access ended (its disconnect ends that app's tokens only: the login app's "Profile only"
         * stays when the API app is disconnected). Absent in endings kept before there were two apps: any app.
         */
        clientId: z
          .string()
          .regex(/^\d{1,20}$/)
          .optional(),
      }),
    )
    .max(MAX_ENDINGS),
);
type Ending = z.infer<typeof endingsSchema>[number];

const readStoredEndings = async (): Promise<Ending[]> =>
  (await readParsed(endedAccessItem, endingsSchema, 'endedAccess')) ?? [];

/** The endings kept, and those this worker saw whose write may not have landed yet. */
export async function readEndings(): Promise<Ending[]> {
  const seen = endingsSeen().map(({ accountId, at, clientId }) => ({
    accountId: accountId ?? null,
    at,
    ...(clientId === undefined ? {} : { clientId }),
  }));
  return [...(await readStoredEndings()), ...seen];
}

/**
 * WordPress.com confirmed the person ended the app's access for this account (`undefined`: one not known). Noted in
 * this worker at once (a sign-in in flight, a check under way: ended-access.ts), then kept in `storage.local`.
 */
export async function keepAccessEndedByPerson(
  accountId: number | undefined,
  clientId: string,
  at = Date.now(),
): Promise<void> {
  noteAccessEnded(accountId, at, clientId);
  const endings = [...(await readStoredEndings()), { accountId: accountId ?? null, at, clientId }].slice(-MAX_ENDINGS);
  await endedAccessItem.setValue(endingsSchema.parse(endings));
}

/**
 * Whether the person ended this connection's access after `since` (by default, when it was obtained); an unknown
 * account on either side may match.
 */
export function endedByPerson(
  connection: Connection,
  endings: readonly Ending[],
  since = connection.obtainedAt,
): boolean {
  const accountId = connection.profile?.id;
  return endings.some(
    (ending) =>
      ending.at > Math.max(since, connection.obtainedAt) &&
      (ending.clientId === undefined || ending.clientId === storedAppOf(connection)) &&
      (ending.accountId === null || accountId === undefined || ending.accountId === accountId),
  );
}

/** Of connections WordPress.com refused, those the person did not end themselves (a revoke before). */
export async function notEndedByPerson(removed: readonly Connection[]): Promise<Connection[]> {
  if (removed.length === 0) return [];
  const endings = await readEndings();
  return removed.filter((connection) => !endedByPerson(connection, endings));
}

/**
 * A connection WordPress.com refused goes, and the person is offered to sign in again unless they ended it. Both in
 * one step of the store's queue, and the offer only when this step removed the connection: a revoke that got there
 * first (and forgot everything of the person, when it was the last) is not followed by an offer naming them.
 *
 * After any revoke under way (ended-access.ts), as the health check does: its disconnect may have ended this token
 * before its answer came and the ending was noted, and such a token is the revoke's to remove and count, without
 * an offer.
 */
export async function removeRefusedConnection(connection: Connection, now: number): Promise<void> {
  await revokesSettled();
  return updateConnectionStoreThen(
    (store) => withoutConnection(store, connection.id),
    async (before, after) => {
      if (after === before) return;
      if ((await notEndedByPerson([connection])).length > 0) await saveRestoreOffer(restoreOfferFor(connection, now));
    },
  );
}
