/** `GET /v1.1/me`: who the token belongs to. Request and reading of the answer are separate steps. */
import { z } from 'zod';
import { ConnectError } from './errors';
import { jsonBody, request } from './http';
import { meResponseSchema, type Profile, profileFromMe } from './profile';

/** The token goes in the header exactly as WordPress.com issued it: never URL-encoded there. */
export function meRequest(apiUrl: string, accessToken: string): Promise<Response> {
  return request(
    `${apiUrl}/v1.1/me`,
    { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } },
    'WordPress.com',
  );
}

const apiErrorSchema = z.object({ error: z.string(), message: z.string().optional() });

/** Turns a WordPress.com REST error answer into our codes. */
export function apiFailure(status: number, body: unknown): ConnectError {
  const providerError = apiErrorSchema.safeParse(body).data?.error;
  if (providerError === 'invalid_token' || providerError === 'authorization_required') {
    return new ConnectError('token_invalid', 'WordPress.com no longer accepts this sign-in. Please log in again.', {
      providerError,
    });
  }
  if (providerError === 'unauthorized') {
    return new ConnectError('not_permitted', 'WordPress.com does not allow this request for your account.', {
      providerError,
    });
  }
  if (status === 429) {
    return new ConnectError('rate_limited', 'WordPress.com asked us to slow down. Try again in a minute.');
  }
  if (status >= 500) {
    return new ConnectError('service_unavailable', `WordPress.com is having trouble (HTTP ${status}). Try again soon.`);
  }
  return new ConnectError('invalid_response', `WordPress.com answered with an unexpected error (HTTP ${status}).`, {
    providerError: providerError && /^[a-z_]{1,64}$/.test(providerError) ? providerError : undefined,
  });
}

export async function processMeResponse(response: Response, now: number): Promise<Profile> {
  const body = await jsonBody(response);
  if (!response.ok) throw apiFailure(response.status, body);
  const me = meResponseSchema.safeParse(body);
  if (!me.success) throw new ConnectError('invalid_response', 'WordPress.com sent back a profile we could not read.');
  return profileFromMe(me.data, now);
}
