/** Reads the checked-in wrangler.toml, so that tests run what would be deployed. */
import path from 'node:path';
import { unstable_readConfig } from 'wrangler';
import { z } from 'zod';
import { RATE_LIMIT_BINDING } from '../../proxy/workers-types';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WRANGLER_TOML = path.join(ROOT, 'wrangler.toml');

/** The part of wrangler's resolved configuration that the tests use (wrangler's own type is not shipped). */
const wranglerConfigSchema = z.object({
  name: z.string(),
  /** Absolute path of the entry module. */
  main: z.string(),
  compatibility_date: z.string(),
  compatibility_flags: z.array(z.string()),
  observability: z
    .object({ enabled: z.boolean(), logs: z.object({ invocation_logs: z.boolean().optional() }).optional() })
    .optional(),
  ratelimits: z.array(
    z.object({
      name: z.string(),
      namespace_id: z.string(),
      simple: z.object({ limit: z.number().int().positive(), period: z.number() }),
    }),
  ),
});

export type WranglerConfig = z.infer<typeof wranglerConfigSchema>;

export function readWranglerConfig(): WranglerConfig {
  return wranglerConfigSchema.parse(unstable_readConfig({ config: WRANGLER_TOML }, { hideWarnings: true }));
}

/** `simple` of the proxy's rate-limiting binding: how many requests per period (seconds). */
export function wranglerRateLimitRule(): { limit: number; period: number } {
  const binding = readWranglerConfig().ratelimits.find((entry) => entry.name === RATE_LIMIT_BINDING);
  if (!binding) throw new Error(`wrangler.toml has no [[ratelimits]] binding named ${RATE_LIMIT_BINDING}`);
  return binding.simple;
}

/** `simple.limit` of the proxy's rate-limiting binding. */
export const wranglerRateLimit = (): number => wranglerRateLimitRule().limit;
