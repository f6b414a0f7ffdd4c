/**
 * The code→token exchange with WordPress.com, as a pair: `requestToken` does the I/O and returns the
 * upstream's status and body; `processTokenResponse` checks it and returns what the extension gets, or throws a
 * `ProxyError` that says what to answer. Neither puts a code, token or secret in an error.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import type { ProxyConfig, WpcomApp } from './config';
import { ProxyError } from './errors';
import { upstreamRetryAfterSeconds } from './retry-after';
export interface AuthorizationGrant {
  code: string;
  redirectUri: string;
  /** The app the code was issued to, whose credentials redeem it. */
  app: WpcomApp;
}

/** Largest token endpoint response we read; a real one is a few hundred bytes. */
export const MAX_UPSTREAM_BODY_BYTES = 64 * 1024;
/**
 * The provider error codes passed on (RFC 6749's, for the token and authorization endpoints), each with what the
 * extension is told. Any other code is a 502: an unknown code is the provider's text, which could carry a piece
 * of the code or the secret (a review got one through in 7-character pieces), and the extension has nothing to
 * do with it. The provider's own `error_description` is never passed on, for the same reason.
 */
const PROVIDER_ERROR_TEXT: Readonly<Record<string, string>> = {
  invalid_grant:
    'The authorization code was refused: it is unknown, used already, expired, or for another redirect URI.',
  invalid_client: "The token endpoint refused the app's credentials.",
  unauthorized_client: 'The token endpoint refused this app for this grant.',
  invalid_request: 'The token endpoint refused the request as malformed.',
  unsupported_grant_type: 'The token endpoint refused the grant type.',
  invalid_scope: 'The token endpoint refused the scope.',
  access_denied: 'The token endpoint refused the request.',
  temporarily_unavailable: 'The token endpoint is temporarily unavailable.',
};

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  // Sent as "bearer"; compared case-insensitively and passed on as "bearer".
  token_type: z
    .string()
    .refine((type) => type.toLowerCase() === 'bearer')
    .transform(() => 'bearer' as const),
  // WordPress.com sends blog_id as a number in some responses and a numeric string in others; the
  // extension always gets a number (0 for login tokens) or null (global tokens).
  blog_id: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number), z.null()])
    .default(null),
  // Absent, they are defaulted as the extension reads them (utils/connection.ts `tokenResponseSchema`), not refused:
  // by now WordPress.com has redeemed the code, and a 502 would leave a live token nobody holds.
  blog_url: z.string().nullable().default(null),
  scope: z.string().default(''),
});

/** Exactly the fields the proxy returns on success. */
export type TokenResponse = z.output<typeof tokenResponseSchema>;

const upstreamErrorSchema = z.object({ error: z.string() });

function upstreamError(description: string, cause?: unknown): ProxyError {
  return new ProxyError(502, 'upstream_error', description, cause);
}

/**
 * Maps a failed fetch or body read: the timeout's abort, or anything network-level. A `ProxyError` is the
 * proxy's own decision (the Node server ending exchanges at shutdown, serve.ts) and is kept.
 */
function unreachable(cause: unknown): ProxyError {
  if (cause instanceof ProxyError) return cause;
  if (cause instanceof Error && cause.name === 'TimeoutError') {
    return new ProxyError(504, 'upstream_timeout', 'The token endpoint did not answer in time.');
  }
  return upstreamError('The token endpoint could not be reached.', cause);
}

/** What the token endpoint answered: its status, its body as text, and its `Retry-After` as sent (if any). */
export interface UpstreamAnswer {
  status: number;
  text: string;
  retryAfter?: string | undefined;
}

/**
 * POSTs a form to `url` and reads the whole answer, both bounded by `signal`. It must not follow
 * redirects (a 3xx comes back as the answer) and rejects only for network failures and the abort.
 * Each runtime brings its own: `fetchUpstream` (Workers, any fetch) and `nodeUpstreamPost` (node:http and
 * node:https with keep-alive agents, proxy/node-upstream-post.ts).
 */
export type UpstreamPost = (url: string, form: string, signal: AbortSignal) => Promise<UpstreamAnswer>;

