/**
 * `GET {oauth}/token-info?client_id=…&token=…`: what WordPress.com says a token is, and whether that is the
 * connection we stored. The token travels in the query string because that is this endpoint's documented
 * shape; it is URL-encoded there (it contains `)%&@(^`) and never logged or passed on. Request and judgement
 * are separate steps; the judgement is pure.
 */
import { z } from 'zod';
import { type Connection, parseScope, type TokenKind, tokenKindOf } from './connection';
import { jsonBody, request } from './http';

const numericId = () => z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** `{client_id, user_id, blog_id, scope}`: blog_id null (global) or 0 (login) means no site. */
export const tokenInfoSchema = z.lazy(() =>
  z.object({
    client_id: z.union([z.string(), z.number()]).transform(String),
    user_id: numericId(),
    blog_id: numericId()
      .nullable()
      .transform((id) => (id === 0 ? null : id)),
    // Far longer than any real list: an answer this long is not token-info. Null or absent (not documented, but the
    // fields differ across WordPress.com's answers) says nothing about the reach: the stored one stands (judged below).
    scope: z.string().max(2000).nullish(),
  }),
);

export function tokenInfoUrl(oauthUrl: string, clientId: string, accessToken: string): string {
  return `${oauthUrl}/token-info?${new URLSearchParams({ client_id: clientId, token: accessToken })}`;
}

export interface TokenInfoAnswer {
  status: number;
  /** JSON, or undefined when the body was not JSON. */
  body: unknown;
  /** The `Retry-After` header, as sent (read for a 429). */
  retryAfter?: string | null;
}

/** Asks about one token. Throws a ConnectError (`network`, `timeout`) when WordPress.com cannot be reached. */
export async function fetchTokenInfo(
  oauthUrl: string,
  clientId: string,
  accessToken: string,
): Promise<TokenInfoAnswer> {
  const response = await request(
    tokenInfoUrl(oauthUrl, clientId, accessToken),
    { headers: { Accept: 'application/json' } },
    'WordPress.com',
  );
  return {
    status: response.status,
    body: await jsonBody(response, 'WordPress.com'),
    retryAfter: response.headers.get('retry-after'),
  };
}

/** What WordPress.com says a token reaches, when it differs from what was stored at sign-in. */
export interface TokenReach {
  kind: TokenKind;
  scope: string[];
  blogId: number | null;
  blogUrl: string | null;
}

/**
 * `valid`: the token is ours and the account's; `corrected` when WordPress.com says it reaches other scopes or
 * another site than we stored (WordPress.com is the authority on that: the stored reach is corrected, the live
 * token kept). `invalid`: WordPress.com refused it (revoked, expired, unknown), or it is another app's or another
 * account's: the connection must go. `unknown`: no verdict (5xx, an unreadable answer, another error): nothing
 * changes.
 */
export type TokenVerdict =
  | { type: 'valid'; corrected?: TokenReach }
  | { type: 'invalid'; reason: 'refused' | 'client' | 'account' }
  | { type: 'unknown'; status: number };

const refusalSchema = z.lazy(() => z.object({ error: z.literal('invalid_request') }));

const sameScopes = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((scope) => right.has(scope));
};

export function judgeTokenInfo(answer: TokenInfoAnswer, connection: Connection, clientId: string): TokenVerdict {
  // "The specified token is invalid." comes as 400 invalid_request; the wording is not relied on.
  if (answer.status === 400 && refusalSchema.safeParse(answer.body).success)
    return { type: 'invalid', reason: 'refused' };
  if (answer.status !== 200) return { type: 'unknown', status: answer.status };
  // A 200 that is not token-info (a captive portal, a proxy page) says nothing about the token.
  const info = tokenInfoSchema.safeParse(answer.body);
  if (!info.success) return { type: 'unknown', status: answer.status };
  const { client_id, user_id, blog_id, scope } = info.data;
  if (client_id !== clientId) return { type: 'invalid', reason: 'client' };
  // Stricter than asked: a token of another account than the one shown is not this connection either.
  if (connection.profile && user_id !== connection.profile.id) return { type: 'invalid', reason: 'account' };
  // A live token of ours whose reach differs from what the token response said is not removed: removing it here
  // would not end it on WordPress.com, and the person could no longer revoke it. Its stored reach is corrected to
  // what token-info says, but only from what token-info states: these fields are inconsistent across endpoints, so
  // an empty scope says nothing about a login or global token, and a missing site nothing about a one-site token's
  // site (nor does any site about a login or global token's).
  // No scope stated (not even an empty one): nothing to correct, whatever the kind.
  if (scope === undefined || scope === null) return { type: 'valid' };
  const scopes = [...new Set(parseScope(scope))];
  if (scopes.length === 0 && connection.kind !== 'site') return { type: 'valid' };
  const kind = tokenKindOf(scopes);
  const storedBlogId = connection.kind === 'site' ? (connection.blogId === 0 ? null : connection.blogId) : null;
  const blogId = kind !== 'site' ? null : (blog_id ?? storedBlogId);
  if (kind === connection.kind && sameScopes(scopes, connection.scope) && blogId === storedBlogId)
    return { type: 'valid' };
  const blogUrl = blogId !== null && blogId === storedBlogId ? connection.blogUrl : null;
  return { type: 'valid', corrected: { kind, scope: scopes, blogId, blogUrl } };
}
