/**
 * The few ways a sign-in or an API call can fail. Each has a stable `code` (the UI maps it to
 * words) and keeps what caused it. Messages and causes never carry a token, a code or a secret.
 */
import { i18n } from '#i18n';
export const ERROR_CODES = [
  'state_mismatch',
  'access_denied',
  'user_cancelled',
  /** Another sign-in, asking for other access, is waiting in its WordPress.com window. */
  'sign_in_pending',
  'network',
  'timeout',
  'exchange_failed',
  'invalid_response',
  'token_invalid',
  /** The connection a request was for is no longer stored (revoked or removed meanwhile) or no longer in use. */
  'connection_gone',
  /** A sign-in refused before it starts: the extension keeps as many connections as it can (MAX_CONNECTIONS). */
  'connection_limit',
  'not_permitted',
  /** WordPress.com refuses the extension's origin ("You cannot make requests from this origin."). */
  'origin_refused',
  'scope_insufficient',
  /** A sign-in worked, and WordPress.com gave more access than asked for (a notice, not a failure). */
  'access_wider',
  /** A sign-in worked, and WordPress.com gave other access than asked for: less, or another site (a notice). */
  'access_other',
  'not_found',
  'invalid_params',
  'rate_limited',
  'service_unavailable',
  'storage_corrupt',
  'bad_message',
  'unexpected',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  readonly code: ErrorCode;
  /** The provider's own error code when it sent one (`invalid_grant`, `authorization_required`…). */
  readonly providerError: string | undefined;
  /** Seconds to wait before trying again, when the server said so (`Retry-After`). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; providerError?: string | undefined; retryAfterSeconds?: number | undefined } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.providerError = options.providerError;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** What crosses the message boundary: code, human message and the provider's code. Never a stack or a cause. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  providerError?: string | undefined;
  retryAfterSeconds?: number | undefined;
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ConnectError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.providerError === undefined ? {} : { providerError: error.providerError }),
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    };
  }
  // Anything else is our bug or the platform's; its message may hold anything, so it stays out.
  return { code: 'unexpected', message: i18n.t('detail.insideExtension') };
}

/** Who a request goes to: named in the words of its failure. `proxy` is the companion sign-in service. */
export type Service = 'WordPress.com' | 'Gravatar' | 'proxy';

/** Wraps a `fetch` failure: our timeout becomes `timeout`, everything else `network`. */
export function fetchFailure(error: unknown, service: Service): ConnectError {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    const words = service === 'proxy' ? i18n.t('detail.proxyTimeout') : i18n.t('detail.serviceTimeout', { service });
    return new ConnectError('timeout', words, { cause: error.name });
  }
  const words =
    service === 'proxy' ? i18n.t('detail.proxyUnreachable') : i18n.t('detail.serviceUnreachable', { service });
  // The error's name only: a fetch refusing a header quotes its value in the message (the token, for Authorization).
  return new ConnectError('network', words, {
    cause: error instanceof Error ? error.name : undefined,
  });
}
