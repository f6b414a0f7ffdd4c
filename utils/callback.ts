/**
 * Reads the URL WordPress.com sent the browser back to. oauth4webapi's `validateAuthResponse`
 * does the protocol checks (exact `state`, error responses, repeated parameters) so we do not
 * hand-parse them; we add the checks it cannot know: the flow's expiry and our redirect URI.
 */

import { AuthorizationResponseError, validateAuthResponse } from 'oauth4webapi';
import { i18n } from '#i18n';
import { ConnectError } from './errors';
import type { PendingFlow } from './pending-flow';

/** oauth4webapi wants metadata; WordPress.com publishes none and sends no `iss`. */
const wordpressCom = { issuer: 'https://public-api.wordpress.com' };

/**
 * The authorization errors that are a passing trouble at WordPress.com (RFC 6749 §4.1.2.1), to try again later: not a
 * refused sign-in for the publisher to look into (as token-exchange.ts reads `temporarily_unavailable` too). The
 * others (`invalid_request`, `unauthorized_client`, `unsupported_response_type`, `invalid_scope`…) are WordPress.com
 * refusing the request this extension's app made: `exchange_failed`, whose words say so and send it to the publisher.
 */
const PASSING_TROUBLE: ReadonlySet<string> = new Set(['temporarily_unavailable', 'server_error']);

function refusal(error: string): ConnectError {
  const providerError = /^[a-z_]{1,64}$/.test(error) ? error : undefined;
  if (PASSING_TROUBLE.has(error)) {
    return new ConnectError('service_unavailable', i18n.t('detail.provider.temporarily_unavailable'), {
      providerError,
    });
  }
  return new ConnectError('exchange_failed', i18n.t('detail.refused'), { providerError });
}

/** Returns the authorization code, or throws a ConnectError. Never returns a code unless the state matched. */
export function codeFromCallback(callbackUrl: string, pending: PendingFlow | undefined, now: number): string {
  if (!pending) throw new ConnectError('state_mismatch', i18n.t('detail.noSignInWaiting'));
  if (now > pending.expiresAt) throw new ConnectError('state_mismatch', i18n.t('detail.signInExpired'));

  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    throw new ConnectError('invalid_response', i18n.t('detail.callbackNotUrl'));
  }
  const expected = new URL(pending.redirectUri);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) {
    throw new ConnectError('invalid_response', i18n.t('detail.callbackUnexpectedAddress'));
  }

  let params: URLSearchParams;
  try {
    params = validateAuthResponse(wordpressCom, { client_id: 'wpcom' }, url, pending.state);
  } catch (error) {
    // The library's errors carry every parameter, the code among them: keep only what is safe.
    if (error instanceof AuthorizationResponseError) {
      if (error.error === 'access_denied') {
        throw new ConnectError('access_denied', i18n.t('detail.declined'), {
          providerError: error.error,
        });
      }
      throw refusal(error.error);
    }
    const message = error instanceof Error ? error.message : '';
    if (message.includes('"state"')) {
      throw new ConnectError('state_mismatch', i18n.t('detail.stateDifferent'));
    }
    throw new ConnectError('invalid_response', i18n.t('detail.callbackMalformed'));
  }

  // oauth4webapi takes an empty `error=` for none; an answer that names an error at all is not a grant.
  if (params.has('error')) throw new ConnectError('exchange_failed', i18n.t('detail.refused'));
  const codes = params.getAll('code');
  if (codes.length > 1) throw new ConnectError('invalid_response', i18n.t('detail.severalCodes'));
  const code = codes[0];
  if (!code) throw new ConnectError('invalid_response', i18n.t('detail.noCode'));
  return code;
}
