/**
 * The whole sign-in, run in the background worker: state → consent window (at the access level asked
 * for) → callback check → code exchange at the proxy → `/me` → connection added. A sign-in adds (or
 * replaces the same grant's) connection and never touches the others.
 */

import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { type AccessRequest, sameAccess } from './access';
import { buildAuthorizeUrl } from './authorize-url';
import { keepSessionStorageTrusted } from './browser-differences';
import { codeFromCallback } from './callback';
import { type Connection, MAX_CONNECTIONS } from './connection';
import { type CheckResult, checkToken } from './connection-health';
import { holdConnectionCall, ME_ENDPOINT } from './connection-holds';
import { addConnection } from './connection-list';
import { readConnectionStore, updateConnectionStore, withConnectionStore } from './connection-store';
import { noteFailure, noteReachable } from './connectivity';
import { accessEndedSince, accessGeneration } from './ended-access';
import { ConnectError } from './errors';
import { extensionConfig } from './extension-config';
import { grantedAccessNotice } from './granted-access';
import { refreshGravatar } from './gravatar-refresh';
import { forgetOutcome, keepProblem } from './kept-outcome';
import { newPendingFlow } from './pending-flow';
import { fetchProfile } from './profile-refresh';
import {
  clearRestoreOfferAfterSignIn,
  pendingFlowItem,
  readPendingFlow,
  readSettings,
  savePendingFlow,
} from './stored';
import { exchangeCodeRequest, processExchangeResponse } from './token-exchange';
import { launchWebAuthFlow, redirectUri } from './web-auth-flow';
import { clientIdFor } from './wpcom-apps';

export interface SignInResult {
  /** The new connection, now the active one. */
  connectionId: string;
  /**
   * Signed in, but WordPress.com gave more access than asked (`access_wider`), or the profile could not be fetched
   * (network, WordPress.com trouble): it comes with a refresh.
   */
  notice?: ConnectError;
  /**
   * The account's Gravatar look-up, started once the connection is stored and not waited for: the popup paints
   * the new connection without it. Settles (never rejects) once its answer is cached.
   */
  gravatar: Promise<unknown>;
}

async function withProfile(connection: Connection): Promise<{ connection: Connection; notice?: ConnectError }> {
  try {
    return { connection: { ...connection, profile: await fetchProfile(connection) } };
  } catch (error) {
    if (!(error instanceof ConnectError)) throw error;
    // A token refused right after it was issued is not kept; but `/me` says the same to a request that carried no
    // token (a proxy on the way that strips `Authorization`), so token-info decides: live or not answering, it is
    // kept, and the person told why the profile is missing (a live token thrown away would be out of their reach).
    if (error.code === 'token_invalid') {
      const verdict = await checkToken(connection).catch((): CheckResult => ({ type: 'unreachable' }));
      if (verdict.type === 'invalid') throw error;
      const reason =
        verdict.type === 'valid' ? i18n.t('detail.profileRefusedLiveToken') : i18n.t('detail.refusedUnconfirmed');
      return {
        // Confirmed live: kept as a health check keeps it, its reach as WordPress.com tells it (which the notice of
        // other access than asked then reads).
        connection:
          verdict.type === 'valid'
            ? { ...connection, ...verdict.corrected, health: { status: 'valid', checkedAt: Date.now() } }
            : connection,
        notice: new ConnectError('service_unavailable', i18n.t('detail.profileNotYet', { reason }), {
          providerError: error.providerError,
        }),
      };
    }
    return {
      connection,
      notice: new ConnectError(error.code, i18n.t('detail.profileNotYet', { reason: error.message }), {
        providerError: error.providerError,
        retryAfterSeconds: error.retryAfterSeconds,
      }),
    };
  }
}

/**
 * Signed in: the "sign in again" offer to that account has done its job, and WordPress.com was reached (or not, when
 * `/me` failed at the network level). Returns the account's Gravatar look-up, started now, never before.
 */
async function afterSignIn(
  connection: Connection,
  access: AccessRequest,
  notice: ConnectError | undefined,
): Promise<{ gravatar: Promise<unknown> }> {
  const connectivity = notice ? noteFailure(notice, Date.now()) : connection.profile ? noteReachable() : undefined;
  // `/me` answered 429: the popup's refresh, which follows at once, waits as WordPress.com asked.
  const held =
    notice?.code === 'rate_limited'
      ? holdConnectionCall(connection.id, ME_ENDPOINT, notice.retryAfterSeconds ?? 0, Date.now())
      : undefined;
  // In the store's queue, where offers are written (connection-store.ts `updateConnectionStoreThen`): an offer written
  // meanwhile for another account is not taken for the one read.
  const offer = withConnectionStore(() => clearRestoreOfferAfterSignIn(connection.profile?.id, access));
  await Promise.all([offer, connectivity, held]);
  return { gravatar: connection.profile ? refreshGravatar(connection.profile.email) : Promise.resolve() };
}

/**
 * Adds the connection. When a revoke ended its account's access (or an unknown account's) since `since`,
 * WordPress.com may have ended this token with the others: it is shown to token-info first, and refused
 * (`token_invalid`) when WordPress.com refuses it. With no verdict (unreachable, 5xx) it is kept like any other
 * token, and the health check asks again. Checked again in the store's queue, where no revoke can come between
 * the check and the write.
 */
async function storeUnlessEnded(connection: Connection, since: number): Promise<void> {
  const accountId = connection.profile?.id;
  for (let checkedSince = since; ; ) {
    if (accessEndedSince(checkedSince, accountId)) {
      checkedSince = accessGeneration();
      const verdict = await checkToken(connection).catch(() => undefined);
      if (verdict?.type === 'invalid')
        throw new ConnectError('token_invalid', i18n.t('detail.accessEndedDuringSignIn'));
    }
    let raced = false;
    const from = checkedSince;
    await updateConnectionStore((store) => {
      raced = accessEndedSince(from, accountId);
      return raced ? store : addConnection(store, connection);
    });
    if (!raced) return;
  }
}

