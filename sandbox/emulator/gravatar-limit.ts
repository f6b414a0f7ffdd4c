/**
 * Gravatar's own limit on its profile API: 100 requests an hour without an API key, 429 past it. How Gravatar
 * counts is not documented; assumed here: per client IP, in fixed windows of an hour that start with an IP's
 * first request (requests refused with 429 do not count). `Retry-After` says when the window ends.
 */

/** Requests an hour without an API key (docs/wpcom-api.md). */
export const GRAVATAR_HOURLY_LIMIT = 100;
export const GRAVATAR_WINDOW_MS = 60 * 60 * 1000;
/** Client IPs remembered at once; the oldest window is forgotten first (a forgotten IP starts afresh). */
const MAX_TRACKED_CLIENTS = 10_000;

export class HourlyLimit {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(readonly now: () => number) {}

  /** Counts one request from `client`: undefined when within `limit`, else the seconds until its window ends. */
  take(client: string, limit: number): number | undefined {
    const now = this.now();
    let window = this.#windows.get(client);
    if (window === undefined || now >= window.start + GRAVATAR_WINDOW_MS) {
      window = { start: now, count: 0 };
      this.#windows.delete(client);
      this.#windows.set(client, window);
      if (this.#windows.size > MAX_TRACKED_CLIENTS) this.#windows.delete(this.#windows.keys().next().value ?? '');
    }
    if (window.count >= limit) return Math.max(1, Math.ceil((window.start + GRAVATAR_WINDOW_MS - now) / 1000));
    window.count++;
    return undefined;
  }

  clear(): void {
    this.#windows.clear();
  }
}
