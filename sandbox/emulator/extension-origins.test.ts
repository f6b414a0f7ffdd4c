/**
 * The `extensionOriginsRefused` switch: WordPress.com does not say whether an app's Javascript Origins may list
 * an extension's origin. Off, the sandbox app's listed `chrome-extension://` and `moz-extension://` origins are
 * served like any other listed origin; on, they get the 403 origin refusal at the REST API and at token-info.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_FIREFOX_ORIGIN } from '../sandbox-config.ts';
import { emulatorControl } from './control-client.ts';
import { sha256Hex } from './random.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import {
  exchange,
  expectRestError,
  freshCode,
  freshToken,
  getMe,
  OTHER_CLIENT,
  REST_ERRORS,
  restGet,
  SANDBOX,
  SANDBOX_API,
  TEST_CLIENTS,
} from './test-support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof emulatorControl>;
let global: string;
let otherAppToken: string;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
  control = emulatorControl(emulator.url);
  global = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
  const redirectUri = OTHER_CLIENT.redirectUris[0] ?? '';
  const code = await freshCode(emulator, { clientId: OTHER_CLIENT.clientId, redirectUri });
  const answer = await exchange(emulator, code, {
    client_id: OTHER_CLIENT.clientId,
    client_secret: OTHER_CLIENT.clientSecret,
    redirect_uri: redirectUri,
  });
  otherAppToken = ((await answer.json()) as { access_token: string }).access_token;
});
afterAll(() => emulator.close());
beforeEach(() => control.setBehaviour({ extensionOriginsRefused: false }));

/** The sandbox app lists Chromium's: a Firefox installation's origin is random, and no publisher can list it. */
const EXTENSION_ORIGINS = SANDBOX.javascriptOrigins;

/** Asked as the API app, whose token `global` is. */
const tokenInfo = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${emulator.oauthUrl}/token-info?${new URLSearchParams({ client_id: SANDBOX_API.clientId, token })}`, {
    headers,
  });

describe('extensionOriginsRefused', () => {
  it('is off by default: a listed extension origin is served', async () => {
    expect(EXTENSION_ORIGINS).toEqual([expect.stringMatching(/^chrome-extension:\/\//)]);
    for (const origin of EXTENSION_ORIGINS) {
      expect((await getMe(emulator, global, { Origin: origin })).status, origin).toBe(200);
      expect((await restGet(emulator, 'me/sites', global, { Origin: origin })).status, origin).toBe(200);
      expect((await tokenInfo(global, { Origin: origin })).status, origin).toBe(200);
    }
  });

  it('on: REST and token-info refuse the extension origin although the app lists it', async () => {
    await control.setBehaviour({ extensionOriginsRefused: true });
    for (const origin of EXTENSION_ORIGINS) {
      await expectRestError(await getMe(emulator, global, { Origin: origin }), 403, REST_ERRORS.badOrigin);
      await expectRestError(
        await restGet(emulator, 'me/sites', global, { Origin: origin }),
        403,
        REST_ERRORS.badOrigin,
      );
      const info = await tokenInfo(global, { Origin: origin });
      expect(info.headers.get('cache-control')).toBe('no-store');
      await expectRestError(info, 403, REST_ERRORS.badOrigin);
    }
  });

  it('on: calls without an Origin (servers, the proxy) and from a listed web origin still pass; Gravatar is not WordPress.com', async () => {
    await control.setBehaviour({ extensionOriginsRefused: true });
    expect((await getMe(emulator, global)).status).toBe(200);
    expect((await tokenInfo(global)).status).toBe(200);
    const web = OTHER_CLIENT.javascriptOrigins[0] ?? '';
    expect((await getMe(emulator, otherAppToken, { Origin: web })).status).toBe(200);
    const gravatar = await fetch(`${emulator.gravatarUrl}/profiles/${await sha256Hex('alice@example.com')}`, {
      headers: { Origin: EXTENSION_ORIGINS[0] ?? '' },
    });
    expect(gravatar.status).toBe(200);
  });

  it('is turned off by reset', async () => {
    await control.setBehaviour({ extensionOriginsRefused: true });
    await control.reset();
    const token = await freshToken(emulator);
    expect((await getMe(emulator, token, { Origin: EXTENSION_ORIGINS[0] ?? '' })).status).toBe(200);
  });
});

describe('a Firefox installation’s origin', () => {
  it('is not one of the sandbox app’s origins: an All sites disconnect carrying it is refused, as on WordPress.com', async () => {
    expect(SANDBOX.javascriptOrigins.some((origin) => origin.startsWith('moz-extension:'))).toBe(false);
    const token = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
    const disconnect = await fetch(`${emulator.apiUrl}/v1.1/me/connected-applications/${SANDBOX_API.clientId}/delete`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Origin: SANDBOX_FIREFOX_ORIGIN },
    });
    await expectRestError(disconnect, 403, REST_ERRORS.badOrigin);
    // Nothing was ended: the token still works.
    expect((await getMe(emulator, token)).status).toBe(200);
  });
});
