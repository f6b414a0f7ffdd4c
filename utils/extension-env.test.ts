import { describe, expect, test } from 'vitest';
import { parseExtensionEnv } from './extension-env';

const REQUIRED = { WXT_WPCOM_CLIENT_ID: '84620', WXT_TOKEN_PROXY_URL: 'https://proxy.example/token' };

describe('WXT_REQUEST_TIMEOUT_MS', () => {
  test('defaults to 15 s when unset or empty', () => {
    expect(parseExtensionEnv(REQUIRED).WXT_REQUEST_TIMEOUT_MS).toBe(15_000);
    expect(parseExtensionEnv({ ...REQUIRED, WXT_REQUEST_TIMEOUT_MS: '' }).WXT_REQUEST_TIMEOUT_MS).toBe(15_000);
  });

  test('takes whole milliseconds from 1000 to 60000', () => {
    for (const ms of [1000, 3000, 60_000]) {
      expect(parseExtensionEnv({ ...REQUIRED, WXT_REQUEST_TIMEOUT_MS: String(ms) }).WXT_REQUEST_TIMEOUT_MS).toBe(ms);
    }
  });

  test.for(['999', '60001', '3.5', '1e4', '-1', 'soon', ' 3000'])('refuses %j, naming the variable', (value) => {
    expect(() => parseExtensionEnv({ ...REQUIRED, WXT_REQUEST_TIMEOUT_MS: value })).toThrow(/WXT_REQUEST_TIMEOUT_MS/);
  });
});
