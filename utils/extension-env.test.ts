import { describe, expect, test } from 'vitest';
import { parseExtensionEnv } from './extension-env';

const REQUIRED = {
  WXT_WPCOM_CLIENT_ID: '84620',
  WXT_WPCOM_API_CLIENT_ID: '84621',
  WXT_TOKEN_PROXY_URL: 'https://proxy.example/token',
};

describe('the two WordPress.com apps', () => {
  test('both are required, each named by what it is for', () => {
    expect(() => parseExtensionEnv({ ...REQUIRED, WXT_WPCOM_API_CLIENT_ID: '' })).toThrow(
      /WXT_WPCOM_API_CLIENT_ID is required \(the client ID of your WordPress.com app for site access\)/,
    );
    expect(() => parseExtensionEnv({ ...REQUIRED, WXT_WPCOM_CLIENT_ID: undefined })).toThrow(
      /WXT_WPCOM_CLIENT_ID is required \(the client ID of your WordPress.com app for login\)/,
    );
    expect(() => parseExtensionEnv({ ...REQUIRED, WXT_WPCOM_API_CLIENT_ID: 'sites' })).toThrow(
      /WXT_WPCOM_API_CLIENT_ID/,
    );
  });

  test('one app for both is named with every other problem at once', () => {
    expect(() => parseExtensionEnv({ WXT_WPCOM_CLIENT_ID: '1', WXT_WPCOM_API_CLIENT_ID: '1' })).toThrow(
      /WXT_TOKEN_PROXY_URL is required[\s\S]*WXT_WPCOM_API_CLIENT_ID must be another app than WXT_WPCOM_CLIENT_ID/,
    );
  });

  test('one app for both is refused: WordPress.com says not to use one app for login and blog access', () => {
    expect(() => parseExtensionEnv({ ...REQUIRED, WXT_WPCOM_API_CLIENT_ID: '84620' })).toThrow(
      /WXT_WPCOM_API_CLIENT_ID must be another app than WXT_WPCOM_CLIENT_ID/,
    );
  });
});

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

describe('plain http', () => {
  const URL_VARIABLES = ['WXT_WPCOM_OAUTH_URL', 'WXT_WPCOM_API_URL', 'WXT_GRAVATAR_API_URL', 'WXT_TOKEN_PROXY_URL'];

  test.for(URL_VARIABLES)('%s: http:// only to this machine (the sandbox); https:// anywhere', (name) => {
    for (const url of ['http://127.0.0.1:8787/x', 'http://localhost:8787/x', 'http://[::1]:8787/x']) {
      expect(() => parseExtensionEnv({ ...REQUIRED, [name]: url })).not.toThrow();
    }
    expect(() => parseExtensionEnv({ ...REQUIRED, [name]: 'https://example.com/x' })).not.toThrow();
    for (const url of [
      'http://example.com/x',
      'http://10.0.0.5/x',
      'http://localhost.example.com/x',
      'ftp://127.0.0.1/x',
    ]) {
      expect(() => parseExtensionEnv({ ...REQUIRED, [name]: url })).toThrow(new RegExp(`${name} must be an https URL`));
    }
  });
});
