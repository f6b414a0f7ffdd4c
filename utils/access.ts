/**
 * The three kinds of WordPress.com access a person can ask for (see docs/wpcom-api.md), as the
 * options page stores them and the sign-in reads them.
 *
 * - `profile`: "Log in with WordPress.com", `/oauth2/authenticate` with `scope=auth`; reaches only `/me`.
 * - `site`: `/oauth2/authorize` for one site, optionally named by `blog` (URL or ID) and narrowed to scopes.
 * - `global`: `/oauth2/authorize` with `scope=global`, every site of the person's.
 */
import { z } from 'zod';
import { accessKey, SITE_REF_PROBLEMS, SITE_SCOPES, siteRef } from './access-choices';

export { DEFAULT_ACCESS, DEFAULT_SETTINGS, SITE_SCOPES, type SiteScope } from './access-choices';

/**
 * A site as WordPress.com's `blog` parameter takes it: a numeric ID, or a site address (host name,
 * optionally with a scheme and path, e.g. `example.wordpress.com` or `https://example.com/blog`).
 * The rule itself lives in `access-choices.ts`, which the options page checks with (without zod).
 */
export const siteRefSchema = z.lazy(() =>
  z
    .string()
    .trim()
    .min(1, SITE_REF_PROBLEMS.empty)
    // In the one form it is sent and compared in (`siteRef`): `Example.com`, `example.com.` and `0123` join the
    // sign-in already waiting for `example.com` or `123`.
    .transform((value, ctx) => {
      const read = siteRef(value);
      if (read.ok) return read.site;
      ctx.addIssue({ code: 'custom', message: SITE_REF_PROBLEMS[read.problem] });
      return z.NEVER;
    }),
);

export const accessRequestSchema = z.lazy(() =>
  z.discriminatedUnion('level', [
    z.strictObject({ level: z.literal('profile') }),
    z.strictObject({
      level: z.literal('site'),
      blog: siteRefSchema.optional(),
      scopes: z.array(z.enum(SITE_SCOPES)).max(SITE_SCOPES.length).default([]),
    }),
    z.strictObject({ level: z.literal('global') }),
  ]),
);
export type AccessRequest = z.infer<typeof accessRequestSchema>;

/** What the options page saves. Settings saved before a field existed read with its default. */
export const settingsSchema = z.lazy(() =>
  z.strictObject({
    access: accessRequestSchema,
    /** Look up the signed-in person's public Gravatar profile (on by default); off also clears the cache. */
    showGravatar: z.boolean().default(true),
  }),
);
export type Settings = z.infer<typeof settingsSchema>;

/**
 * Whether two access requests ask WordPress.com for the same thing (`accessKey`: the site in the one form the schema
 * reads it in, one site's scopes as a set, none as none).
 */
export function sameAccess(a: AccessRequest, b: AccessRequest): boolean {
  return accessKey(a) === accessKey(b);
}
