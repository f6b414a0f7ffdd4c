/**
 * The connection check (Jetpack's "connection status", for a browser): each stored token is shown to
 * `/oauth2/token-info`. A token WordPress.com refuses, or another app's or another account's, is removed (like
 * ending the connection, without the remote call) and the person is offered to sign in again with the same
 * access. A live token whose scopes or site differ from what was stored keeps its place, and its stored reach
 * is corrected to what WordPress.com says (removing it would leave it live and out of the person's reach).
 * A check that gets no verdict (network, 5xx, garbage) changes nothing stored: the connection keeps its last
 * verdict, and only the session's offline mark (network failures) says WordPress.com could not be reached.
 * A valid token gets its `checkedAt` and nothing else happens; no flow ever starts here.
 */
import { retryAfterSeconds } from './api-problem';
import type { Connection } from './connection';
import { holdConnectionCall, TOKEN_INFO_ENDPOINT } from './connection-holds';
import { newestFirst, removeConnections, withHealth } from './connection-list';
import { readConnectionStore, updateConnectionStore, updateConnectionStoreThen } from './connection-store';
import { isNetworkFailure, noteOffline, noteReachable } from './connectivity';
import { revokesSettled } from './ended-access';
import { endedByPerson, notEndedByPerson, readEndings, removeRefusedConnection } from './ended-by-person';
import type { ConnectError } from './errors';
import { extensionConfig } from './extension-config';
import { widenedConnectionNotice } from './granted-access';
import { keepProblem } from './kept-outcome';
import { isHeld, rateLimitKey } from './rate-limits';
import { accessToRestore, connectionLabel, restoreOfferFor } from './restore-offer';
import { saveRestoreOffer } from './stored';
import { fetchTokenInfo, judgeTokenInfo, type TokenVerdict } from './token-info';
import { clientIdOf } from './wpcom-apps';

/** A connection checked less than this long ago is skipped unless the check is forced. */
export const HEALTH_CHECK_INTERVAL_MS = 5 * 60 * 1000;

/**
 * When a check without a verdict was last tried, per connection: the throttle applies to those too, but
 * they are not written to storage (a failed check changes nothing stored). Lost with the worker, which
 * only means one more try.
 */
const lastAttempt = new Map<string, number>();

export type CheckResult = TokenVerdict | { type: 'unreachable' };

export interface HealthReport {
  /** Connections asked about (the others were checked recently). */
  checked: number;
  valid: number;
  /** Removed: WordPress.com refused the token, or it was another app's or another account's. */
  removed: number;
  /** No verdict: network failure, timeout, 5xx or an unreadable answer. */
  unreachable: number;
  /**
   * A connection WordPress.com says reaches more than it was shown with (`access_wider`), for the page that asked;
   * also kept for the next popup (kept-outcome.ts).
   */
  notice?: ConnectError;
}

/**
 * One token shown to `/oauth2/token-info` and judged against what we stored. After token-info's 429 for this
 * connection nothing is sent until its `Retry-After` has passed, "Check now" included: no verdict meanwhile.
 */
export async function checkToken(connection: Connection): Promise<CheckResult> {
  const config = extensionConfig();
  if (await isHeld(rateLimitKey(connection.id, TOKEN_INFO_ENDPOINT), Date.now()))
    return { type: 'unknown', status: 429 };
  // Asked as the app the token was issued to, which token-info must name.
  const clientId = clientIdOf(connection, config);
  try {
    const answer = await fetchTokenInfo(config.WXT_WPCOM_OAUTH_URL, clientId, connection.accessToken);
    if (answer.status === 429) {
      const now = Date.now();
      await holdConnectionCall(connection.id, TOKEN_INFO_ENDPOINT, retryAfterSeconds(answer.retryAfter, now), now);
    }
    return judgeTokenInfo(answer, connection, clientId);
  } catch (error) {
    if (isNetworkFailure(error)) return { type: 'unreachable' };
    throw error;
  }
}

