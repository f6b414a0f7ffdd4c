import { describe, expect, it } from 'vitest';
import { USERS } from './emulator/index';
import { formatProxyRequest, formatStartSummary, type StartSummary } from './start-output';

/** The summary of a Chromium sandbox, with `changes`. */
const summaryOf = (changes: Partial<StartSummary> = {}) =>
  formatStartSummary({
    extensionId: 'abcdefghijklmnopabcdefghijklmnop',
    redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
    emulatorUrl: 'http://127.0.0.1:8790',
    proxyUrl: 'http://127.0.0.1:8787',
    popupUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
    extensionDir: '/home/me/wpcom-connect/.output/sandbox/chrome-mv3',
    headless: false,
    users: USERS,
    ...changes,
  });

describe('formatStartSummary', () => {
  const text = summaryOf();

  it('names every address a developer needs', () => {
    expect(text).toContain('Extension ID   abcdefghijklmnopabcdefghijklmnop');
    expect(text).toContain('Redirect URI   https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/');
    expect(text).toContain('Emulator       http://127.0.0.1:8790');
    expect(text).toContain('Token proxy    http://127.0.0.1:8787');
    expect(text).toContain('Popup          chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html');
    expect(text).toContain('Extension      /home/me/wpcom-connect/.output/sandbox/chrome-mv3');
    expect(text).toContain('Switches       POST http://127.0.0.1:8790/__sandbox/behaviour');
    // With a window to click in, no word about loading it elsewhere.
    expect(text).not.toContain('Headless');
  });

  it('headless, says how to try it by hand in a browser with a window, the ports to forward included', () => {
    const headless = summaryOf({ headless: true });
    expect(headless).toContain('Load unpacked');
    expect(headless).toContain('ssh -L 8790:127.0.0.1:8790 -L 8787:127.0.0.1:8787 <this machine>');
  });

  it('says which browser runs it, and for Firefox names the add-on ID', () => {
    expect(text).toContain('is running in Chromium.');
    const firefox = summaryOf({
      browser: 'firefox',
      extensionId: 'wpcom-connect@sandbox.invalid',
      redirectUri: 'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/',
      popupUrl: 'moz-extension://5b2c6a3e-8f0d-4c1e-9a7b-2d4e6f8a0c1e/popup.html',
      extensionDir: '/home/me/wpcom-connect/.output/sandbox/firefox-mv2',
      headless: true,
    });
    expect(firefox).toContain('is running in Firefox ESR (headless).');
    expect(firefox).toContain('Add-on ID      wpcom-connect@sandbox.invalid');
    expect(firefox).toContain('Popup          moz-extension://5b2c6a3e-8f0d-4c1e-9a7b-2d4e6f8a0c1e/popup.html');
    // Loaded by hand, Firefox would make another UUID, which the proxy's list does not hold: the pref that fixes it.
    expect(firefox).toContain(
      'extensions.webextensions.uuids in about:config to {"wpcom-connect@sandbox.invalid":"5b2c6a3e-8f0d-4c1e-9a7b-2d4e6f8a0c1e"}',
    );
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

  it('says so for a request Node refused unparsed', () => {
    expect(formatProxyRequest({ method: null, path: null, status: 431 })).toBe('proxy  (not parsed) 431');
  });
});
