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
}

export function findClient(
  clients: readonly EmulatorClient[],
  clientId: string | undefined,
): EmulatorClient | undefined {
  if (clientId === undefined) return undefined;
  return clients.find((client) => client.clientId === clientId);
}
