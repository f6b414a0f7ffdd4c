/** Reads a consent form post and checks it against the rendering its nonce was made for. */
import { z } from 'zod';
import { consentHiddenFields } from './consent-page.ts';
import { firstIssue, type ParamRecord } from './params.ts';
import type { EmulatorStore, PendingConsent } from './store.ts';
import type { EmulatorUser, UserKey } from './users.ts';

const consentFormSchema = z.object({
  nonce: z.string().min(1).max(200),
  decision: z.enum(['approve', 'deny']),
  user: z.enum(['alice', 'bob']).optional(),
  endpoint: z.enum(['authenticate', 'authorize']),
  client_id: z.string().max(200),
  redirect_uri: z.string().max(2048),
  scope: z.string().max(1000),
  state: z.string().max(2048).optional(),
  blog: z.string().max(500).optional(),
});

export type ConsentDecision =
  | { ok: true; pending: PendingConsent; decision: 'approve' | 'deny'; userKey: UserKey }
  | { ok: false; message: string };

export function readConsentForm(store: EmulatorStore, form: ParamRecord): ConsentDecision {
  const parsed = consentFormSchema.safeParse(form);
  if (!parsed.success) return { ok: false, message: `The consent form is incomplete: ${firstIssue(parsed.error)}` };
  const { nonce, decision, user } = parsed.data;
  const pending = store.takeNonce(nonce);
  if (!pending) return { ok: false, message: 'This consent form has expired or was already used. Start again.' };
  const expected = consentHiddenFields(pending, nonce);
  const sent: Record<string, string | undefined> = parsed.data;
  for (const name of ['endpoint', 'client_id', 'redirect_uri', 'scope', 'state', 'blog']) {
    if (sent[name] !== expected[name]) return { ok: false, message: `The consent form was altered ("${name}").` };
  }
  if (decision === 'approve' && user === undefined) return { ok: false, message: 'Choose an account.' };
  return { ok: true, pending, decision, userKey: user ?? 'alice' };
}

/** The site a one-site grant reaches: the `blog` asked for when it is the user's, else the primary site. */
export function grantedBlogId(pending: PendingConsent, user: EmulatorUser): number | null {
  if (pending.kind !== 'site') return null;
  // The real consent page lets the user pick among their sites; each emulated user has exactly one.
  return user.primaryBlog;
}
