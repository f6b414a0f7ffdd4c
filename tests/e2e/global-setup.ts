/**
 * Starts the real emulator and the real proxy on free loopback ports, builds the extension against
 * them, and hands their addresses to the tests. Proxy log lines go to a file the tests can scan.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../../sandbox/build-extension';
import { startSandboxServers } from '../../sandbox/start-servers';

export interface E2eServices {
  emulatorUrl: string;
  proxyUrl: string;
  extensionDir: string;
  proxyLogFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eServices;
  }
}

export default async function setup(project: TestProject) {
  const outBase = '.output/e2e';
  mkdirSync(outBase, { recursive: true });
  const proxyLogFile = resolve(outBase, 'proxy-log.jsonl');
  writeFileSync(proxyLogFile, '');

  const servers = await startSandboxServers({
    emulatorPort: 0,
    proxyPort: 0,
    // Every test signs in from the same address: keep the per-IP limit out of the way.
    rateLimitPerMinute: 1000,
    log: (entry) => appendFileSync(proxyLogFile, `${JSON.stringify(entry)}\n`),
  });
  const { emulator, proxy } = servers;
  try {
    const extensionDir = await buildExtension(
      {
        oauthUrl: emulator.oauthUrl,
        apiUrl: emulator.apiUrl,
        gravatarUrl: emulator.gravatarUrl,
        proxyTokenUrl: `${proxy.url}/token`,
      },
      outBase,
    );
    project.provide('e2e', { emulatorUrl: emulator.url, proxyUrl: proxy.url, extensionDir, proxyLogFile });
  } catch (error) {
    await servers.close();
    throw error;
  }
  return () => servers.close();
}
