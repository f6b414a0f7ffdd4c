import type { ErrorCode } from '../utils/errors';

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
  rate_limited: 'Too many requests: WordPress.com asked us to wait a little.',
  service_unavailable: 'WordPress.com is having trouble right now.',
  storage_corrupt: 'Some saved data was damaged and has been cleared.',
  bad_message: 'The extension received a request it does not accept.',
  unexpected: 'Something went wrong inside the extension.',
};
