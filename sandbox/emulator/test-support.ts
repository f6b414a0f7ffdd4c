/** Shared pieces of the emulator's own tests: another publisher's app, and the steps from consent to a token. */
import { expect } from 'vitest';
import type { EmulatorClient } from './clients.ts';
import { type ConsentParams, obtainCode } from './drive-consent.ts';
import { SANDBOX_API_APP, SANDBOX_LOGIN_APP } from './sandbox-client.ts';
import type { RunningEmulator } from './start-emulator.ts';

/** The sandbox's login app (`/oauth2/authenticate`). */
export const SANDBOX = SANDBOX_LOGIN_APP;
/** The sandbox's API app (`/oauth2/authorize`). */
export const SANDBOX_API = SANDBOX_API_APP;

/** The sandbox's app for an endpoint, as the extension picks it. */
export const sandboxAppFor = (endpoint: ConsentParams['endpoint']): EmulatorClient =>
  endpoint === 'authorize' ? SANDBOX_API : SANDBOX;

export const OTHER_CLIENT: EmulatorClient = {
  clientId: '99001',
  clientSecret: 'other-client-secret',
  name: 'Other Test App',
  redirectUris: ['https://other.example/callback'],
  javascriptOrigins: ['https://other.example'],
};

export const TEST_CLIENTS = [SANDBOX, SANDBOX_API, OTHER_CLIENT];

/** Which sandbox app each code from `freshCode` was issued to, so that `exchange` redeems it with that app. */
const appOfCode = new Map<string, EmulatorClient>();

export function tokenForm(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  };
}

/** A fresh code for the sandbox's app for the endpoint (or another app), by driving the consent page. */
export async function freshCode(emulator: RunningEmulator, params: Partial<ConsentParams> = {}): Promise<string> {
  const app = sandboxAppFor(params.endpoint);
  const { code } = await obtainCode(emulator.oauthUrl, {
    clientId: app.clientId,
    redirectUri: app.redirectUris[0] ?? '',
    ...params,
  });
  if (!code) throw new Error('The emulator gave no code');
  const issuedTo = [SANDBOX, SANDBOX_API].find(
    (sandboxApp) => sandboxApp.clientId === (params.clientId ?? app.clientId),
  );
  if (issuedTo) appOfCode.set(code, issuedTo);
  return code;
}

/** An app's credentials, as `exchange` overrides: for a code that did not come from `freshCode`. */
export const credentialsOf = (app: EmulatorClient) => ({ client_id: app.clientId, client_secret: app.clientSecret });

/** Redeems a code with the sandbox app it was issued to (the login app for any other code), or `overrides`. */
export function exchange(emulator: RunningEmulator, code: string, overrides: Record<string, string> = {}) {
  const app = appOfCode.get(code) ?? SANDBOX;
  return fetch(
    emulator.tokenUrl,
    tokenForm({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: app.redirectUris[0] ?? '',
      ...overrides,
    }),
  );
}

/** Consent, then exchange: an access token for the sandbox client. */
export async function freshToken(emulator: RunningEmulator, params: Partial<ConsentParams> = {}): Promise<string> {
  const response = await exchange(emulator, await freshCode(emulator, params));
  const body = (await response.json()) as { access_token?: unknown };
  if (typeof body.access_token !== 'string') throw new Error(`No token: HTTP ${response.status}`);
  return body.access_token;
}

export function getMe(emulator: RunningEmulator, token: string | null, headers: Record<string, string> = {}) {
  return fetch(`${emulator.apiUrl}/v1.1/me`, {
    headers: token === null ? headers : { Authorization: `Bearer ${token}`, ...headers },
  });
}

export function authorizeUrl(emulator: RunningEmulator, endpoint: string, params: Record<string, string>): string {
  const url = new URL(`${emulator.oauthUrl}/${endpoint}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** `GET /rest/v1.1/{path}` with the token (none when null). */
export function restGet(
  emulator: RunningEmulator,
  path: string,
  token: string | null,
  headers: Record<string, string> = {},
) {
  return fetch(`${emulator.apiUrl}/v1.1/${path}`, {
    headers: token === null ? headers : { Authorization: `Bearer ${token}`, ...headers },
  });
}

/** Asserts a JSON error answer exactly. */
export async function expectRestError(response: Response, status: number, body: object): Promise<void> {
  expect({ status: response.status, body: await response.json() }).toEqual({ status, body });
}

export const REST_ERRORS = {
  noActiveToken: {
    error: 'authorization_required',
    message: 'An active access token must be used to query information about the current user.',
  },
  scopeTooNarrow: { error: 'authorization_required', message: 'Access token does not have the required scope' },
  cannotAccessBlog: { error: 'unauthorized', message: 'User cannot access this blog' },
  unknownBlog: { error: 'unknown_blog', message: 'Unknown blog' },
  unknownEndpoint: { error: 'unknown_endpoint', message: 'Endpoint does not exist' },
  badToken: { error: 'invalid_token', message: 'The OAuth2 token is invalid.' },
  badOrigin: { error: 'unauthorized', message: 'You cannot make requests from this origin.' },
} as const;
