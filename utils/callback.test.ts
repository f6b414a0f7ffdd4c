import { describe, expect, test } from 'vitest';
import { errorWords, nextStep } from '../components/error-words';
import { codeFromCallback } from './callback';
import { ConnectError, type ErrorCode, toErrorInfo } from './errors';
import { newPendingFlow } from './pending-flow';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const NOW = 1_800_000_000_000;
const flow = newPendingFlow(REDIRECT, { level: 'profile' }, NOW);
const CODE = 'c0de-SECRET-value';

function callback(params: Record<string, string> | string, base = REDIRECT) {
  return `${base}?${typeof params === 'string' ? params : new URLSearchParams(params)}`;
}

function failure(run: () => unknown): ConnectError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectError);
    const connectError = error as ConnectError;
    // Whatever went wrong, the code never rides along in the message or the cause.
    expect(`${connectError.message} ${JSON.stringify(connectError.cause ?? '')}`).not.toContain(CODE);
    return connectError;
  }
  throw new Error('expected a ConnectError');
}

const codeOf = (run: () => unknown): ErrorCode => failure(run).code;

describe('codeFromCallback', () => {
  test('returns the code when the state matches exactly', () => {
    expect(codeFromCallback(callback({ code: CODE, state: flow.state }), flow, NOW + 1000)).toBe(CODE);
  });

  test('refuses a different, missing, or almost-equal state', () => {
    expect(codeOf(() => codeFromCallback(callback({ code: CODE, state: 'other' }), flow, NOW))).toBe('state_mismatch');
    expect(codeOf(() => codeFromCallback(callback({ code: CODE }), flow, NOW))).toBe('state_mismatch');
    expect(codeOf(() => codeFromCallback(callback({ code: CODE, state: `${flow.state} ` }), flow, NOW))).toBe(
      'state_mismatch',
    );
    expect(codeOf(() => codeFromCallback(callback({ code: CODE, state: flow.state.toUpperCase() }), flow, NOW))).toBe(
      'state_mismatch',
    );
  });

  test('refuses when no flow is pending or the flow expired', () => {
    const url = callback({ code: CODE, state: flow.state });
    expect(codeOf(() => codeFromCallback(url, undefined, NOW))).toBe('state_mismatch');
    expect(codeOf(() => codeFromCallback(url, flow, flow.expiresAt + 1))).toBe('state_mismatch');
  });

  test('refuses repeated parameters (a second state or code smuggled in)', () => {
    const twoStates = callback(`code=${CODE}&state=${flow.state}&state=${flow.state}`);
    expect(['state_mismatch', 'invalid_response']).toContain(codeOf(() => codeFromCallback(twoStates, flow, NOW)));
    const twoCodes = callback(`code=${CODE}&code=other&state=${flow.state}`);
    expect(codeOf(() => codeFromCallback(twoCodes, flow, NOW))).toBe('invalid_response');
  });

  test('maps error=access_denied to access_denied, the app’s request refused to exchange_failed', () => {
    const denied = failure(() => codeFromCallback(callback({ error: 'access_denied', state: flow.state }), flow, NOW));
    expect(denied.code).toBe('access_denied');
    expect(denied.providerError).toBe('access_denied');
    // A setup problem of the extension's app: WordPress.com refused it, and the publisher is to be told.
    for (const error of ['invalid_request', 'unauthorized_client', 'unsupported_response_type', 'invalid_scope']) {
      const other = failure(() => codeFromCallback(callback({ error, state: flow.state }), flow, NOW));
      expect(other.code).toBe('exchange_failed');
      expect(other.providerError).toBe(error);
      expect([other.message, nextStep(toErrorInfo(other))]).toEqual([
        'WordPress.com refused the sign-in.',
        'Log in again. If it keeps happening, tell the extension’s publisher.',
      ]);
    }
  });

  test('a passing trouble at WordPress.com is service_unavailable, to try later: nothing refused, no publisher to tell', () => {
    for (const error of ['temporarily_unavailable', 'server_error']) {
      const trouble = failure(() => codeFromCallback(callback({ error, state: flow.state }), flow, NOW));
      expect(trouble.code).toBe('service_unavailable');
      expect(trouble.providerError).toBe(error);
      expect([errorWords(trouble.code), trouble.message, nextStep(toErrorInfo(trouble))]).toEqual([
        'WordPress.com is having trouble right now.',
        'WordPress.com could not complete the sign-in just now.',
        'Try again later.',
      ]);
    }
  });

  test('an answer naming an error, even an empty one, is no grant although it carries a code', () => {
    for (const [error, code] of [
      ['', 'exchange_failed'],
      ['invalid_request', 'exchange_failed'],
      ['server_error', 'service_unavailable'],
    ] as const) {
      const refused = failure(() => codeFromCallback(callback({ code: CODE, state: flow.state, error }), flow, NOW));
      expect(refused.code).toBe(code);
    }
  });

  test('an error answer with the wrong state is a state mismatch, not a believable denial', () => {
    expect(codeOf(() => codeFromCallback(callback({ error: 'access_denied', state: 'x' }), flow, NOW))).toBe(
      'state_mismatch',
    );
  });

  test('refuses an answer without a code', () => {
    expect(codeOf(() => codeFromCallback(callback({ state: flow.state }), flow, NOW))).toBe('invalid_response');
    expect(codeOf(() => codeFromCallback(callback({ code: '', state: flow.state }), flow, NOW))).toBe(
      'invalid_response',
    );
  });

  test('refuses an answer that did not come back to our redirect URI', () => {
    const elsewhere = callback({ code: CODE, state: flow.state }, 'https://evil.example/');
    expect(codeOf(() => codeFromCallback(elsewhere, flow, NOW))).toBe('invalid_response');
    const otherPath = callback({ code: CODE, state: flow.state }, `${REDIRECT}other`);
    expect(codeOf(() => codeFromCallback(otherPath, flow, NOW))).toBe('invalid_response');
    expect(codeOf(() => codeFromCallback('not a url', flow, NOW))).toBe('invalid_response');
  });
});
