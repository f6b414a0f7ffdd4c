/** `GET /v1.1/me`: who the token belongs to. Request and reading of the answer are separate steps. */
import { i18n } from '#i18n';
import { meFailure } from './api-problem';
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

export async function processMeResponse(response: Response, now: number): Promise<Profile> {
  const body = await jsonBody(response, 'WordPress.com');
  if (!response.ok) {
    throw meFailure({ status: response.status, body, retryAfter: response.headers.get('retry-after') }, now);
  }
  const me = meResponseSchema.safeParse(body);
  if (!me.success) throw new ConnectError('invalid_response', i18n.t('detail.profileUnreadable'));
  return profileFromMe(me.data, now);
}
