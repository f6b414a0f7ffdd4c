/**
 * Starts the real emulator and the real proxy on free loopback ports, and the fault relay in front of
 * the proxy; builds the extension against the emulator and the relay (which passes everything through
 * until a test switches it), with a short request deadline; and hands their addresses to the tests.
 * Proxy log lines go to a file the tests can scan.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../../sandbox/build-extension';
import { startFaultRelay } from '../../sandbox/fault-relay';
import { startSandboxServers } from '../../sandbox/start-servers';

export interface E2eServices {
  emulatorUrl: string;
  /** The real token proxy. */
  proxyUrl: string;
  /** The fault relay in front of it: the extension's `WXT_TOKEN_PROXY_URL` is `${relayUrl}/token`. */
  relayUrl: string;
  /** The relay's control port (`faultRelayControl`). */
  relayControlUrl: string;
  /** The extension's `WXT_REQUEST_TIMEOUT_MS`. */
  requestTimeoutMs: number;
  extensionDir: string;
  proxyLogFile: string;
}

/** Short enough for the "proxy too slow" test, long enough for loopback requests on a busy machine. */
const REQUEST_TIMEOUT_MS = 4000;

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eServices;
  }
}

export interface SetupOptions {
  /** The emulator's port; 0 (the default) takes a free one. The screenshots pin it, since it shows in the console. */
  emulatorPort?: number;
}

export default async function setup(project: TestProject, options: SetupOptions = {}) {
  const outBase = '.output/e2e';
  mkdirSync(outBase, { recursive: true });
  const proxyLogFile = resolve(outBase, 'proxy-log.jsonl');
  writeFileSync(proxyLogFile, '');

  const servers = await startSandboxServers({
    emulatorPort: options.emulatorPort ?? 0,
    proxyPort: 0,
    // Every test signs in from the same address: keep the per-IP limit out of the way.
    rateLimitPerMinute: 1000,
    log: (entry) => appendFileSync(proxyLogFile, `${JSON.stringify(entry)}\n`),
  });
  const { emulator, proxy } = servers;
  const relay = await startFaultRelay({ target: proxy.url }).catch(async (error) => {
    await servers.close();
    throw error;
  });
  const closeAll = async () => {
    const results = await Promise.allSettled([relay.close(), servers.close()]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    const extensionDir = await buildExtension(
      {
        oauthUrl: emulator.oauthUrl,
        apiUrl: emulator.apiUrl,
        gravatarUrl: emulator.gravatarUrl,
        proxyTokenUrl: `${relay.url}/token`,
      },
      outBase,
      { requestTimeoutMs: REQUEST_TIMEOUT_MS },
    );
    project.provide('e2e', {
      emulatorUrl: emulator.url,
      proxyUrl: proxy.url,
      relayUrl: relay.url,
      relayControlUrl: relay.controlUrl,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      extensionDir,
      proxyLogFile,
    });
  } catch (error) {
    await closeAll();
    throw error;
  }
  return closeAll;
}
