/**
 * The stored connection (the token and what WordPress.com said about it) and the zod schema of
 * the proxy's token answer it is made from.
 */
import { z } from 'zod';

/** Scopes arrive comma- or space-separated; both are read. */
export function parseScope(scope: string): string[] {
  return scope.split(/[\s,]+/).filter(Boolean);
}

const blogId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number), z.null()]);

/** The proxy's answer to a code exchange (WordPress.com's token response, passed through). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, 'must be "bearer"'),
  // `blog_id` comes as a number or a numeric string; `blog_url` is null for global tokens.
  blog_id: blogId.optional().default(null),
  blog_url: z.string().nullable().optional().default(null),
  scope: z.string().default(''),
});

export const connectionSchema = z.object({
  accessToken: z.string().min(1),
  scope: z.array(z.string()),
  blogId: z.number().int().nonnegative().nullable(),
  blogUrl: z.string().nullable(),
  obtainedAt: z.number().int().positive(),
});
export type Connection = z.infer<typeof connectionSchema>;

export function connectionFromTokenResponse(token: z.infer<typeof tokenResponseSchema>, now: number): Connection {
  return {
    accessToken: token.access_token,
    scope: parseScope(token.scope),
    // A login token says blog_id 0: it belongs to no site.
    blogId: token.blog_id === 0 ? null : token.blog_id,
    blogUrl: token.blog_id === 0 ? null : token.blog_url,
    obtainedAt: now,
  };
}

/** What the UI may know of a connection: everything but the token. */
export type ConnectionView = Omit<Connection, 'accessToken'>;

export function connectionView({ accessToken: _, ...view }: Connection): ConnectionView {
  return view;
}
