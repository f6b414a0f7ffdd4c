/**
 * What both end-to-end suites (Chromium and Firefox) run against: the real emulator and the real proxy on free
 * loopback ports, the fault relay in front of the proxy (passing everything through until a test switches
 * it), and the extension built for one browser against the emulator and the relay, with a short request
 * deadline. Proxy log lines go to a file the tests can scan.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildExtension } from '../../sandbox/build-extension';
import { ensureBrowser } from '../../sandbox/ensure-browser';
import { startFaultRelay } from '../../sandbox/fault-relay';
import { startSandboxServers } from '../../sandbox/start-servers';
import type { BrowserFamily } from '../../utils/browser-differences';

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
const REQUEST_TIMEOUT_MS = 8000;

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eServices;
  }
}

export interface E2eServiceOptions {
  /** The emulator's port; 0 (the default) takes a free one. The screenshots pin it, since it shows in the console. */
  emulatorPort?: number;
}

/** Starts everything and builds the extension into `<outBase>/<browser>-mv3`; `close` stops what was started. */
export async function startE2eServices(
  browser: BrowserFamily,
  outBase: string,
  options: E2eServiceOptions = {},
): Promise<{ services: E2eServices; close(): Promise<void> }> {
  // As `npm start` does: a fresh Debian machine run as root gets the browser installed; anywhere else a missing
  // browser stops the suite here, with what to install, before anything starts.
  await ensureBrowser(browser, { log: (line) => console.log(line), rerun: 'npm test' });
  mkdirSync(outBase, { recursive: true });
  const proxyLogFile = resolve(outBase, 'proxy-log.jsonl');
  writeFileSync(proxyLogFile, '');

  const servers = await startSandboxServers({
    emulatorPort: options.emulatorPort ?? 0,
    proxyPort: 0,
    // Every test signs in from the same address: keep the per-IP limits (the proxy's, Gravatar's) out of the way.
    rateLimitPerMinute: 1000,
    gravatarHourlyLimit: null,
    log: (entry) => appendFileSync(proxyLogFile, `${JSON.stringify(entry)}\n`),
  });
  const { emulator, proxy } = servers;
  const relay = await startFaultRelay({ target: proxy.url }).catch(async (error) => {
    await servers.close();
    throw error;
  });
  const close = async () => {
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
      { requestTimeoutMs: REQUEST_TIMEOUT_MS, browser },
    );
    const services: E2eServices = {
      emulatorUrl: emulator.url,
      proxyUrl: proxy.url,
      relayUrl: relay.url,
      relayControlUrl: relay.controlUrl,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      extensionDir,
      proxyLogFile,
    };
    return { services, close };
  } catch (error) {
    await close();
    throw error;
  }
}
