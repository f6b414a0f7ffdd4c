/**
 * How a rejected `identity.launchWebAuthFlow` reads. Firefox rejects with "User cancelled or denied access." both when
 * the person closed WordPress.com's window and when the sign-in page could not be reached (it shows its own error
 * page in that window until it is closed; seen in Firefox ESR 153): WordPress.com's host is then asked once.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ConnectError } from './errors';
import { launchWebAuthFlow } from './web-auth-flow';

const AUTHORIZE = new URL('https://public-api.wordpress.com/oauth2/authorize?client_id=1&state=secret-state');

const identity = fakeBrowser.identity as unknown as { launchWebAuthFlow: (details: object) => Promise<string> };
const rejectWith = (message: string) => {
  identity.launchWebAuthFlow = async () => {
    throw new Error(message);
  };
};
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof ConnectError ? error.code : 'other'),
  );

let asked: string[];
beforeEach(() => {
  asked = [];
});
afterEach(() => vi.unstubAllGlobals());

describe('a cancelled sign-in', () => {
  test('Firefox, WordPress.com answering: the person closed the window', async () => {
    vi.stubGlobal('fetch', async (input: string) => {
      asked.push(String(input));
      return new Response(null, { status: 405 });
    });
    rejectWith('User cancelled or denied access.');
    expect(await codeOf(launchWebAuthFlow(AUTHORIZE))).toBe('user_cancelled');
    // Only the host is asked: the sign-in's address, with its state, is not sent again.
    expect(asked).toEqual(['https://public-api.wordpress.com']);
  });

  test('Firefox, WordPress.com unreachable: a network failure, not a cancellation', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('NetworkError when attempting to fetch resource.');
    });
    rejectWith('User cancelled or denied access.');
    expect(await codeOf(launchWebAuthFlow(AUTHORIZE))).toBe('network');
  });

  test('Chromium says which it was: no question asked', async () => {
    vi.stubGlobal('fetch', async (input: string) => {
      asked.push(String(input));
      throw new TypeError('Failed to fetch');
    });
    rejectWith('The user did not approve access.');
    expect(await codeOf(launchWebAuthFlow(AUTHORIZE))).toBe('user_cancelled');
    rejectWith('Authorization page could not be loaded.');
    expect(await codeOf(launchWebAuthFlow(AUTHORIZE))).toBe('network');
    expect(asked).toEqual([]);
  });
});
