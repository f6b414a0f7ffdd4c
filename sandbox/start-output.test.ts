import { describe, expect, it } from 'vitest';
import { USERS } from './emulator/index';
import { formatProxyRequest, formatStartSummary } from './start-output';

describe('formatStartSummary', () => {
  const text = formatStartSummary({
    extensionId: 'abcdefghijklmnopabcdefghijklmnop',
    redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
    emulatorUrl: 'http://127.0.0.1:8790',
    proxyUrl: 'http://127.0.0.1:8787',
    popupUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
    headless: false,
    users: USERS,
  });

  it('names every address a developer needs', () => {
    expect(text).toContain('Extension ID   abcdefghijklmnopabcdefghijklmnop');
    expect(text).toContain('Redirect URI   https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/');
    expect(text).toContain('Emulator       http://127.0.0.1:8790');
    expect(text).toContain('Token proxy    http://127.0.0.1:8787');
    expect(text).toContain('Popup          chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html');
  });

  it('lists alice as verified and bob as not verified, and says how to stop', () => {
    expect(text).toMatch(/alice .*, email verified$/m);
    expect(text).toMatch(/bob .*, email not verified$/m);
    expect(text).toContain('Press Ctrl-C to stop.');
  });
});

describe('formatProxyRequest', () => {
  it('prints method, path and status, without a query string', () => {
    expect(formatProxyRequest({ method: 'POST', path: '/token?code=abc', status: 200 })).toBe('proxy  POST /token 200');
  });
});
