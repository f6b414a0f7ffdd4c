/**
 * Starts the real emulator and the real proxy on free loopback ports, builds the extension against
 * them, and hands their addresses to the tests. Proxy log lines go to a file the tests can scan.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseProxyConfig } from '../../proxy/config';
import { startProxy } from '../../proxy/serve';
import { buildExtension } from '../../sandbox/build-extension';
import { startEmulator } from '../../sandbox/emulator/index';
import {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_REDIRECT_URI,
} from '../../sandbox/sandbox-config';

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

  const emulator = await startEmulator({ port: 0 });
  const proxy = await startProxy(
    parseProxyConfig({
      WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
      WPCOM_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      WPCOM_TOKEN_URL: emulator.tokenUrl,
      PROXY_ALLOWED_REDIRECT_URIS: SANDBOX_REDIRECT_URI,
      PROXY_ALLOWED_ORIGINS: SANDBOX_EXTENSION_ORIGIN,
      HOST: '127.0.0.1',
      PORT: '0',
    }),
    { log: (entry) => appendFileSync(proxyLogFile, `${JSON.stringify(entry)}\n`) },
  );
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
    await Promise.all([proxy.close(), emulator.close()]);
    throw error;
  }
  return async () => {
    await Promise.all([proxy.close(), emulator.close()]);
  };
}
