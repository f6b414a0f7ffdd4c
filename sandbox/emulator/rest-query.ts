/**
 * Query parameters of the emulated REST endpoints. Unknown parameters are ignored (WordPress.com ignores
 * `fields`, `http_envelope` and the like too); a bad or repeated value is a 400 invalid_input.
 */
import { z } from 'zod';
import type { RestError } from './bearer.ts';
import { firstIssue, type ParamRecord } from './params.ts';
import { invalidInput } from './rest-errors.ts';
import { POST_STATUSES } from './sites.ts';

const count = (max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `must be a whole number from 1 to ${max}`)
    .transform(Number)
    .refine((value) => value >= 1 && value <= max, `must be a whole number from 1 to ${max}`);

export const postsQuerySchema = z.object({
  number: count(100).default(20),
  status: z.enum([...POST_STATUSES, 'any']).default('publish'),
});

export const readerQuerySchema = z.object({ number: count(100).default(20) });

export type QueryResult<T> = { ok: true; value: T } | { ok: false; error: RestError };

export function readQuery<T>(schema: z.ZodType<T>, query: ParamRecord): QueryResult<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: invalidInput(`Invalid query: ${firstIssue(parsed.error)}`) };
}
