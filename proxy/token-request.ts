/**
 * The body the extension POSTs to `/token`: read, checked and typed. Error descriptions name the
 * field and the rule, never the value received.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { ProxyError } from './errors';

/** Largest `/token` body accepted; a real one is well under 1 KiB. */
export const MAX_TOKEN_BODY_BYTES = 4096;

const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

export const tokenRequestSchema = z.object({
  // RFC 6749 codes are VSCHAR; we take the visible ones (no spaces).
  code: z
    .string(required('a string'))
    .min(1, 'must not be empty')
    .max(512, 'must be at most 512 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters only'),
  redirect_uri: z.string(required('a string')).max(2048, 'must be at most 2048 characters'),
});

export type TokenRequest = z.output<typeof tokenRequestSchema>;

function invalid(description: string): ProxyError {
  return new ProxyError(400, 'invalid_request', description);
}

/** Parses an already size-limited request body into a `TokenRequest`, or throws a 400 `ProxyError`. */
export async function readTokenRequest(c: Context): Promise<TokenRequest> {
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json')
    throw invalid('The request body must be JSON (Content-Type: application/json).');
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    // No `cause`: a SyntaxError's message quotes the body, which holds the code.
    throw invalid('The request body is not valid JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid('The request body must be a JSON object with "code" and "redirect_uri".');
  }
  const result = tokenRequestSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `"${issue.path.join('.')}" ${issue.message}`);
    throw invalid(`Invalid request body: ${problems.join('; ')}.`);
  }
  return result.data;
}
