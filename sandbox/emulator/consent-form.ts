/** Reads a consent form post and checks it against the rendering its nonce was made for. */
import { z } from 'zod';
import { consentHiddenFields } from './consent-page.ts';
import { PRIMARY_SITE_CHOICE, requestedBlog } from './consent-site-picker.ts';
import { firstIssue, type ParamRecord } from './params.ts';
import { siteById } from './sites.ts';
import type { EmulatorStore, PendingConsent } from './store.ts';
import { type EmulatorUser, type UserKey, userByKey } from './users.ts';

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
  /** The site picker's choice (one-site grants): a site ID, or empty for the account's primary site. */
  blog_id: z.string().max(20).optional(),
});

export type ConsentDecision =
  | { ok: true; pending: PendingConsent; decision: 'approve' | 'deny'; userKey: UserKey; blogId: number | null }
  | { ok: false; message: string };

export function readConsentForm(store: EmulatorStore, form: ParamRecord): ConsentDecision {
  const parsed = consentFormSchema.safeParse(form);
  if (!parsed.success) return { ok: false, message: `The consent form is incomplete: ${firstIssue(parsed.error)}` };
  const { nonce, decision, user, blog_id } = parsed.data;
  const pending = store.takeNonce(nonce);
  if (!pending) return { ok: false, message: 'This consent form has expired or was already used. Start again.' };
  const expected = consentHiddenFields(pending, nonce);
  const sent: Record<string, string | undefined> = parsed.data;
  for (const name of ['endpoint', 'client_id', 'redirect_uri', 'scope', 'state', 'blog']) {
    if (sent[name] !== expected[name]) return { ok: false, message: `The consent form was altered ("${name}").` };
  }
  if (decision === 'deny') return { ok: true, pending, decision, userKey: user ?? 'alice', blogId: null };
  if (user === undefined) return { ok: false, message: 'Choose an account.' };
  const site = grantedBlogId(pending, userByKey(user), blog_id);
  if (!site.ok) return site;
  return { ok: true, pending, decision, userKey: user, blogId: site.blogId };
}

export type BlogChoice = { ok: true; blogId: number | null } | { ok: false; message: string };

/**
 * The site a grant reaches: none for login and global grants; for a one-site grant the site the app asked for
 * (`blog`) when it is the user's, which they cannot change (the page shows it with no picker: a post naming
 * another site was tampered with); otherwise the site picked on the page, which must be the user's (none
 * picked, or the empty choice, means their primary site).
 */
export function grantedBlogId(pending: PendingConsent, user: EmulatorUser, choice: string | undefined): BlogChoice {
  const picked = choice === undefined || choice === PRIMARY_SITE_CHOICE ? undefined : choice;
  if (pending.kind !== 'site') {
    return picked === undefined
      ? { ok: true, blogId: null }
      : { ok: false, message: 'This grant is not for one site.' };
  }
  const requested = requestedBlog(pending.blog).site;
  if (requested !== undefined && requested.owner === user.key) {
    if (picked === undefined || picked === String(requested.ID)) return { ok: true, blogId: requested.ID };
    return {
      ok: false,
      message: `The app asked for ${requested.host}, one of ${user.displayName}’s sites: it cannot be swapped for another.`,
    };
  }
  if (picked === undefined) return { ok: true, blogId: user.primaryBlog };
  const site = /^\d{1,20}$/.test(picked) ? siteById(Number(picked)) : undefined;
  if (site?.owner !== user.key) {
    return {
      ok: false,
      message: `That site is not one of ${user.displayName}’s sites. Go back and choose one of theirs.`,
    };
  }
  return { ok: true, blogId: site.ID };
}
