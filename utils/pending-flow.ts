/**
 * The sign-in under way: its `state`, the redirect URI it used, the access it asked for, and when it
 * expires. Made with 256 random bits (oauth4webapi's `generateRandomState`, base64url of 32 bytes from
 * `crypto.getRandomValues`), kept in `storage.session`, and used once.
 */
import { generateRandomState } from 'oauth4webapi';
import { z } from 'zod';
import { type AccessRequest, accessRequestSchema } from './access';

export const FLOW_LIFETIME_MS = 10 * 60 * 1000;

export const pendingFlowSchema = z.lazy(() =>
  z.object({
    state: z.string().regex(/^[A-Za-z0-9_-]{22,}$/, 'must be at least 128 bits of base64url'),
    redirectUri: z.url(),
    /** What the person asked for; WordPress.com decides what the token finally reaches. */
    access: accessRequestSchema,
    expiresAt: z.number().int().positive(),
  }),
);
export type PendingFlow = z.infer<typeof pendingFlowSchema>;

export function newPendingFlow(redirectUri: string, access: AccessRequest, now: number): PendingFlow {
  return { state: generateRandomState(), redirectUri, access, expiresAt: now + FLOW_LIFETIME_MS };
}
