import { describe, expect, test, vi } from 'vitest';
import {
  SANDBOX_EXTENSION_ID,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_FIREFOX_ORIGIN,
  SANDBOX_FIREFOX_REDIRECT_URI,
  SANDBOX_REDIRECT_URI,
} from '../sandbox/sandbox-config';
import {
  authFlowFailure,
  browserFamily,
  browserManifestKeys,
  DEFAULT_GECKO_ID,
  EXTENSION_ORIGIN_SHAPE,
  GECKO_ID_PATTERN,
  hostPermissionPattern,
  keepSessionStorageTrusted,
  REDIRECT_URI_SHAPE,
} from './browser-differences';
import { hostPermissionsFor, parseExtensionEnv } from './extension-env';

const REQUIRED = {
  WXT_WPCOM_CLIENT_ID: '84620',
  WXT_WPCOM_API_CLIENT_ID: '84621',
  WXT_TOKEN_PROXY_URL: 'https://proxy.example/token',
};

describe('browserFamily', () => {
  test.for([
    ['chrome', 'chromium'],
    ['edge', 'chromium'],
    ['opera', 'chromium'],
    ['firefox', 'firefox'],
  ])('%s builds follow %s rules', ([target, family]) => {
    expect(browserFamily(target ?? '')).toBe(family);
  });
});

describe('manifest keys', () => {
  test('Chromium gets the key that pins its ID, and nothing of Firefox', () => {
    expect(browserManifestKeys('chromium', { extensionKey: 'QUJD', geckoId: DEFAULT_GECKO_ID })).toEqual({
      key: 'QUJD',
    });
    expect(browserManifestKeys('chromium', { geckoId: DEFAULT_GECKO_ID })).toEqual({});
  });

  test('Firefox gets the fixed add-on ID, a minimum version and its data-collection declaration, never `key`', () => {
    const keys = browserManifestKeys('firefox', { extensionKey: 'QUJD', geckoId: 'connect@example.com' });
    expect(keys).not.toHaveProperty('key');
    expect(keys).toEqual({
      browser_specific_settings: {
        gecko: {
          id: 'connect@example.com',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['authenticationInfo', 'personallyIdentifyingInfo'] },
        },
      },
    });
  });
});

describe('host permissions', () => {
  test('Chromium names each origin exactly, port included', () => {
    expect(hostPermissionPattern('chromium', new URL('http://127.0.0.1:8790/oauth2'))).toBe('http://127.0.0.1:8790/*');
    expect(hostPermissionPattern('chromium', new URL('https://api.gravatar.com/v3'))).toBe(
      'https://api.gravatar.com/*',
    );
  });

  test('Firefox names scheme and host only: its match patterns cannot carry a port', () => {
    expect(hostPermissionPattern('firefox', new URL('http://127.0.0.1:8790/oauth2'))).toBe('http://127.0.0.1/*');
    expect(hostPermissionPattern('firefox', new URL('https://proxy.example:8443/token'))).toBe(
      'https://proxy.example/*',
    );
    expect(hostPermissionPattern('firefox', new URL('https://api.gravatar.com/v3'))).toBe('https://api.gravatar.com/*');
  });

  test('the same configuration gives the same hosts to both builds, once each', () => {
    const env = parseExtensionEnv({
      ...REQUIRED,
      WXT_WPCOM_OAUTH_URL: 'http://127.0.0.1:8790/oauth2',
      WXT_WPCOM_API_URL: 'http://127.0.0.1:8790/rest',
      WXT_GRAVATAR_API_URL: 'http://127.0.0.1:8790/gravatar/v3',
      WXT_TOKEN_PROXY_URL: 'http://127.0.0.1:8787/token',
    });
    expect(hostPermissionsFor(env)).toEqual(['http://127.0.0.1:8790/*', 'http://127.0.0.1:8787/*']);
    expect(hostPermissionsFor(env, 'firefox')).toEqual(['http://127.0.0.1/*']);
    const real = parseExtensionEnv(REQUIRED);
    expect(hostPermissionsFor(real, 'firefox')).toEqual(hostPermissionsFor(real, 'chromium'));
  });
});

