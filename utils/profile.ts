/**
 * The WordPress.com `/me` answer as zod reads it, and the profile we keep and show.
 *
 * Every schema here is `z.lazy`: built the first time something parses with it, not when the worker starts
 * (building zod schemas was most of the worker's start-up; see bench/results.md).
 */
import { z } from 'zod';

const webUrl = () => z.url({ protocol: /^https?$/ });

/** `/rest/v1.1/me`: only the fields we use; others are ignored. */
export const meResponseSchema = z.lazy(() =>
  z.object({
    ID: z.number().int().positive(),
    display_name: z.string(),
    username: z.string().min(1),
    email: z.string(),
    // A malformed picture or profile link is dropped, not fatal.
    avatar_URL: webUrl().optional().catch(undefined),
    profile_URL: webUrl().optional().catch(undefined),
    verified: z.boolean(),
    email_verified: z.boolean().optional(),
  }),
);

export const profileSchema = z.lazy(() =>
  z.object({
    id: z.number().int().positive(),
    displayName: z.string(),
    username: z.string().min(1),
    email: z.string(),
    avatarUrl: webUrl().optional(),
    profileUrl: webUrl().optional(),
    verified: z.boolean(),
    emailVerified: z.boolean().optional(),
    fetchedAt: z.number().int().positive(),
  }),
);
export type Profile = z.infer<typeof profileSchema>;

export function profileFromMe(me: z.infer<typeof meResponseSchema>, now: number): Profile {
  return {
    id: me.ID,
    displayName: me.display_name || me.username,
    username: me.username,
    email: me.email,
    avatarUrl: me.avatar_URL,
    profileUrl: me.profile_URL,
    verified: me.verified,
    emailVerified: me.email_verified,
    fetchedAt: now,
  };
}

/** A public Gravatar profile (`GET /v3/profiles/{sha256}`), the fields we show. Every field may be absent. */
export const gravatarProfileSchema = z.lazy(() =>
  z.object({
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    displayName: z.string().max(300).optional(),
    profileUrl: webUrl().optional(),
    avatarUrl: webUrl().optional(),
    avatarAltText: z.string().max(500).optional(),
    location: z.string().max(300).optional(),
    jobTitle: z.string().max(300).optional(),
    company: z.string().max(300).optional(),
    description: z.string().max(2000).optional(),
    pronouns: z.string().max(100).optional(),
    pronunciation: z.string().max(200).optional(),
    verifiedAccounts: z
      .array(z.object({ serviceType: z.string().max(100), serviceLabel: z.string().max(100), url: webUrl() }))
      .max(50),
    fetchedAt: z.number().int().positive(),
  }),
);
export type GravatarProfile = z.infer<typeof gravatarProfileSchema>;
