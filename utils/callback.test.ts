import { describe, expect, test } from 'vitest';
import { codeFromCallback } from './callback';
import { ConnectError, type ErrorCode } from './errors';
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

  test('maps error=access_denied to access_denied, other errors to exchange_failed', () => {
    const denied = failure(() => codeFromCallback(callback({ error: 'access_denied', state: flow.state }), flow, NOW));
    expect(denied.code).toBe('access_denied');
    expect(denied.providerError).toBe('access_denied');
    const other = failure(() => codeFromCallback(callback({ error: 'invalid_scope', state: flow.state }), flow, NOW));
    expect(other.code).toBe('exchange_failed');
    expect(other.providerError).toBe('invalid_scope');
  });

  test('an answer naming an error, even an empty one, is no grant although it carries a code', () => {
    for (const error of ['', 'server_error']) {
      const refused = failure(() => codeFromCallback(callback({ code: CODE, state: flow.state, error }), flow, NOW));
      expect(refused.code).toBe('exchange_failed');
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
