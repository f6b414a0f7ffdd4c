/**
 * The `rate_limited` answers of the `meFailure`, `tokenInfoFailure` and `tokenFailure` switches. WordPress.com
 * documents no rate limit, no 429 body and no `Retry-After`; the emulator assumes its documented error shapes
 * (REST: `{error, message}`; the OAuth endpoints: `{error, error_description}`) with the code REST's 429 uses
 * (rest-errors.ts), so clients must go by the status and the header, never by the code or the words.
 */
import type { EmulatorBehaviour } from './behaviour.ts';
import { RATE_LIMITED } from './rest-errors.ts';

/** The OAuth endpoints' 429 body (/oauth2/token, /oauth2/token-info). */
export const OAUTH_RATE_LIMITED = {
  error: RATE_LIMITED.body.error,
  error_description: RATE_LIMITED.body.message,
} as const;

/** `Retry-After` as the `wpcomRetryAfter` switch says: whole seconds, a value sent as it is, or none. */
export function wpcomRetryAfter(value: EmulatorBehaviour['wpcomRetryAfter']): Record<string, string> {
  return value === null ? {} : { 'Retry-After': String(value) };
}