describe('gecko IDs', () => {
  test.for([
    'connect@example.com',
    'wpcom-connect@sandbox.invalid',
    '@short',
    '{12345678-abcd-ef01-2345-6789abcdef01}',
  ])('takes %j', (id) => {
    expect(GECKO_ID_PATTERN.test(id)).toBe(true);
    expect(parseExtensionEnv({ ...REQUIRED, WXT_GECKO_ID: id }).WXT_GECKO_ID).toBe(id);
  });

  test.for(['no-at-sign', 'a@b@c', 'space @example.com', 'a@', '{not-a-guid}', `${'x'.repeat(70)}@example.com`])(
    'refuses %j, naming WXT_GECKO_ID',
    (id) => {
      expect(() => parseExtensionEnv({ ...REQUIRED, WXT_GECKO_ID: id })).toThrow(/WXT_GECKO_ID/);
    },
  );

  test("defaults to the sandbox's ID when unset or empty", () => {
    expect(parseExtensionEnv(REQUIRED).WXT_GECKO_ID).toBe(DEFAULT_GECKO_ID);
    expect(parseExtensionEnv({ ...REQUIRED, WXT_GECKO_ID: '' }).WXT_GECKO_ID).toBe(DEFAULT_GECKO_ID);
  });
});

describe('redirect URIs and origins', () => {
  test("the sandbox's values have each engine's shape, and not the other's", () => {
    expect(SANDBOX_REDIRECT_URI).toMatch(REDIRECT_URI_SHAPE.chromium);
    expect(SANDBOX_REDIRECT_URI).not.toMatch(REDIRECT_URI_SHAPE.firefox);
    expect(SANDBOX_FIREFOX_REDIRECT_URI).toMatch(REDIRECT_URI_SHAPE.firefox);
    expect(SANDBOX_FIREFOX_REDIRECT_URI).not.toMatch(REDIRECT_URI_SHAPE.chromium);
    expect(SANDBOX_EXTENSION_ORIGIN).toMatch(EXTENSION_ORIGIN_SHAPE.chromium);
    expect(SANDBOX_FIREFOX_ORIGIN).toMatch(EXTENSION_ORIGIN_SHAPE.firefox);
    expect(SANDBOX_EXTENSION_ORIGIN).toBe(`chrome-extension://${SANDBOX_EXTENSION_ID}`);
  });
});

describe('launchWebAuthFlow failures', () => {
  test.for([
    ['The user did not approve access.', 'cancelled'],
    ['User cancelled or denied access.', 'cancelled_or_unreachable'],
    ['Authorization page could not be loaded.', 'page_failed'],
    ['Invalid request', 'page_failed'],
    ['Requires user interaction', 'other'],
    ['Identity API is disabled in incognito windows.', 'other'],
    ['user cancelled or denied access', 'other'],
    ['', 'other'],
  ])('%j means %s', ([message, failure]) => {
    expect(authFlowFailure(message ?? '')).toBe(failure);
  });
});

describe('storage.session access', () => {
  test('where the browser can open the area to content scripts (Chromium), it is set to trusted contexts only', async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    await keepSessionStorageTrusted({ setAccessLevel });
    expect(setAccessLevel).toHaveBeenCalledExactlyOnceWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  test('where it cannot (Firefox: never exposed to content scripts), nothing is called and nothing fails', async () => {
    await expect(keepSessionStorageTrusted({})).resolves.toBeUndefined();
  });

  test('a refusal is not swallowed', async () => {
    const setAccessLevel = vi.fn(async () => {
      throw new Error('refused');
    });
    await expect(keepSessionStorageTrusted({ setAccessLevel })).rejects.toThrow('refused');
  });
});
