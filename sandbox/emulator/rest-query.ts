/**
 * Query parameters of the emulated REST endpoints. Unknown parameters are ignored, and so are the ones WordPress.com
 * takes on every endpoint that the extension never sends (`fields`, `http_envelope`, `pretty`: the emulator answers
 * as if they were absent); a bad or repeated value is a 400 invalid_input.
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

/** WordPress.com: "Comma-separated list of statuses for which to query, including any of: publish, private, draft,
 * pending, future, and trash, or simply any. Defaults to publish". The emulator's sites have no posts in the trash. */
const LISTED_STATUSES: readonly string[] = [...POST_STATUSES, 'trash'];
const STATUS_PROBLEM = `must be one or more of ${LISTED_STATUSES.join(', ')} separated by commas, or any`;

const statuses = z
  .string()
  .default('publish')
  .refine(
    (value) => value === 'any' || value.split(',').every((word) => LISTED_STATUSES.includes(word)),
    STATUS_PROBLEM,
  )
  .transform((value): 'any' | ReadonlySet<string> => (value === 'any' ? 'any' : new Set(value.split(','))));

export const postsQuerySchema = z.object({
  number: count(100).default(20),
  status: statuses,
});

/** `GET /read/liked`: "The number of posts to return. Limit: 40. Default: 10." */
export const likedQuerySchema = z.object({ number: count(40).default(10) });

export type QueryResult<T> = { ok: true; value: T } | { ok: false; error: RestError };

export function readQuery<T>(schema: z.ZodType<T>, query: ParamRecord): QueryResult<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: invalidInput(`Invalid query: ${firstIssue(parsed.error)}`) };
}
