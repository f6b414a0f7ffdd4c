import type { ErrorCode } from '../utils/errors';
import type { ErrorInfo } from '../utils/messages';

/** What each failure means to a person, by code. The background's message adds the specifics. */
export const ERROR_WORDS: Record<ErrorCode, string> = {
  state_mismatch: 'The sign-in could not be verified, so it was stopped. Nothing was saved.',
  access_denied: 'You declined the connection on WordPress.com.',
  user_cancelled: 'The sign-in window was closed before you finished.',
  network: 'WordPress.com or the sign-in service could not be reached.',
  timeout: 'WordPress.com or the sign-in service took too long to answer.',
  exchange_failed: 'WordPress.com did not complete the sign-in.',
  invalid_response: 'An unexpected answer came back, so it was not used.',
  token_invalid: 'Your WordPress.com sign-in is no longer valid, so you have been signed out.',
  not_permitted: 'WordPress.com does not allow this for your account.',
  scope_insufficient: 'This connection’s access does not cover this request.',
  not_found: 'WordPress.com found nothing there.',
  invalid_params: 'Some of the values entered are not valid.',
  rate_limited: 'Too many requests: WordPress.com asked us to wait a little.',
  service_unavailable: 'WordPress.com is having trouble right now.',
  storage_corrupt: 'Some saved data was damaged and has been cleared.',
  bad_message: 'The extension received a request it does not accept.',
  unexpected: 'Something went wrong inside the extension.',
};

const NEXT_STEPS: Partial<Record<ErrorCode, string>> = {
  network: 'Check your internet connection, then try again.',
  timeout: 'Try again in a moment.',
  token_invalid: 'Sign in again to reconnect.',
  not_permitted: 'Use a connection with more access, or check your role on that site.',
  scope_insufficient: 'Choose wider access under Access settings, then add a connection with it.',
  not_found: 'Check the site address or ID.',
  invalid_params: 'Correct the values, then try again.',
  service_unavailable: 'Try again later.',
};

/** What the person can do about a failure, when there is something; for `rate_limited`, when. */
export function nextStep(error: Pick<ErrorInfo, 'code' | 'retryAfterSeconds'>): string | undefined {
  if (error.code === 'rate_limited') {
    return error.retryAfterSeconds === undefined
      ? 'Wait a minute, then try again.'
      : `Try again in ${error.retryAfterSeconds} s.`;
  }
  return NEXT_STEPS[error.code];
}
