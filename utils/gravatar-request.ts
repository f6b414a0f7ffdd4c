/** `GET {gravatar}/profiles/{sha256}`: the one request to Gravatar. No key, no cookie, no referrer. */

import type { GravatarAnswer } from './gravatar-profile-parse';
import { jsonBody, request } from './http';

/** Gravatar is a nicety: it gets less time than WordPress.com before it counts as failed. */
export const GRAVATAR_TIMEOUT_MS = 5_000;

/** The answer as status, JSON body, `Retry-After` and `X-RateLimit-Reset`. Throws a ConnectError (`network`, `timeout`) when unreachable. */
export async function fetchGravatarAnswer(apiUrl: string, hash: string): Promise<GravatarAnswer> {
  const response = await request(
    `${apiUrl}/profiles/${encodeURIComponent(hash)}`,
    { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(GRAVATAR_TIMEOUT_MS) },
    'Gravatar',
  );
  return {
    status: response.status,
    body: await jsonBody(response, 'Gravatar'),
    retryAfter: response.headers.get('retry-after'),
    rateLimitReset: response.headers.get('x-ratelimit-reset'),
  };
}