async function runSignIn(access: AccessRequest): Promise<SignInResult> {
  // Refused before WordPress.com issues anything: a 21st connection would leave the oldest one's token live at
  // WordPress.com and out of the person's reach (connection-list.ts drops it only as a last resort).
  if ((await readConnectionStore()).connections.length >= MAX_CONNECTIONS) {
    throw new ConnectError('connection_limit', i18n.t('detail.tooManyConnections', { max: MAX_CONNECTIONS }));
  }
  const config = extensionConfig();
  const flow = newPendingFlow(redirectUri(), access, Date.now());
  await keepSessionStorageTrusted(browser.storage.session);
  await savePendingFlow(flow);

  // The login app for "Profile only", the API app for site access (wpcom-apps.ts).
  const clientId = clientIdFor(access, config);
  const url = buildAuthorizeUrl(
    {
      oauthUrl: config.WXT_WPCOM_OAUTH_URL,
      clientId,
      redirectUri: flow.redirectUri,
      state: flow.state,
    },
    access,
  );
  const callbackUrl = await launchWebAuthFlow(url);

  // The state is used once: read it back and forget it (both asked at once, the read first) before anything else.
  const [pending] = await Promise.all([readPendingFlow(), pendingFlowItem.removeValue()]);
  const code = codeFromCallback(callbackUrl, pending, Date.now());

  // Taken before the token exists: a revoke that ends access after this may have ended this token too.
  const since = accessGeneration();
  const issued = await processExchangeResponse(
    await exchangeCodeRequest(config.WXT_TOKEN_PROXY_URL, { code, redirectUri: flow.redirectUri, clientId }),
    Date.now(),
    access,
  );
  const { connection, notice: profileNotice } = await withProfile({ ...issued, clientId });
  await storeUnlessEnded(connection, since);
  // Other access than asked outweighs a profile that comes later (the popup shows one notice; the refresh follows).
  const notice = grantedAccessNotice(access, connection) ?? profileNotice;
  const { gravatar } = await afterSignIn(connection, access, profileNotice);
  return { connectionId: connection.id, ...(notice ? { notice } : {}), gravatar };
}

/**
 * The sign-in under way: the access it asks for (the saved one once read; `read` once it is) and how it ends.
 */
type Flight = { access: Promise<AccessRequest>; read?: AccessRequest; result: Promise<SignInResult> };
let running: Flight | undefined;

const accessFor = async (requested: AccessRequest | undefined) => requested ?? (await readSettings()).access;

let abandonedFlowSwept = false;

/**
 * A sign-in's stored flow (state, redirect URI) outlives a worker stopped during its consent window, and no later
 * worker can finish that flow (launchWebAuthFlow's answer went with the old one). Called with a worker's first
 * message that is not a sign-in: nothing of this worker is waiting then, so any stored flow is abandoned and goes.
 * (A sign-in writes its own flow over it; later messages need not look again, as a flow stored while no sign-in
 * runs is always abandoned, and one that runs is never touched.)
 */
export function forgetAbandonedFlow(): void {
  if (abandonedFlowSwept) return;
  abandonedFlowSwept = true;
  if (!running) void pendingFlowItem.removeValue().catch(() => undefined);
}

/** A second sign-in joins the one waiting when it asks for the same access; any other would be lost. */
async function join(flight: Flight, wanted: Promise<AccessRequest>): Promise<SignInResult> {
  const [waiting, asked] = await Promise.all([flight.access, wanted]);
  if (!sameAccess(waiting, asked)) throw new ConnectError('sign_in_pending', i18n.t('detail.signInWaiting'));
  return flight.result;
}

/** Kept for the next page (the popup that asked has usually closed); a failure to keep it changes no outcome. */
const quietly = (keeping: Promise<void>) => keeping.catch(() => undefined);

async function signInOnce(access: Promise<AccessRequest>): Promise<SignInResult> {
  try {
    // A new sign-in's outcome replaces the last one's (none runs alongside: one sign-in at a time).
    await quietly(forgetOutcome());
    const result = await runSignIn(await access);
    if (result.notice) await quietly(keepProblem(result.notice));
    return result;
  } catch (error) {
    await quietly(keepProblem(error));
    throw error;
  } finally {
    await pendingFlowItem.removeValue();
  }
}

/**
 * One sign-in at a time (one auth window, ever): a second click while a flow is pending joins it when it asks
 * for the same access, and is refused (`sign_in_pending`: another sign-in waits in its WordPress.com window) when
 * it asks for another, which that window would not give. Without `access`, the level saved on the options page.
 */
export const signIn = Object.defineProperties(
  (access?: AccessRequest): Promise<SignInResult> => {
    if (running) return join(running, accessFor(access));
    const asked = accessFor(access);
    const flight: Flight = {
      access: asked,
      // Known at once when asked for (a state built now says it); the saved one once read.
      ...(access ? { read: access } : {}),
      result: signInOnce(asked).finally(() => {
        running = undefined;
      }),
    };
    running = flight;
    asked.then(
      (read) => {
        flight.read = read;
      },
      () => undefined,
    );
    return flight.result;
  },
  {
    pending: { get: () => running !== undefined },
    pendingAccess: { get: () => running?.read },
  },
) as ((access?: AccessRequest) => Promise<SignInResult>) & {
  readonly pending: boolean;
  readonly pendingAccess: AccessRequest | undefined;
};
