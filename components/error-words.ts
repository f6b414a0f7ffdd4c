import { i18n } from '#i18n';
import type { ErrorCode } from '../utils/errors';
import type { ErrorInfo } from '../utils/messages';
import { waitWords } from './time-words';

/** What each failure means to a person, by code. The background's message adds the specifics. */
export function errorWords(code: ErrorCode): string {
  return i18n.t(`problem.words.${code}`);
}

/** The codes with a next step of their own (besides `rate_limited`, whose step says when). */
const WITH_NEXT_STEP = [
  'sign_in_pending',
  'network',
  'timeout',
  'token_invalid',
  'connection_gone',
  'connection_limit',
  'not_permitted',
  'origin_refused',
  'scope_insufficient',
  'access_wider',
  'access_other',
  'not_found',
  'invalid_params',
  'service_unavailable',
  'unexpected',
  'exchange_failed',
] as const satisfies readonly ErrorCode[];

type WithNextStep = (typeof WITH_NEXT_STEP)[number];
const hasNextStep = (code: ErrorCode): code is WithNextStep => (WITH_NEXT_STEP as readonly ErrorCode[]).includes(code);

/** What the person can do about a failure, when there is something; for `rate_limited`, when. */
export function nextStep(error: Pick<ErrorInfo, 'code' | 'retryAfterSeconds'>): string | undefined {
  if (error.code === 'rate_limited') {
    return error.retryAfterSeconds === undefined
      ? i18n.t('problem.next.rateLimitedNoWait')
      : i18n.t('problem.next.rateLimitedWait', { when: waitWords(error.retryAfterSeconds) });
  }
  return hasNextStep(error.code) ? i18n.t(`problem.next.${error.code}`) : undefined;
}
