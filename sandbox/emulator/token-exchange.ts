/** The authorization-code exchange of POST /oauth2/token, as WordPress.com answers it. No I/O here. */
import { z } from 'zod';
import { findClient } from './clients.ts';
import type { EmulatorContext } from './context.ts';
import type { ParamRecord } from './params.ts';
import { sameSecret } from './random.ts';
import { siteById, siteUrl } from './sites.ts';
import type { Grant } from './store.ts';
import { userByKey } from './users.ts';

const tokenFormSchema = z.object({
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(500).optional(),
  grant_type: z.string().max(100).optional(),
  code: z.string().max(500).optional(),
  redirect_uri: z.string().max(2048).optional(),
});

export interface JsonAnswer {
  status: 200 | 400;
  body: Record<string, unknown>;
}

function refuse(error: string, description: string): JsonAnswer {
  return { status: 400, body: { error, error_description: description } };
}

const BAD_GRANT = 'The authorization code is invalid, expired, already used, or was issued to another client.';

export function exchangeCode(ctx: EmulatorContext, form: ParamRecord): JsonAnswer {
  const parsed = tokenFormSchema.safeParse(form);
  if (!parsed.success) return refuse('invalid_request', 'Each parameter must be sent once, within length limits.');
  const { client_id, client_secret, grant_type, code, redirect_uri } = parsed.data;

  // Credentials go in the body; HTTP Basic is not read.
  const client = findClient(ctx.clients, client_id);
  if (!client || client_secret === undefined || !sameSecret(client_secret, client.clientSecret)) {
    return refuse('invalid_client', 'Unknown client_id or wrong client_secret.');
  }
  if (grant_type === undefined) return refuse('invalid_request', 'The grant_type parameter is missing.');
  if (grant_type !== 'authorization_code') {
    return refuse('unsupported_grant_type', 'Only grant_type=authorization_code is supported.');
  }
  if (code === undefined || code === '') return refuse('invalid_request', 'The code parameter is missing.');
  if (redirect_uri === undefined) return refuse('invalid_request', 'The redirect_uri parameter is missing.');

  const lookup = ctx.store.takeCode(code); // consumed from here on, whatever follows
  if (lookup.status !== 'ok') return refuse('invalid_grant', BAD_GRANT);
  const { grant } = lookup;
  if (grant.clientId !== client.clientId) return refuse('invalid_grant', BAD_GRANT);
  if (grant.redirectUri !== redirect_uri) {
    return refuse('invalid_grant', 'The redirect_uri does not match the one the code was issued for.');
  }
  const accessToken = ctx.store.issueToken(grant);
  const site = grantSite(grant);
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: 'bearer',
      ...(ctx.store.behaviour.tokenAnswerOtherForm ? otherForm(site) : site),
    },
  };
}

/** The same answer in the other forms WordPress.com's docs show: scopes comma-separated, `blog_id` a number. */
function otherForm(site: ReturnType<typeof grantSite>): ReturnType<typeof grantSite> {
  return { ...site, blog_id: Number(site.blog_id), scope: site.scope.split(' ').join(',') };
}

/**
 * `blog_id`, `blog_url` and `scope` of a token answer. WordPress.com is inconsistent here and clients must
 * cope: login tokens get a number 0, global tokens the string "0" and a null URL, site tokens a string ID.
 */
function grantSite(grant: Grant): { blog_id: number | string; blog_url: string | null; scope: string } {
  if (grant.kind === 'login') return { blog_id: 0, blog_url: 'http://public-api.wordpress.com', scope: 'auth' };
  if (grant.kind === 'global') return { blog_id: '0', blog_url: null, scope: 'global' };
  // The site the user picked on the consent page (their primary one if the grant somehow named none).
  const user = userByKey(grant.userKey);
  const site = siteById(grant.blogId ?? user.primaryBlog);
  // Space-separated here (the OAuth way); token-info uses commas. Clients must read both.
  return {
    blog_id: String(site?.ID ?? user.primaryBlog),
    blog_url: site ? siteUrl(site) : user.primaryBlogUrl,
    scope: grant.scopes.join(' '),
  };
}
