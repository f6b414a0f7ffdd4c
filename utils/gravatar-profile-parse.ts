/**
 * Reading Gravatar's `GET /v3/profiles/{hash}` answer (pure: status, body and `Retry-After` in, an outcome
 * out). A field that is malformed, too long or empty is dropped, never fatal (Gravatar sends `""` for a field
 * the person left blank); a body that is not a profile at all is `unreadable`.
 */
import { z } from 'zod';
import { MAX_RETRY_AFTER_SECONDS, retryAfterSeconds } from './api-problem';
import { type GravatarProfile, gravatarProfileSchema } from './profile';

/**
 * Gravatar's free tier allows 100 requests an hour: without a readable `Retry-After` or `X-RateLimit-Reset`, wait the
 * hour out.
 */
export const GRAVATAR_DEFAULT_RETRY_AFTER_SECONDS = 60 * 60;

const MAX_VERIFIED_ACCOUNTS = 50;

const webUrl = () => z.url({ protocol: /^https?$/ });

/** A text field: kept when it is a non-empty string of at most `max` characters, dropped otherwise. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .optional()
    .catch(() => undefined);
const link = () =>
  webUrl()
    .optional()
    .catch(() => undefined);

const verifiedAccountSchema = z.lazy(() =>
  z.object({
    service_type: z.string().trim().min(1).max(100),
    service_label: z.string().trim().min(1).max(100),
    url: webUrl(),
    /** The person hid it: not shown even if the API sends it. */
    is_hidden: z.boolean().optional(),
  }),
);

/**
 * The v3 profile, field by field. `hash` is required (Gravatar always sends one): a 200 without it is not a
 * profile (a captive portal's JSON, a proxy's error). Its value is not compared with ours: a profile looked up
 * by a secondary email answers with the primary email's hash.
 */
export const gravatarResponseSchema = z.lazy(() =>
  z.object({
    hash: z.string().min(1),
    display_name: text(300),
    profile_url: link(),
    avatar_url: link(),
    avatar_alt_text: text(500),
    location: text(300),
    description: text(2000),
    job_title: text(300),
    company: text(300),
    pronouns: text(100),
    pronunciation: text(200),
    verified_accounts: z
      .array(z.unknown())
      .catch(() => [])
      .optional(),
  }),
);

/** The profile we keep, stored under the hash we asked for (`hash`). */
export function gravatarProfileFromResponse(
  body: z.infer<typeof gravatarResponseSchema>,
  hash: string,
  now: number,
): GravatarProfile {
  const verifiedAccounts = (body.verified_accounts ?? [])
    .flatMap((raw) => {
      const account = verifiedAccountSchema.safeParse(raw);
      if (!account.success || account.data.is_hidden) return [];
      const { service_type, service_label, url } = account.data;
      return [{ serviceType: service_type, serviceLabel: service_label, url }];
    })
    .slice(0, MAX_VERIFIED_ACCOUNTS);
  const profile = {
    hash,
    displayName: body.display_name,
    profileUrl: body.profile_url,
    avatarUrl: body.avatar_url,
    avatarAltText: body.avatar_alt_text,
    location: body.location,
    jobTitle: body.job_title,
    company: body.company,
    description: body.description,
    pronouns: body.pronouns,
    pronunciation: body.pronunciation,
    verifiedAccounts,
    fetchedAt: now,
  };
  // Absent fields are left out rather than stored as `undefined`.
  const present = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
  return gravatarProfileSchema.parse(present);
}

/**
 * What one answer means. `found`/`absent` are cached; `rate_limited` holds further requests `retryAfterSeconds`;
 * `unreadable` (5xx, other statuses, a body that is no profile) changes nothing and is tried again later.
 */
export type GravatarOutcome =
  | { type: 'found'; profile: GravatarProfile }
  | { type: 'absent' }
  | { type: 'rate_limited'; retryAfterSeconds: number }
  | { type: 'unreadable'; status: number };

export interface GravatarAnswer {
  status: number;
  /** The body as JSON, `undefined` when it was not JSON. */
  body: unknown;
  retryAfter?: string | null | undefined;
  /** `X-RateLimit-Reset`: when Gravatar's current rate-limit period ends, in Unix seconds (its documented header). */
  rateLimitReset?: string | null | undefined;
}

/**
 * Seconds until `X-RateLimit-Reset` (Unix seconds, digits only), at least 1, at most a day; undefined when absent,
 * unreadable or past.
 */
function secondsUntilReset(header: string | null | undefined, now: number): number | undefined {
  if (!header || !/^\d{1,12}$/.test(header.trim())) return undefined;
  const seconds = Math.ceil(Number(header.trim()) - now / 1000);
  return seconds > 0 ? Math.min(seconds, MAX_RETRY_AFTER_SECONDS) : undefined;
}

export function readGravatarAnswer(answer: GravatarAnswer, hash: string, now: number): GravatarOutcome {
  if (answer.status === 404) return { type: 'absent' };
  if (answer.status === 429) {
    return {
      type: 'rate_limited',
      // Gravatar documents `X-RateLimit-Reset`, not `Retry-After`; either is taken, `Retry-After` first.
      retryAfterSeconds: retryAfterSeconds(
        answer.retryAfter,
        now,
        secondsUntilReset(answer.rateLimitReset, now) ?? GRAVATAR_DEFAULT_RETRY_AFTER_SECONDS,
      ),
    };
  }
  if (answer.status !== 200) return { type: 'unreadable', status: answer.status };
  const parsed = gravatarResponseSchema.safeParse(answer.body);
  if (!parsed.success) return { type: 'unreadable', status: answer.status };
  return { type: 'found', profile: gravatarProfileFromResponse(parsed.data, hash, now) };
}
