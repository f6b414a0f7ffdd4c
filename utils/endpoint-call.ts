/**
 * The console's call, run in the background worker with the token of the connection the console shows, while
 * it is the active one: check, build, send, read. The token goes only into the Authorization header of the one
 * request, and never into the answer to the page.
 */
import { i18n } from '#i18n';
import { settleDeadTokenAnswer } from './connection-health';
import { holdConnectionCall } from './connection-holds';
import { activeConnection, findConnection } from './connection-list';
import { readConnectionStore } from './connection-store';
import { readEndpointAnswer } from './endpoint-answer';
import { findEndpoint } from './endpoint-catalogue';
import { buildEndpointRequest } from './endpoint-request';
import { ConnectError, fetchFailure, toErrorInfo } from './errors';
import { extensionConfig } from './extension-config';
import { readCappedText, request } from './http';
import type { CallResult } from './messages';
import { checkNotHeld, rateLimitKey } from './rate-limits';

/** The most of an answer kept and shown: 1 MiB of its bytes, read as text. */
export const MAX_KEPT_BODY_BYTES = 1024 * 1024;

/**
 * Calls a catalogue endpoint with `connectionId`, the connection the console shows, which must still be the
 * active one: a page showing another (a sign-in elsewhere made a new one active) would show this call's answer
 * under the wrong account. Refusals before sending (no connection, not the active one, bad parameters, access,
 * site, a pending `Retry-After`) and network failures throw a ConnectError; an answer from WordPress.com, error
 * or not, is a CallResult (with `problem` for an error answer).
 */
export async function callEndpoint(
  connectionId: string,
  endpointId: string,
  params: Readonly<Record<string, string>>,
): Promise<CallResult> {
  const endpoint = findEndpoint(endpointId);
  if (!endpoint) throw new ConnectError('invalid_params', i18n.t('detail.noSuchEndpoint'));
  const stored = await readConnectionStore();
  const connection = activeConnection(stored);
  // Each reachable when the connection went while the console still showed it (a slow revoke, a sign-in elsewhere).
  if (!connection) throw new ConnectError('connection_gone', i18n.t('detail.consoleNoConnection'));
  if (connection.id !== connectionId) {
    throw new ConnectError(
      'connection_gone',
      findConnection(stored, connectionId)
        ? i18n.t('detail.consoleConnectionChanged')
        : i18n.t('detail.consoleConnectionGone'),
    );
  }
  const built = buildEndpointRequest(extensionConfig().WXT_WPCOM_API_URL, endpoint, params, connection);
  await checkNotHeld(rateLimitKey(connection.id, endpoint.id), Date.now());

  const started = performance.now();
  const response = await request(built.url, { method: built.method, headers: built.headers }, 'WordPress.com');
  const body = await readCappedText(response, MAX_KEPT_BODY_BYTES).catch((error: unknown) => {
    throw fetchFailure(error, 'WordPress.com');
  });
  const durationMs = performance.now() - started;

  const now = Date.now();
  const { call, failure } = readEndpointAnswer(
    endpoint,
    { method: built.method, url: built.url, durationMs },
    { status: response.status, ...body, retryAfter: response.headers.get('retry-after') },
    now,
  );
  if (failure?.code === 'rate_limited') {
    await holdConnectionCall(connection.id, endpoint.id, failure.retryAfterSeconds ?? 0, now);
  }
  if (failure?.code !== 'token_invalid') return call;
  // The answer that means a dead token ("An active access token must be used…") may also be what an endpoint says
  // to a live token of the wrong kind, which the console now sends when the scope table only guesses. Removing a
  // live token here would leave it out of the person's reach: token-info decides, as in the health check.
  const verdict = await settleDeadTokenAnswer(connection, now);
  // Refused: gone, as after a profile refresh or a health check, with an offer to sign in again.
  if (verdict.type === 'invalid') return call;
  const kept =
    verdict.type === 'valid'
      ? new ConnectError('scope_insufficient', i18n.t('detail.refusedLiveToken'), {
          providerError: failure.providerError,
        })
      : new ConnectError('service_unavailable', i18n.t('detail.refusedUnconfirmed'), {
          providerError: failure.providerError,
        });
  return { ...call, problem: toErrorInfo(kept) };
}
