/**
 * The code→token exchange with WordPress.com, as a pair: `requestToken` does the I/O and returns the
 * upstream's status and body; `processTokenResponse` checks it and returns what the extension gets, or throws a
 * `ProxyError` that says what to answer. Neither puts a code, token or secret in an error.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import type { ProxyConfig } from './config';
import { ProxyError } from './errors';

export interface AuthorizationGrant {
  code: string;
  redirectUri: string;
}

/** Largest token endpoint response we read; a real one is a few hundred bytes. */
export const MAX_UPSTREAM_BODY_BYTES = 64 * 1024;
/** Longest provider `error_description` we pass on. */
const MAX_DESCRIPTION_CHARS = 200;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  // Sent as "bearer"; compared case-insensitively and passed on as "bearer".
  token_type: z
    .string()
    .refine((type) => type.toLowerCase() === 'bearer')
    .transform(() => 'bearer' as const),
  // WordPress.com sends blog_id as a number in some responses and a numeric string in others; the
  // extension always gets a number (0 for login tokens) or null (global tokens).
  blog_id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number), z.null()]),
  blog_url: z.string().nullable(),
  scope: z.string(),
});

/** Exactly the fields the proxy returns on success. */
export type TokenResponse = z.output<typeof tokenResponseSchema>;

const upstreamErrorSchema = z.object({
  // Kept only if it looks like an OAuth error code, so nothing else can ride along in it.
  error: z.string().regex(/^[a-z0-9_.-]{1,64}$/i),
  error_description: z.unknown().optional(),
});

function upstreamError(description: string, cause?: unknown): ProxyError {
  return new ProxyError(502, 'upstream_error', description, cause);
}

/** Maps a failed fetch or body read: the timeout's abort, or anything network-level. */
function unreachable(cause: unknown): ProxyError {
  if (cause instanceof Error && cause.name === 'TimeoutError') {
    return new ProxyError(504, 'upstream_timeout', 'The token endpoint did not answer in time.');
  }
  return upstreamError('The token endpoint could not be reached.', cause);
}

/** What the token endpoint answered: its status and its body as text. */
export interface UpstreamAnswer {
  status: number;
  text: string;
}

/**
 * POSTs a form to `url` and reads the whole answer, both bounded by `signal`. It must not follow
 * redirects (a 3xx comes back as the answer) and rejects only for network failures and the abort.
 * Each runtime brings its own: `fetchUpstream` (Workers, any fetch) and `nodeUpstreamPost` (undici).
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
    return { status: response.status, text: await response.text() };
  };
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
    client_id: config.clientId,
    client_secret: config.clientSecret,
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
 * Whether `text` contains one of the values we sent: as is, URL-encoded, or form-encoded as it went upstream
 * (the form encoding also escapes `!'()~`, so a provider echoing its request body would slip past the other two).
 */
function echoesSent(text: string, sent: readonly string[]): boolean {
  const echoes = sent
    .flatMap((value) => [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)])
    .filter((value) => value.length >= 4);
  return echoes.some((value) => text.includes(value));
}

/**
 * A provider description is passed on only if it is short, plain printable ASCII and contains none of
 * the values we sent (in case the provider echoes them); otherwise it is left out.
 */
function safeDescription(description: unknown, sent: readonly string[]): string | undefined {
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION_CHARS) return undefined;
  if (!/^[\x20-\x7e]*$/.test(description)) return undefined;
  return echoesSent(description, sent) ? undefined : description;
}

/**
 * Checks the token endpoint's answer. `sent` lists every sensitive value that went upstream (code,
 * secret, redirect URI), so that none is reflected back in an error description.
 */
export function processTokenResponse(response: UpstreamAnswer, sent: readonly string[]): TokenResponse {
  const json = parseJson(response.text);
  if (response.status === 200) {
    const token = tokenResponseSchema.safeParse(json);
    if (token.success) return token.data;
    throw upstreamError('The token endpoint sent a response the proxy does not understand.');
  }
  if (response.status >= 400 && response.status < 500) {
    const error = upstreamErrorSchema.safeParse(json);
    // An `error` that echoes what we sent (a secret is a plain token too) is not passed on: the answer is a 502.
    // (Found by upstream-token.property.test.ts: only the description was checked for echoes, and not form-encoded.)
    if (error.success && !echoesSent(error.data.error, sent)) {
      const description =
        safeDescription(error.data.error_description, sent) ?? 'The token endpoint refused the request.';
      throw new ProxyError(response.status as ContentfulStatusCode, error.data.error, description);
    }
  }
  throw upstreamError(`The token endpoint failed (HTTP ${response.status}).`);
}
