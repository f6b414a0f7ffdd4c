/**
 * Real connections for the background's unit tests: a token from the emulator's consent page and token
 * endpoint (no proxy needed), read the way the extension reads it, with its `/me` profile, stored.
 */
import { vi } from 'vitest';
import type { ConsentParams } from '../../sandbox/emulator/drive-consent';
import type { RunningEmulator } from '../../sandbox/emulator/start-emulator';
import { exchange, freshCode, SANDBOX, SANDBOX_API, sandboxAppFor } from '../../sandbox/emulator/test-support';
import { type Connection, connectionFromTokenResponse, tokenResponseSchema } from '../connection';
import { addConnection } from '../connection-list';
import { updateConnectionStore } from '../connection-store';
import { fetchProfile } from '../profile-refresh';

/** Points the extension's configuration at this emulator (the proxy is not used by these tests). */
export function useEmulator(emulator: RunningEmulator): void {
  vi.stubEnv('WXT_WPCOM_CLIENT_ID', SANDBOX.clientId);
  vi.stubEnv('WXT_WPCOM_API_CLIENT_ID', SANDBOX_API.clientId);
  vi.stubEnv('WXT_WPCOM_OAUTH_URL', emulator.oauthUrl);
  vi.stubEnv('WXT_WPCOM_API_URL', emulator.apiUrl);
  vi.stubEnv('WXT_GRAVATAR_API_URL', emulator.gravatarUrl);
  vi.stubEnv('WXT_TOKEN_PROXY_URL', 'http://127.0.0.1:1/token');
}

/**
 * Consent (as `params` say: login by default), code exchange, `/me`, stored and made active. `exchangeAs`
 * exchanges the code as another app (its client ID, secret and redirect URI must be in `params` too).
 */
export async function connect(
  emulator: RunningEmulator,
  params: Partial<ConsentParams> = {},
  exchangeAs: Record<string, string> = {},
): Promise<Connection> {
  const response = await exchange(emulator, await freshCode(emulator, params), exchangeAs);
  const issued = {
    ...connectionFromTokenResponse(tokenResponseSchema.parse(await response.json()), Date.now()),
    // The app the code was issued to, as a sign-in stores it.
    clientId: exchangeAs.client_id ?? sandboxAppFor(params.endpoint).clientId,
  };
  const connection = { ...issued, profile: await fetchProfile(issued) };
  await updateConnectionStore((store) => addConnection(store, connection));
  return connection;
}

export const LOGIN: Partial<ConsentParams> = {};
export const GLOBAL: Partial<ConsentParams> = { endpoint: 'authorize', scope: 'global' };
/** alicewrites.wordpress.com (5001), narrowed to posts and media. */
export const SITE_NARROWED: Partial<ConsentParams> = { endpoint: 'authorize', scope: 'posts media', blog: '5001' };
/** alicecooks.wordpress.com (5003), the whole site. */
export const SITE_WHOLE: Partial<ConsentParams> = { endpoint: 'authorize', blog: '5003' };