/**
 * A live verdict that token-info gave outside the health check (a console call or a profile refresh that WordPress.com
 * answered as if the token were dead): stored as the check would store it, its reach corrected to WordPress.com's,
 * and a reach wider than shown told (`access_wider`, kept for the next popup), as the check tells it. Returns that
 * notice, if any.
 */
export async function keepLiveVerdict(
  connection: Connection,
  verdict: CheckResult,
  checkedAt: number,
): Promise<ConnectError | undefined> {
  if (verdict.type !== 'valid') return undefined;
  return updateConnectionStoreThen(
    (store) => withHealth(store, connection.id, { status: 'valid', checkedAt }, verdict.corrected),
    async (_before, after) => {
      if (!verdict.corrected || !after.connections.some((stored) => stored.id === connection.id)) return undefined;
      const notice = widenedConnectionNotice(
        accessToRestore(connection),
        verdict.corrected,
        connectionLabel(connection),
      );
      if (notice) await keepProblem(notice).catch(() => undefined);
      return notice;
    },
  );
}

/**
 * WordPress.com answered a stored connection's call as if its token were dead ("An active access token must be
 * used…"), which is also its answer to a request that carried no token (a proxy on the way that strips
 * `Authorization`) or, from some endpoints, to a live token of the wrong kind: token-info decides. Refused, the
 * connection goes, with an offer to sign in again; live, its verdict is kept (`keepLiveVerdict`); with no verdict it
 * stays for the next check. Returns the verdict.
 */
export async function settleDeadTokenAnswer(connection: Connection, now: number): Promise<CheckResult> {
  const verdict = await checkToken(connection).catch((): CheckResult => ({ type: 'unreachable' }));
  if (verdict.type === 'invalid') await removeRefusedConnection(connection, now);
  else await keepLiveVerdict(connection, verdict, now);
  return verdict;
}

/** Which removed connection the offer is for: the active one if it went, else the most recent one. */
function offered(removed: Connection[], activeId: string | null): Connection | undefined {
  return removed.find((connection) => connection.id === activeId) ?? newestFirst(removed)[0];
}

