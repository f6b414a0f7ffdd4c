/**
 * What a person reads for a failure: the headline for its code (`problem.words.<code>`), the background's
 * detail, then the next step. Here, for the failures whose headline used to contradict the situation, each
 * (code, detail) pair as the code throws it, against the words shown with it.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { i18n } from '#i18n';
import { endpointFailure, meFailure } from '../utils/api-problem';
import { addConnection, selectConnection } from '../utils/connection-list';
import { updateConnectionStore } from '../utils/connection-store';
import { callEndpoint } from '../utils/endpoint-call';
import { findEndpoint } from '../utils/endpoint-catalogue';
import { buildEndpointRequest } from '../utils/endpoint-request';
import { ConnectError } from '../utils/errors';
import { stubUnreachableConfig } from '../utils/testing/background';
import { fakeConnection, globalConnection, siteConnection } from '../utils/testing/fixtures';
import { errorWords, nextStep } from './error-words';

beforeEach(() => {
  fakeBrowser.reset();
  // A call that got past the checks would fail as `network`.
  stubUnreachableConfig();
});

async function thrown(run: () => unknown): Promise<ConnectError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ConnectError) return error;
    throw error;
  }
  throw new Error('expected a ConnectError');
}

const endpoint = (id: string) => {
  const found = findEndpoint(id);
  if (!found) throw new Error(`no endpoint ${id}`);
  return found;
};

const NOW = Date.parse('2030-01-01T00:00:00Z');

/** Each situation, how the code raises it, and the words a person then reads. */
const CASES: Array<{
  situation: string;
  raise: () => Promise<ConnectError> | ConnectError;
  code: string;
  detail: RegExp;
  headline: string;
  next: string;
}> = [
  {
    situation: 'a console call’s token refused, other connections remaining (a)',
    raise: () =>
      endpointFailure({ status: 400, body: { error: 'invalid_token', message: 'The OAuth2 token is invalid.' } }, NOW),
    code: 'token_invalid',
    detail: /this connection’s token, so the connection was removed/,
    headline: 'WordPress.com no longer accepts this connection, so the extension does not keep it.',
    next: 'Sign in again to reconnect.',
  },
  {
    situation: 'a profile refresh’s token refused (a)',
    raise: () =>
      meFailure(
        {
          status: 403,
          body: {
            error: 'authorization_required',
            message: 'An active access token must be used to query information about the current user.',
          },
        },
        NOW,
      ),
    code: 'token_invalid',
    detail: /no longer accepts this sign-in/,
    headline: 'WordPress.com no longer accepts this connection, so the extension does not keep it.',
    next: 'Sign in again to reconnect.',
  },
  {
    // Thrown by utils/sign-in.ts storeUnlessEnded; sign-in.test.ts checks that it is.
    situation: 'a sign-in whose access was ended while it finished (a)',
    raise: () => new ConnectError('token_invalid', i18n.t('detail.accessEndedDuringSignIn')),
    code: 'token_invalid',
    detail: /its new access was not kept/,
    headline: 'WordPress.com no longer accepts this connection, so the extension does not keep it.',
    next: 'Sign in again to reconnect.',
  },
  {
    // Thrown by utils/sign-in.ts join; sign-in.test.ts checks the code and the words.
    situation: 'another sign-in, for other access, already waits in its window (b)',
    raise: () => new ConnectError('sign_in_pending', i18n.t('detail.signInWaiting')),
    code: 'sign_in_pending',
    detail: /asks for other access/,
    headline: 'Another sign-in is already waiting in its WordPress.com window.',
    next: 'Finish that sign-in or close its window, then try again.',
  },
  {
    situation: 'Call pressed after a slow revoke removed the last connection (c)',
    raise: () => thrown(() => callEndpoint('conn-revoked', 'me', {})),
    code: 'connection_gone',
    detail: /No connection is stored any more, so nothing was sent/,
    headline: 'The connection this was for is no longer available.',
    next: 'Choose another connection, or sign in.',
  },
  {
    situation: 'Call pressed after a slow revoke removed the console’s connection, another remaining (c)',
    raise: async () => {
      await updateConnectionStore((store) => addConnection(store, globalConnection()));
      return thrown(() => callEndpoint('conn-revoked', 'me', {}));
    },
    code: 'connection_gone',
    detail: /was revoked or removed meanwhile, so nothing was sent/,
    headline: 'The connection this was for is no longer available.',
    next: 'Choose another connection, or sign in.',
  },
  {
    situation: 'Call pressed for a connection that a sign-in elsewhere replaced as the one in use (c)',
    raise: async () => {
      const shown = globalConnection();
      await updateConnectionStore((store) => addConnection(addConnection(store, shown), fakeConnection()));
      return thrown(() => callEndpoint(shown.id, 'me', {}));
    },
    code: 'connection_gone',
    detail: /no longer the one in use, so nothing was sent/,
    headline: 'The connection this was for is no longer available.',
    next: 'Choose another connection, or sign in.',
  },
  {
    situation: '“Use” on a connection revoked meanwhile (c)',
    raise: () => thrown(() => selectConnection({ version: 2, activeId: null, connections: [] }, 'conn-revoked')),
    code: 'connection_gone',
    detail: /revoked or removed meanwhile/,
    headline: 'The connection this was for is no longer available.',
    next: 'Choose another connection, or sign in.',
  },
  {
    situation: 'a one-site connection asked for another site, refused before sending (d)',
    raise: () =>
      thrown(() =>
        buildEndpointRequest(
          'https://public-api.wordpress.com/rest',
          endpoint('site'),
          { site: '5003' },
          siteConnection(),
        ),
      ),
    code: 'scope_insufficient',
    detail: /reaches only .*, so nothing was sent/,
    headline: 'This connection’s access does not cover this request.',
    next: 'Choose wider access under Access settings, then add a connection with it.',
  },
  {
    // The same error code at /me for a scope too narrow (wpcom-api.md): the token is alive, not "no longer accepted".
    situation: 'a profile look-up refused for its scope',
    raise: () =>
      meFailure(
        {
          status: 403,
          body: { error: 'authorization_required', message: 'Access token does not have the required scope' },
        },
        NOW,
      ),
    code: 'scope_insufficient',
    detail: /refused this endpoint for this connection’s access/,
    headline: 'This connection’s access does not cover this request.',
    next: 'Choose wider access under Access settings, then add a connection with it.',
  },
];

describe('the words shown for each failure fit it', () => {
  test.each(CASES)('$situation', async ({ raise, code, detail, headline, next }) => {
    const error = await raise();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(detail);
    expect(errorWords(error.code)).toBe(headline);
    expect(nextStep(error)).toBe(next);
    // None of the words that used to contradict these situations.
    const shown = `${errorWords(error.code)} ${error.message} ${nextStep(error) ?? ''}`;
    expect(shown).not.toMatch(/signed out|request it does not accept|values entered|Correct the values/);
    expect(shown).not.toMatch(/does not allow this for your account/);
  });
});