export const FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };

/** An `UpstreamPost` on a WHATWG `fetch`: what Workers (and any fetch-only runtime) use. */
export function fetchUpstream(fetchFn: typeof fetch): UpstreamPost {
  return async (url, form, signal) => {
    // A redirect from the token endpoint is not followed (it would re-send the secret elsewhere); it ends as a 502.
    const response = await fetchFn(url, {
      method: 'POST',
      headers: FORM_HEADERS,
      body: form,
      redirect: 'manual',
      signal,
    });
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    return { status: response.status, text: await cappedText(response), retryAfter };
  };
}

/**
 * The body as text, or '' once it passes MAX_UPSTREAM_BODY_BYTES (the stream is cancelled then): a token
 * endpoint that answers without end cannot fill an isolate's memory before the timeout.
 */
async function cappedText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPSTREAM_BODY_BYTES) {
      await reader.cancel();
      return '';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function timeoutError(): Error {
  const error = new Error('The token endpoint did not answer in time.');
  error.name = 'TimeoutError';
  return error;
}

/**
 * POSTs the grant to the token endpoint, credentials in the form body (WordPress.com does not take Basic
 * auth), and reads the answer, all within `config.upstreamTimeoutMs`: the timer aborts the request
 * itself, so a slow upstream stops costing a socket. (A plain timer and AbortController rather than
 * `AbortSignal.timeout`, which cost ~80 µs per exchange on Node; bench/results/proxy-diagnosis.md.)
 */
export async function requestToken(
  config: ProxyConfig,
  post: UpstreamPost,
  grant: AuthorizationGrant,
): Promise<UpstreamAnswer> {
  const form = new URLSearchParams({
    client_id: grant.app.clientId,
    client_secret: grant.app.clientSecret,
    code: grant.code,
    grant_type: 'authorization_code',
    redirect_uri: grant.redirectUri,
  }).toString();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError()), config.upstreamTimeoutMs);
  try {
    return await post(config.tokenUrl, form, controller.signal);
  } catch (cause) {
    throw unreachable(controller.signal.aborted ? controller.signal.reason : cause);
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  if (text.length > MAX_UPSTREAM_BODY_BYTES) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * WordPress.com's own rate limit (undocumented, so any 429, whatever its body): passed on as 429 with its
 * `Retry-After` made safe (retry-after.ts), under a code of its own so that the extension (and whoever reads a
 * report quoting the answer) can tell it from this proxy's per-client limit (`rate_limited`).
 */
function upstreamRateLimited(retryAfter: string | undefined, now: number): ProxyError {
  const seconds = upstreamRetryAfterSeconds(retryAfter, now);
  const when = seconds === undefined ? 'retry later' : `retry after ${seconds} s`;
  const description = `The token endpoint is limiting requests; ${when}.`;
  return new ProxyError(429, 'upstream_rate_limited', description, undefined, seconds);
}

/**
 * Checks the token endpoint's answer: exactly the documented token fields, a 429 passed on as
 * `upstream_rate_limited`, or a known provider error code with our own words for it, or a 502. Nothing of the
 * provider's text reaches the client. `now` turns an HTTP-date `Retry-After` into seconds.
 */
export function processTokenResponse(response: UpstreamAnswer, now: number = Date.now()): TokenResponse {
  if (response.status === 429) throw upstreamRateLimited(response.retryAfter, now);
  const json = parseJson(response.text);
  if (response.status === 200) {
    const token = tokenResponseSchema.safeParse(json);
    if (token.success) return token.data;
    throw upstreamError('The token endpoint sent a response the proxy does not understand.');
  }
  if (response.status >= 400 && response.status < 500) {
    const error = upstreamErrorSchema.safeParse(json);
    const code = error.success ? error.data.error : undefined;
    const description = code !== undefined && Object.hasOwn(PROVIDER_ERROR_TEXT, code) && PROVIDER_ERROR_TEXT[code];
    if (code && description) throw new ProxyError(response.status as ContentfulStatusCode, code, description);
  }
  throw upstreamError(`The token endpoint failed (HTTP ${response.status}).`);
}