async function runCheck(force: boolean): Promise<HealthReport> {
  // A revoke under way removes the tokens its disconnect ended itself, without an offer to sign in again.
  await revokesSettled();
  const started = Date.now();
  const store = await readConnectionStore();
  const lastChecked = (connection: Connection) =>
    Math.max(connection.health?.checkedAt ?? 0, lastAttempt.get(connection.id) ?? 0);
  // A connection of an account whose access the person ended since it was last asked about (a revoke that could
  // not ask token-info about it then) is asked now, not when its interval ends: the popup should not list it long.
  const endings = await readEndings();
  const due = store.connections.filter(
    (connection) =>
      force ||
      lastChecked(connection) + HEALTH_CHECK_INTERVAL_MS <= started ||
      endedByPerson(connection, endings, lastChecked(connection)),
  );
  // All at once: one outage costs one timeout, not one per connection (at most MAX_CONNECTIONS requests).
  const results = await Promise.all(
    due.map(async (connection) => ({ connection, result: await checkToken(connection) })),
  );

  // And again once the answers are in: a revoke that began while they were on their way may have ended some of these
  // tokens with its disconnect, whose answer it still waits for. Those are the revoke's to remove, with no offer.
  await revokesSettled();
  const checkedAt = Date.now();
  for (const { connection } of results) lastAttempt.set(connection.id, checkedAt);
  const refused = results.filter(({ result }) => result.type === 'invalid').map(({ connection }) => connection);
  const gone = new Set(refused.map((connection) => connection.id));
  // Judged against the store as it is when written, and what names a connection again (an offer to sign in again, a
  // notice) written in that same step of the store's queue: a connection revoked while its check was on its way (the
  // last one, say, with everything of the person forgotten) gets neither, and a revoke after it forgets them too.
  const { removed, notice } = await updateConnectionStoreThen(
    (current) => {
      let next = gone.size > 0 ? removeConnections(current, gone) : current;
      for (const { connection, result } of results) {
        if (result.type === 'valid')
          next = withHealth(next, connection.id, { status: 'valid', checkedAt }, result.corrected);
      }
      return next;
    },
    async (current) => {
      const stillStored = new Set(current.connections.map((connection) => connection.id));
      const removed = refused.filter((connection) => stillStored.has(connection.id));
      // No offer to sign in again for an account whose access a revoke ended, meanwhile or since the connection was
      // obtained (one the revoke could not ask about then): the person ended it.
      const lost = offered(await notEndedByPerson(removed), store.activeId);
      if (lost) await saveRestoreOffer(restoreOfferFor(lost, checkedAt));
      const notice = results
        .map(({ connection, result }) =>
          result.type === 'valid' && result.corrected && stillStored.has(connection.id)
            ? widenedConnectionNotice(accessToRestore(connection), result.corrected, connectionLabel(connection))
            : undefined,
        )
        .find((found) => found !== undefined);
      // Told to the page that asked, and kept for the next popup: a check at browser start has no page to tell.
      if (notice) await keepProblem(notice).catch(() => undefined);
      return { removed, notice };
    },
  );
  // A verdict means WordPress.com answered; only when nothing got through is it offline.
  const answered = results.some(({ result }) => result.type === 'valid' || result.type === 'invalid');
  if (answered) await noteReachable();
  else if (results.some(({ result }) => result.type === 'unreachable')) await noteOffline(checkedAt);

  const count = (type: CheckResult['type']) => results.filter(({ result }) => result.type === type).length;
  return {
    checked: results.length,
    valid: count('valid'),
    removed: removed.length,
    unreachable: count('unreachable') + count('unknown'),
    ...(notice ? { notice } : {}),
  };
}

/**
 * After the person ended an account's access: of the connections `suspect` picks (the ones whose account is
 * not known), those WordPress.com now refuses are removed. No "sign in again" offer: the person ended them.
 * A check without a verdict keeps the connection, as the health check does. Returns how many went.
 */
export async function removeRefusedConnections(suspect: (connection: Connection) => boolean): Promise<number> {
  const store = await readConnectionStore();
  const results = await Promise.all(
    store.connections.filter(suspect).map(async (connection) => ({
      connection,
      result: await checkToken(connection).catch((): CheckResult => ({ type: 'unreachable' })),
    })),
  );
  const gone = new Set(
    results.filter(({ result }) => result.type === 'invalid').map(({ connection }) => connection.id),
  );
  if (gone.size > 0) await updateConnectionStore((current) => removeConnections(current, gone));
  return gone.size;
}

/** The check under way, and whether it is forced; a forced one queued behind an unforced one. */
let running: { run: Promise<HealthReport>; force: boolean } | undefined;
let forcedNext: Promise<HealthReport> | undefined;

function start(force: boolean): Promise<HealthReport> {
  const run = runCheck(force).finally(() => {
    running = undefined;
  });
  running = { run, force };
  return run;
}

/**
 * Checks the stored connections. Without `force`, connections checked in the last HEALTH_CHECK_INTERVAL_MS
 * are skipped (the popup asks every time it opens). One check runs at a time: a call joins the run under way,
 * except a forced one ("Check now", browser start-up) finding an unforced run, which would skip the connections
 * checked recently: it runs a forced check once that run ends (later forced calls join that one).
 */
export function checkConnectionsHealth(options: { force?: boolean } = {}): Promise<HealthReport> {
  const force = options.force === true;
  if (!running) return start(force);
  if (running.force || !force) return running.run;
  forcedNext ??= running.run
    .catch(() => undefined)
    .then(() => {
      forcedNext = undefined;
      return checkConnectionsHealth({ force: true });
    });
  return forcedNext;
}
