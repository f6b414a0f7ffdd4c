/** The store-zip gate (`zip:start` in wxt.config.ts), per browser: what each store refuses or keeps for ever. */
import { expect, test } from 'vitest';
import { DEFAULT_GECKO_ID } from '../utils/browser-differences';
import { releaseProblems } from './release';

const RELEASE = {
  WXT_WPCOM_CLIENT_ID: '84620',
  WXT_WPCOM_API_CLIENT_ID: '84621',
  WXT_TOKEN_PROXY_URL: 'https://proxy.example/token',
};

test('Chrome: no manifest key; a gecko ID is none of its business', () => {
  expect(releaseProblems(RELEASE, 'chromium')).toEqual([]);
  expect(releaseProblems({ ...RELEASE, WXT_EXTENSION_KEY: 'QUJD' }, 'chromium')).toEqual([
    expect.stringContaining('WXT_EXTENSION_KEY is set'),
  ]);
});

test("Firefox: the publisher's own gecko ID, never none or the sandbox's; a Chrome key set for local builds is no problem", () => {
  expect(releaseProblems(RELEASE, 'firefox')).toEqual([expect.stringContaining('WXT_GECKO_ID is unset')]);
  expect(releaseProblems({ ...RELEASE, WXT_GECKO_ID: DEFAULT_GECKO_ID }, 'firefox')).toHaveLength(1);
  expect(
    releaseProblems({ ...RELEASE, WXT_GECKO_ID: 'connect@example.com', WXT_EXTENSION_KEY: 'QUJD' }, 'firefox'),
  ).toEqual([]);
});

test.each([
  'WXT_WPCOM_OAUTH_URL',
  'WXT_WPCOM_API_URL',
  'WXT_GRAVATAR_API_URL',
  'WXT_TOKEN_PROXY_URL',
  'WXT_WPCOM_CONNECTED_APPS_URL',
])('both: every address https, %s too', (name) => {
  const http = { ...RELEASE, WXT_GECKO_ID: 'connect@example.com', [name]: 'http://127.0.0.1:8790/x' };
  for (const family of ['chromium', 'firefox'] as const) {
    expect(releaseProblems(http, family)).toEqual([expect.stringContaining(`${name} must be an https:// URL`)]);
  }
});
