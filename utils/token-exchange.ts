/**
 * Code → token, through the companion proxy (which holds the client secret). The request and the
 * reading of its answer are separate steps, as in oauth4webapi.
 */

import { z } from 'zod';
import { i18n } from '#i18n';
import type { AccessRequest } from './access';
import { retryAfterSeconds } from './api-problem';
import { type Connection, connectionFromTokenResponse, tokenResponseSchema } from './connection';
import { ConnectError } from './errors';
import { jsonBody, request } from './http';

/** The code to redeem, the redirect URI it was issued for, and the app it was issued to (the proxy holds each app's secret). */
export interface CodeGrant {
  code: string;
  redirectUri: string;
  clientId: string;
}

export function exchangeCodeRequest(proxyUrl: string, { code, redirectUri, clientId }: CodeGrant): Promise<Response> {
  return request(
    proxyUrl,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ code, redirect_uri: redirectUri, client_id: clientId }),
    },
    'proxy',
  );
}

const errorBodySchema = z.lazy(() => z.object({ error: z.string().regex(/^[a-z_]{1,64}$/) }));

/** The provider's and the proxy's error codes that have words of their own. */
const PROVIDER_ERRORS = [
  'invalid_grant',
  'invalid_client',
  'invalid_request',
  'origin_not_allowed',
  'upstream_timeout',
  'upstream_error',
  'rate_limited',
  'upstream_rate_limited',
  // WordPress.com's own refusals, which the proxy passes on (proxy/upstream-token.ts): not the proxy's failure.
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'temporarily_unavailable',
] as const;
type ProviderError = (typeof PROVIDER_ERRORS)[number];
const hasWords = (error: string | undefined): error is ProviderError =>
  (PROVIDER_ERRORS as readonly (string | undefined)[]).includes(error);

/**
 * A 429 from the proxy: its own per-client limit (`rate_limited`) or WordPress.com's, passed on
 * (`upstream_rate_limited`); any other 429 is taken as the proxy's side. The wait is the proxy's `Retry-After`
 * (seconds, or an HTTP date); without one the person is told to wait a minute.
 */
function exchangeRateLimited(response: Response, providerError: string | undefined, now: number): ConnectError {
  const header = response.headers.get('retry-after');
  const words = i18n.t(
    providerError === 'upstream_rate_limited'
      ? 'detail.provider.upstream_rate_limited'
      : 'detail.provider.rate_limited',
  );
  return new ConnectError('rate_limited', words, {
    providerError,
    retryAfterSeconds: header === null ? undefined : retryAfterSeconds(header, now),
  });
}

/** `asked`: the access the sign-in asked for, which decides the kind of a token whose answer does not tell it. */
export async function processExchangeResponse(
  response: Response,
  now: number,
  asked?: AccessRequest,
): Promise<Connection> {
  const body = await jsonBody(response, 'proxy');
  if (response.ok) {
    const token = tokenResponseSchema.safeParse(body);
    if (!token.success) {
      // A token that no request could carry was still issued: the person is told it may be live at WordPress.com.
      const unsendable = token.error.issues.some(
        (issue) => issue.path[0] === 'access_token' && issue.code === 'invalid_format',
      );
      throw new ConnectError(
        'invalid_response',
        i18n.t(unsendable ? 'detail.tokenUnsendable' : 'detail.proxyUnusable'),
      );
    }
    return connectionFromTokenResponse(token.data, now, asked);
  }
  const providerError = errorBodySchema.safeParse(body).data?.error;
  if (response.status === 429) throw exchangeRateLimited(response, providerError, now);
  const words = hasWords(providerError)
    ? i18n.t(`detail.provider.${providerError}`)
    : i18n.t('detail.proxyFailed', { status: response.status });
  // A passing trouble at WordPress.com is for later, not a failed sign-in to look into.
  const code = providerError === 'temporarily_unavailable' ? 'service_unavailable' : 'exchange_failed';
  throw new ConnectError(code, words, { providerError });
}
