/** The proxy set up for the sandbox app registration, and real codes for it: shared by the launcher, tests and bench. */
import { obtainCode } from './emulator/drive-consent';
import {
  SANDBOX_API_CLIENT_ID,
  SANDBOX_API_CLIENT_SECRET,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_FIREFOX_ORIGIN,
  SANDBOX_FIREFOX_REDIRECT_URI,
  SANDBOX_REDIRECT_URI,
} from './sandbox-config';

/**
 * The proxy's environment for the sandbox's two apps against an emulator's token endpoint (any free loopback port):
 * the Chromium build's and the Firefox build's redirect URIs and origins, each listed exactly.
 */
export function sandboxProxyEnv(tokenUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
    WPCOM_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
    WPCOM_API_CLIENT_ID: SANDBOX_API_CLIENT_ID,
    WPCOM_API_CLIENT_SECRET: SANDBOX_API_CLIENT_SECRET,
    WPCOM_TOKEN_URL: tokenUrl,
    PROXY_ALLOWED_REDIRECT_URIS: `${SANDBOX_REDIRECT_URI},${SANDBOX_FIREFOX_REDIRECT_URI}`,
    PROXY_ALLOWED_ORIGINS: `${SANDBOX_EXTENSION_ORIGIN},${SANDBOX_FIREFOX_ORIGIN}`,
    HOST: '127.0.0.1',
    PORT: '0',
    ...overrides,
  };
}

/**
 * A real single-use code for the sandbox client, through the emulator's consent form (Alice approves), bound
 * to the Chromium build's redirect URI unless told otherwise.
 */
export async function sandboxCode(oauthUrl: string, redirectUri = SANDBOX_REDIRECT_URI): Promise<string> {
  const { code } = await obtainCode(oauthUrl, { clientId: SANDBOX_CLIENT_ID, redirectUri });
  if (!code) throw new Error('the emulator gave no code');
  return code;
}
