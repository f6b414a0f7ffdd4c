/**
 * The three kinds of WordPress.com access a person can ask for (see ../shared/wpcom-api.md), as the
 * options page stores them and the sign-in reads them.
 *
 * - `profile`: "Log in with WordPress.com", `/oauth2/authenticate` with `scope=auth`; reaches only `/me`.
 * - `site`: `/oauth2/authorize` for one site, optionally named by `blog` (URL or ID) and narrowed to scopes.
 * - `global`: `/oauth2/authorize` with `scope=global`, every site of the person's.
 */
import { z } from 'zod';

/** The documented scopes a one-site token can be narrowed to (`auth` and `global` stand alone elsewhere). */
export const SITE_SCOPES = [
  'users',
  'sites',
  'posts',
  'comments',
  'taxonomy',
  'menus',
  'follow',
  'sharing',
  'freshly-pressed',
  'notifications',
  'insights',
  'read',
  'stats',
  'media',
  'batch',
  'videos',
] as const;
export type SiteScope = (typeof SITE_SCOPES)[number];

/**
 * A site as WordPress.com's `blog` parameter takes it: a numeric ID, or a site address (host name,
 * optionally with a scheme and path, e.g. `example.wordpress.com` or `https://example.com/blog`).
 */
export const siteRefSchema = z
  .string()
  .trim()
  .min(1, 'Enter a site address or ID.')
  .max(253, 'A site address is at most 253 characters.')
  .refine(
    (value) =>
      /^\d{1,20}$/.test(value) ||
      /^(https?:\/\/)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?(\/[^\s?#]*)?$/i.test(
        value,
      ),
    'Enter a site address such as example.wordpress.com, or a numeric site ID.',
  );

export const accessRequestSchema = z.discriminatedUnion('level', [
  z.strictObject({ level: z.literal('profile') }),
  z.strictObject({
    level: z.literal('site'),
    blog: siteRefSchema.optional(),
    scopes: z.array(z.enum(SITE_SCOPES)).max(SITE_SCOPES.length).default([]),
  }),
  z.strictObject({ level: z.literal('global') }),
]);
export type AccessRequest = z.infer<typeof accessRequestSchema>;

export const DEFAULT_ACCESS: AccessRequest = { level: 'profile' };

/** What the options page saves. Settings saved before a field existed read with its default. */
export const settingsSchema = z.strictObject({
  access: accessRequestSchema,
  /** Look up the signed-in person's public Gravatar profile (on by default); off also clears the cache. */
  showGravatar: z.boolean().default(true),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { access: DEFAULT_ACCESS, showGravatar: true };
