/**
 * The body the extension POSTs to `/token`: read, checked and typed. Error descriptions name the
 * field and the rule, never the value received.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import * as z from 'zod';
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
  // The app the code was issued to (one of this proxy's two); absent, the login app (config.ts, `appNamed`).
  client_id: z
    .string({ error: 'must be a string' })
    .regex(/^\d{1,20}$/, 'must be a numeric client ID')
    .optional(),
});

export type TokenRequest = z.output<typeof tokenRequestSchema>;

function invalid(description: string): ProxyError {
  return new ProxyError(400, 'invalid_request', description);
}

const tooLarge = () => {
  throw new ProxyError(413, 'invalid_request', `The request body is larger than ${MAX_TOKEN_BODY_BYTES} bytes.`);
};

// Counts a chunked body's bytes as they arrive and stops at the limit.
const streamingBodyLimit = bodyLimit({ maxSize: MAX_TOKEN_BODY_BYTES, onError: tooLarge });

/**
 * The body's checks, before a byte of it is read: 415 unless the request says its body is JSON, then
 * 413 for a body over `MAX_TOKEN_BODY_BYTES`: from `Content-Length` when there is one, otherwise
 * (chunked) by counting the bytes as they arrive and stopping at the limit. A request
 * whose `Content-Length` understates its body never gets here whole: Node's parser reads only that
 * many bytes as the body (and rejects `Content-Length` together with `Transfer-Encoding`).
 *
 * The `Content-Length` case is decided here from the header alone, without touching `c.req.raw.body`:
 * on Node, reading that property turns @hono/node-server's lightweight request into a full WHATWG
 * `Request` with a Web stream body, which cost ~25% of the proxy's CPU per exchange (bench/README.md).
 */
export const tokenBodyChecks = createMiddleware(async (c, next) => {
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ProxyError(
      415,
      'unsupported_media_type',
      'The request body must be JSON (Content-Type: application/json).',
    );
  }
  const length = c.req.header('Content-Length');
  if (length === undefined || c.req.header('Transfer-Encoding') !== undefined) {
    try {
      return await streamingBodyLimit(c, next);
    } catch (error) {
      // The limit reads the body itself; a body that breaks off (the client gone, Node's request timeout) is the
      // request's fault, as with a Content-Length, not a server error. (The handler's own errors never reach here:
      // Hono answers them from `next()`.)
      if (error instanceof ProxyError) throw error;
      throw invalid('The request body could not be read.');
    }
  }
  // Node's parser already rejects a malformed Content-Length; a Workers request has a checked one too.
  if (!/^\d+$/.test(length) || Number(length) > MAX_TOKEN_BODY_BYTES) tooLarge();
  await next();
});

/**
 * Parses a request body already checked by `tokenBodyChecks` into a `TokenRequest`,
 * or throws a 400 `ProxyError`.
 */
export async function readTokenRequest(c: Context): Promise<TokenRequest> {
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
