/** The apps registered with the emulated WordPress.com (what the real one keeps in its applications manager). */
export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
  /** Shown on the consent page. */
  name: string;
  /** Compared exactly: a missing trailing slash does not match. */
  redirectUris: string[];
  /** Browser origins allowed to call the REST API with this app's tokens ("Javascript Origins"). */
  javascriptOrigins: string[];
  /**
   * What the app is registered for: `login` (`/oauth2/authenticate` only) or `api` (`/oauth2/authorize` only);
   * absent, both. WordPress.com says not to use one app for both and does not document what it does when one is;
   * the emulator refuses the other use of an app registered for one (`unauthorized_client`, RFC 6749's error for a
   * client not allowed this request), so that a build which mixes them fails here first (README).
   */
  use?: 'login' | 'api';
}

export function findClient(
  clients: readonly EmulatorClient[],
  clientId: string | undefined,
): EmulatorClient | undefined {
  if (clientId === undefined) return undefined;
  return clients.find((client) => client.clientId === clientId);
}
