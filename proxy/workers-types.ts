/**
 * The few Cloudflare Workers types the proxy's Worker needs, declared here rather than pulling in
 * `@cloudflare/workers-types` (whose globals would clash with the DOM types the extension uses).
 */

/** What the rate-limiting binding's `limit()` answers (`[[ratelimits]]` in wrangler.toml). */
export interface RateLimitOutcome {
  success: boolean;
}

/** The Workers rate-limiting binding: counts one hit for `key` in the binding's window. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<RateLimitOutcome>;
}

/** Name of the rate-limiting binding in wrangler.toml. */
export const RATE_LIMIT_BINDING = 'TOKEN_RATE_LIMITER';

/**
 * The Worker's `env`: vars and secrets are strings (vars may also be numbers or booleans if written
 * unquoted in wrangler.toml), other bindings are objects.
 */
export type WorkerEnv = Record<string, unknown>;
