/** The WordPress.com `/me` answer as zod reads it, and the profile we keep and show. */
import { z } from 'zod';

const webUrl = z.url({ protocol: /^https?$/ });

/** `/rest/v1.1/me`: only the fields we use; others are ignored. */
export const meResponseSchema = z.object({
  ID: z.number().int().positive(),
  display_name: z.string(),
  username: z.string().min(1),
  email: z.string(),
  // A malformed picture or profile link is dropped, not fatal.
  avatar_URL: webUrl.optional().catch(undefined),
  profile_URL: webUrl.optional().catch(undefined),
  verified: z.boolean(),
  email_verified: z.boolean().optional(),
});

export const profileSchema = z.object({
  id: z.number().int().positive(),
  displayName: z.string(),
  username: z.string().min(1),
  email: z.string(),
  avatarUrl: webUrl.optional(),
  profileUrl: webUrl.optional(),
  verified: z.boolean(),
  emailVerified: z.boolean().optional(),
  fetchedAt: z.number().int().positive(),
});
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
