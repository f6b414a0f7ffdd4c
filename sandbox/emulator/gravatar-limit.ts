/**
 * Gravatar's own limit on its profile API: 100 requests an hour without an API key, 429 past it. How Gravatar
 * counts is not documented; assumed here: per client IP, in fixed windows of an hour that start with an IP's
 * first request (requests refused with 429 do not count). Every answer says where the client stands in the
 * headers Gravatar documents for its profile answers (200, 404 and 429 alike): `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining`, and `X-RateLimit-Reset`, the Unix time at which the window ends. Gravatar documents no
 * `Retry-After`, and none is sent.
 */

/** Requests an hour without an API key (docs/wpcom-api.md). */
export const GRAVATAR_HOURLY_LIMIT = 100;
export const GRAVATAR_WINDOW_MS = 60 * 60 * 1000;
/** Client IPs remembered at once; the oldest window is forgotten first (a forgotten IP starts afresh). */
const MAX_TRACKED_CLIENTS = 10_000;

export class HourlyLimit {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(readonly now: () => number) {}

  /** Counts one request from `client` (unless refused) and says whether it was within `limit`, and the headers. */
  take(client: string, limit: number): { allowed: boolean; headers: Record<string, string> } {
    const now = this.now();
    let window = this.#windows.get(client);
    if (window === undefined || now >= window.start + GRAVATAR_WINDOW_MS) {
      window = { start: now, count: 0 };
      this.#windows.delete(client);
      this.#windows.set(client, window);
      if (this.#windows.size > MAX_TRACKED_CLIENTS) this.#windows.delete(this.#windows.keys().next().value ?? '');
    }
    const allowed = window.count < limit;
    if (allowed) window.count++;
    return { allowed, headers: rateLimitHeaders(limit, limit - window.count, window.start + GRAVATAR_WINDOW_MS) };
  }

  clear(): void {
    this.#windows.clear();
  }
}

/** Gravatar's documented rate-limit headers: the limit, what is left of it, and when the period ends (Unix seconds). */
export function rateLimitHeaders(limit: number, remaining: number, resetAt: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(Math.max(0, remaining)),
    'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
  };
}
