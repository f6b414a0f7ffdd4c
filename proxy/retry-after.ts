/**
 * The token endpoint's `Retry-After`, made safe to pass on: read as the extension reads it (utils/retry-after.ts:
 * whole seconds, or an HTTP date in one of its three forms), then kept between 1 and
 * `MAX_UPSTREAM_RETRY_AFTER_SECONDS`; anything else (a negative or fractional number, a date in another shape, text)
 * is dropped.
 */
import { retryAfterFromNow } from '../utils/retry-after';

/** The longest wait passed on: a bad or hostile header must not keep people from signing in for days. */
export const MAX_UPSTREAM_RETRY_AFTER_SECONDS = 3600;

/**
 * The wait to pass on for the token endpoint's `Retry-After` (its raw value; undefined when absent), in whole
 * seconds from `now`, between 1 and MAX_UPSTREAM_RETRY_AFTER_SECONDS (a 429 means "not now": a 0 or a date
 * already past becomes 1); undefined when absent or unreadable.
 */
export function upstreamRetryAfterSeconds(header: string | undefined, now: number): number | undefined {
  const seconds = retryAfterFromNow(header, now);
  return seconds === undefined ? undefined : Math.min(Math.max(seconds, 1), MAX_UPSTREAM_RETRY_AFTER_SECONDS);
}
