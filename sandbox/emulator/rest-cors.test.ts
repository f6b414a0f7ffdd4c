/**
 * CORS on /rest/: preflights and error answers carry CORS headers only for origins a registered app lists
 * (its "Javascript Origins"), and error answers let such a page read `Retry-After`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import {
  expectRestError,
  freshToken,
  OTHER_CLIENT,
  REST_ERRORS,
  restGet,
  SANDBOX,
  TEST_CLIENTS,
} from './test-support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof emulatorControl>;
let global: string;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
  control = emulatorControl(emulator.url);
  global = await freshToken(emulator, { endpoint: 'authorize', scope: 'global' });
});
afterAll(() => emulator.close());
beforeEach(() => control.setBehaviour({ restRateLimit: null }));

/** The extension's own origin as the sandbox app lists it (Chromium's: a Firefox installation's is random, unlisted). */
const EXTENSION_ORIGINS = SANDBOX.javascriptOrigins;
const EVIL = 'https://evil.example';

function preflight(origin: string | null): Promise<Response> {
  return fetch(`${emulator.apiUrl}/v1.1/me/sites`, {
    method: 'OPTIONS',
    headers: {
      ...(origin === null ? {} : { Origin: origin }),
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    },
  });
}

function corsOf(response: Response) {
  const header = (name: string) => response.headers.get(name);
  return {
    allowOrigin: header('access-control-allow-origin'),
    allowMethods: header('access-control-allow-methods'),
    allowHeaders: header('access-control-allow-headers'),
    exposeHeaders: header('access-control-expose-headers'),
    vary: header('vary'),
  };
}

describe('preflights', () => {
  it('answer the extension’s origins, and another registered app’s', async () => {
    expect(EXTENSION_ORIGINS).toEqual([expect.stringMatching(/^chrome-extension:\/\/[a-p]{32}$/)]);
    for (const origin of [...EXTENSION_ORIGINS, ...OTHER_CLIENT.javascriptOrigins]) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(corsOf(response), origin).toMatchObject({
        allowOrigin: origin,
        allowMethods: 'GET, POST',
        allowHeaders: 'Authorization, Content-Type',
        vary: 'Origin',
      });
    }
  });

  it('carry no CORS headers for an origin no app lists, or without an Origin', async () => {
    for (const origin of [EVIL, `${EXTENSION_ORIGINS[0]}.evil.example`, 'null', null]) {
      const cors = corsOf(await preflight(origin));
      expect([cors.allowOrigin, cors.allowMethods, cors.allowHeaders], String(origin)).toEqual([null, null, null]);
    }
  });
});

describe('error answers', () => {
  it('let a listed origin read them and their Retry-After', async () => {
    for (const origin of EXTENSION_ORIGINS) {
      const refusals: [Response, number, object][] = [
        [await restGet(emulator, 'me/sites', null, { Origin: origin }), 403, REST_ERRORS.noActiveToken],
        [await restGet(emulator, 'no/such/thing', global, { Origin: origin }), 404, REST_ERRORS.unknownEndpoint],
        [await restGet(emulator, 'sites/999999', global, { Origin: origin }), 404, REST_ERRORS.unknownBlog],
        [await restGet(emulator, 'sites/5002', global, { Origin: origin }), 403, REST_ERRORS.cannotAccessBlog],
      ];
      for (const [response, status, body] of refusals) {
        expect(corsOf(response), `${origin} ${status}`).toMatchObject({ allowOrigin: origin, vary: 'Origin' });
        expect(response.headers.get('access-control-expose-headers')).toMatch(/\bRetry-After\b/i);
        await expectRestError(response, status, body);
      }
    }
    await control.setBehaviour({ restRateLimit: 30 });
    const limited = await restGet(emulator, 'me/sites', global, { Origin: EXTENSION_ORIGINS[0] ?? '' });
    expect(limited.status).toBe(429);
    expect(corsOf(limited)).toMatchObject({ allowOrigin: EXTENSION_ORIGINS[0], exposeHeaders: 'Retry-After' });
    expect(limited.headers.get('retry-after')).toBe('30');
  });

  it('carry no CORS headers for an origin no app lists', async () => {
    const refused = await restGet(emulator, 'me/sites', global, { Origin: EVIL });
    expect(corsOf(refused).allowOrigin).toBeNull();
    await expectRestError(refused, 403, REST_ERRORS.badOrigin);
    await control.setBehaviour({ restRateLimit: 30 });
    const limited = await restGet(emulator, 'me/sites', global, { Origin: EVIL });
    expect([limited.status, corsOf(limited).allowOrigin, corsOf(limited).exposeHeaders]).toEqual([429, null, null]);
  });
});

describe('the extension’s own calls', () => {
  it('still pass from both browsers, readable', async () => {
    for (const origin of EXTENSION_ORIGINS) {
      const response = await restGet(emulator, 'me/sites', global, { Origin: origin });
      expect(response.status, origin).toBe(200);
      expect(corsOf(response)).toMatchObject({ allowOrigin: origin, vary: 'Origin' });
    }
  });
});
