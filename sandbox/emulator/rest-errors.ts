/** WordPress.com's REST refusals beyond the token checks of bearer.ts: sites, query values, rate limits. */
import type { RestError } from './bearer.ts';

export const UNKNOWN_BLOG: RestError = { status: 404, body: { error: 'unknown_blog', message: 'Unknown blog' } };

/** A site the token does not reach: another person's, or not the one a one-site token was granted. */
export const CANNOT_ACCESS_BLOG: RestError = {
  status: 403,
  body: { error: 'unauthorized', message: 'User cannot access this blog' },
};

export function invalidInput(message: string): RestError {
  return { status: 400, body: { error: 'invalid_input', message } };
}

export const RATE_LIMITED: RestError = {
  status: 429,
  body: { error: 'rate_limit_exceeded', message: 'You have made too many requests. Wait a while and try again.' },
};
