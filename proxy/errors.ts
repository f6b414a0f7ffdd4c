/**
 * The proxy's one error type and the handlers that turn errors into OAuth-style JSON bodies.
 * Messages here are fixed strings written by us: they never carry a code, token, secret or URI query.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { answer, setAnswerHeaders } from './answer';

/** Stable codes the proxy itself produces; upstream 4xx codes (e.g. `invalid_grant`) pass through too. */
export type ProxyErrorCode =
  | 'origin_not_allowed'
  | 'invalid_request'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  /** This proxy's own per-client limit (rate-limit.ts). */
  | 'rate_limited'
  /** The token endpoint answered 429: WordPress.com's limit, passed on (upstream-token.ts). */
  | 'upstream_rate_limited'
  | 'not_configured'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'not_found'
  | 'server_error';

/** An `error` value received from the token endpoint and passed on (already checked to be a plain token). */
export type UpstreamErrorCode = string;

export class ProxyError extends HTTPException {
  /** OAuth-style `error` value sent to the client. */
  readonly code: string;
  /** Sent as `Retry-After` (whole seconds) when set. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: ProxyErrorCode | UpstreamErrorCode,
    description: string,
    cause?: unknown,
    retryAfterSeconds?: number,
  ) {
    super(status, { message: description, cause });
    this.name = 'ProxyError';
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function errorResponse(c: Context, status: ContentfulStatusCode, error: string, description?: string) {
  return answer(c, description === undefined ? { error } : { error, error_description: description }, status);
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ProxyError) {
    if (err.retryAfterSeconds !== undefined) setAnswerHeaders(c, { 'retry-after': String(err.retryAfterSeconds) });
    return errorResponse(c, err.status, err.code, err.message);
  }
  // Hono's own exceptions (none expected today) keep their status, but not their text.
  if (err instanceof HTTPException && err.status < 500) return errorResponse(c, err.status, 'invalid_request');
  // Anything else is a bug: say nothing about it to the caller.
  return errorResponse(c, 500, 'server_error');
};

export const notFound: NotFoundHandler = (c) => errorResponse(c, 404, 'not_found');
