/**
 * The proxy's `RateLimiter` over the Workers rate-limiting binding. The binding counts per key in
 * each Cloudflare location and answers only yes or no; it does not say when its window ends, so a
 * refusal asks the client to wait one whole period.
 */
import type { RateLimiter } from './rate-limit';
import type { RateLimitBinding } from './workers-types';

/** The binding's `simple.period` in wrangler.toml (Cloudflare allows 10 or 60). */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

export function bindingRateLimiter(binding: RateLimitBinding, periodSeconds = RATE_LIMIT_PERIOD_SECONDS): RateLimiter {
  return {
    async limit(key) {
      const { success } = await binding.limit({ key });
      return success ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: periodSeconds };
    },
  };
}

/** True if `value` looks like a rate-limiting binding (an object with a `limit` method). */
export function isRateLimitBinding(value: unknown): value is RateLimitBinding {
  return typeof value === 'object' && value !== null && typeof (value as { limit?: unknown }).limit === 'function';
}
