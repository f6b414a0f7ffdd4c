/**
 * Code → token, through the companion proxy (which holds the client secret). The request and the
 * reading of its answer are separate steps, as in oauth4webapi.
 */
import { z } from 'zod';
import { type Connection, connectionFromTokenResponse, tokenResponseSchema } from './connection';
import { ConnectError } from './errors';
import { jsonBody, request } from './http';

const PROXY = 'The sign-in service';

export function exchangeCodeRequest(proxyUrl: string, code: string, redirectUri: string): Promise<Response> {
  return request(
    proxyUrl,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ code, redirect_uri: redirectUri }),
    },
    PROXY,
  );
}

const errorBodySchema = z.lazy(() => z.object({ error: z.string().regex(/^[a-z_]{1,64}$/) }));

const PROVIDER_WORDS: Record<string, string> = {
  invalid_grant: 'The sign-in code was already used or has expired. Please log in again.',
  invalid_client: 'This extension is not registered correctly with WordPress.com (invalid client).',
  invalid_request: 'The sign-in service rejected the request.',
  origin_not_allowed: 'The sign-in service does not accept requests from this extension.',
  upstream_timeout: 'WordPress.com did not answer the sign-in service in time.',
  upstream_error: 'WordPress.com gave the sign-in service an unusable answer.',
};

export async function processExchangeResponse(response: Response, now: number): Promise<Connection> {
  const body = await jsonBody(response);
  if (response.ok) {
    const token = tokenResponseSchema.safeParse(body);
    if (!token.success) throw new ConnectError('invalid_response', `${PROXY} sent back an unusable token answer.`);
    return connectionFromTokenResponse(token.data, now);
  }
  const providerError = errorBodySchema.safeParse(body).data?.error;
  const words = (providerError && PROVIDER_WORDS[providerError]) ?? `${PROXY} failed (HTTP ${response.status}).`;
  throw new ConnectError('exchange_failed', words, { providerError });
}
