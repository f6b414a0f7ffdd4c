/**
 * Per-client rate limiting for `POST /token`, behind one small interface so that each runtime brings
 * its own counter: Node uses hono-rate-limiter's `MemoryStore` (one process, fixed one-minute
 * windows); Workers can wrap a Cloudflare rate-limiting binding, a Durable Object, or anything else.
 *
 *   interface RateLimiter { limit(key: string): Promise<RateLimitDecision> }
 *
 * `limit` counts one hit for `key` (the client IP) and says whether it is within the limit. When it
 * is not, `retryAfterSeconds` (a whole number ≥ 1) is sent as `Retry-After`. Runtime-agnostic: no
 * `node:` imports, and nothing here runs at module load (Workers forbid timers in global scope).
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { MemoryStore } from 'hono-rate-limiter';
import { ProxyError } from './errors';

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the client may try again; meaningful when `allowed` is false (then ≥ 1). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one request for `key` and decides on it. */
  limit(key: string): Promise<RateLimitDecision>;
}

const WINDOW_MS = 60_000;

/**
 * `limitPerMinute` requests per key per fixed minute, counted in this process's memory with
 * hono-rate-limiter's `MemoryStore` (which sweeps idle keys every window, on an unref'd timer).
 * The store and its timer are created on the first call, so constructing this is side-effect free.
 */
export function memoryRateLimiter(limitPerMinute: number): RateLimiter {
  let store: MemoryStore | undefined;
  return {
    async limit(key) {
      if (!store) {
        store = new MemoryStore();
        // `init` only reads `windowMs` from hono-rate-limiter's full option set.
        store.init({ windowMs: WINDOW_MS } as Parameters<MemoryStore['init']>[0]);
      }
      const { totalHits, resetTime } = store.increment(key);
      if (totalHits <= limitPerMinute) return { allowed: true, retryAfterSeconds: 0 };
      const untilReset = (resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(untilReset / 1000)) };
    },
  };
}

/** Key used when no client address is known (all such requests share one bucket). */
export const UNKNOWN_CLIENT = 'unknown';

/** Refuses with 429 `rate_limited` and `Retry-After` once `limiter` says no for this client. */
export function rateLimit(limiter: RateLimiter, clientKey: (c: Context) => string) {
  return createMiddleware(async (c, next) => {
    const decision = await limiter.limit(clientKey(c));
    if (!decision.allowed) {
      const retryAfter = Math.max(1, Math.ceil(decision.retryAfterSeconds));
      const description = `Too many requests from this client; retry after ${retryAfter} s.`;
      throw new ProxyError(429, 'rate_limited', description, undefined, retryAfter);
    }
    await next();
  });
}
