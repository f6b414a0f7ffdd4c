/**
 * WordPress.com REST error answers → our codes, with words that say what to do next. Pure: the status,
 * the parsed body and the `Retry-After` header in, a ConnectError out. The provider's message is read to
 * tell its two `authorization_required` answers apart but never passed on (it is not ours to show).
 */

import { z } from 'zod';
import { i18n } from '#i18n';
import { ConnectError } from './errors';
import { retryAfterFromNow } from './retry-after';

/** Used when a 429 carries no readable `Retry-After`. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;
/** A longer wait is taken as this long: a bad header must not lock an endpoint for days. */
export const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

const restErrorSchema = z.lazy(() => z.object({ error: z.string(), message: z.string().optional() }));

/**
 * `Retry-After` as seconds from `now` (retry-after.ts); absent or unreadable → `fallback`
 * (60 unless told otherwise).
 */
export function retryAfterSeconds(
  header: string | null | undefined,
  now: number,
  fallback: number = DEFAULT_RETRY_AFTER_SECONDS,
): number {
  return Math.min(retryAfterFromNow(header, now) ?? fallback, MAX_RETRY_AFTER_SECONDS);
}

function providerErrorOf(body: unknown): { error: string | undefined; message: string } {
  const parsed = restErrorSchema.safeParse(body).data;
  return {
    // Only a plain code is kept; anything else could carry whatever the server echoed.
    error: parsed && /^[a-z_]{1,64}$/.test(parsed.error) ? parsed.error : undefined,
    message: parsed?.message ?? '',
  };
}

/** WordPress.com's words for a token that is no longer active (as opposed to one whose scope is too narrow). */
const INACTIVE_TOKEN = /active access token/i;
/**
 * WordPress.com's words for a browser origin its app does not accept ("You cannot make requests from this
 * origin.", `unauthorized`, which also means "User cannot access this blog"): the extension's setup, not
 * the person's account or token, so nothing is removed and signing in again would not help.
 */
const ORIGIN_REFUSED = /\borigin\b/i;

/**
 * Whether an answer is WordPress.com's origin refusal. Read from the body alone, at any status: wpcom-api.md gives
 * the body but not the status, so none is assumed (the same test for /me and for console calls).
 */
function isOriginRefusal(providerError: string | undefined, message: string): boolean {
  return providerError === 'unauthorized' && ORIGIN_REFUSED.test(message);
}

function originRefused(providerError: string | undefined): ConnectError {
  return new ConnectError('origin_refused', i18n.t('detail.originNotListed'), { providerError });
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  retryAfter?: string | null | undefined;
}

function rateLimited(answer: ApiAnswer, now: number, providerError: string | undefined): ConnectError {
  const wait = retryAfterSeconds(answer.retryAfter, now);
  return new ConnectError('rate_limited', i18n.t('detail.slowDown'), { providerError, retryAfterSeconds: wait });
}

function serviceUnavailable(status: number, providerError: string | undefined): ConnectError {
  return new ConnectError('service_unavailable', i18n.t('detail.trouble', { status }), {
    providerError,
  });
}

/**
 * An error answer to `GET /me`. A dead token (`invalid_token`, or `authorization_required` saying "An active access
 * token must be used…": revoked or expired) is `token_invalid`. The same `authorization_required` also means a scope
 * too narrow (wpcom-api.md): that token is alive, and is kept, not thrown away as no longer accepted.
 */
export function meFailure(answer: ApiAnswer, now: number): ConnectError {
  const { error: providerError, message } = providerErrorOf(answer.body);
  if (
    providerError === 'invalid_token' ||
    (providerError === 'authorization_required' && INACTIVE_TOKEN.test(message))
  ) {
    return new ConnectError('token_invalid', i18n.t('detail.signInNotAccepted'), {
      providerError,
    });
  }
  if (providerError === 'authorization_required') {
    return new ConnectError('scope_insufficient', i18n.t('detail.scopeTooNarrow'), { providerError });
  }
  if (isOriginRefusal(providerError, message)) return originRefused(providerError);
  if (providerError === 'unauthorized') {
    return new ConnectError('not_permitted', i18n.t('detail.notAllowedAccount'), {
      providerError,
    });
  }
  if (answer.status === 429) return rateLimited(answer, now, providerError);
  if (answer.status >= 500) return serviceUnavailable(answer.status, providerError);
  return new ConnectError('invalid_response', i18n.t('detail.unexpectedError', { status: answer.status }), {
    providerError,
  });
}

/** An error answer to a console call, with what to do next. */
export function endpointFailure(answer: ApiAnswer, now: number): ConnectError {
  const { status } = answer;
  const { error: providerError, message } = providerErrorOf(answer.body);
  const options = { providerError };
  if (
    providerError === 'invalid_token' ||
    (providerError === 'authorization_required' && INACTIVE_TOKEN.test(message))
  ) {
    // Assumed: WordPress.com's "An active access token must be used…" (its answer for a revoked token at /me,
    // and the emulator's everywhere) means the token is dead here too, not that its scope is too narrow.
    return new ConnectError('token_invalid', i18n.t('detail.tokenRemoved'), options);
  }
  // Before any status test: the origin refusal's status is not documented (see isOriginRefusal).
  if (isOriginRefusal(providerError, message)) return originRefused(providerError);
  if (status === 403 && providerError === 'authorization_required') {
    return new ConnectError('scope_insufficient', i18n.t('detail.scopeTooNarrow'), options);
  }
  if (status === 403 && providerError === 'unauthorized') {
    return new ConnectError('not_permitted', i18n.t('detail.notYourSite'), options);
  }
  if (status === 404) {
    return new ConnectError('not_found', i18n.t('detail.notFound'), options);
  }
  if (status === 429) return rateLimited(answer, now, providerError);
  if (status >= 500) return serviceUnavailable(status, providerError);
  if (status === 400) {
    return new ConnectError('invalid_params', i18n.t('detail.paramsRefused'), options);
  }
  if (status === 401 || status === 403) {
    return new ConnectError('not_permitted', i18n.t('detail.refusedStatus', { status }), options);
  }
  return new ConnectError('invalid_response', i18n.t('detail.unexpectedStatus', { status }), options);
}
