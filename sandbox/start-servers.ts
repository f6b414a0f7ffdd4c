/**
 * Starts the emulator, then the token proxy configured against it, on the sandbox ports. A taken
 * port becomes a `PortInUseError` naming it, and whatever had started is stopped again.
 */
import { parseProxyConfig } from '../proxy/config';
import type { RequestLogger } from '../proxy/request-log';
import { type RunningProxy, startProxy } from '../proxy/serve';
import { type RunningEmulator, startEmulator } from './emulator/index';
import { listening } from './port-in-use';
import { SANDBOX_EMULATOR_PORT, SANDBOX_HOST, SANDBOX_PROXY_PORT } from './sandbox-config';
import { sandboxProxyEnv } from './sandbox-proxy';

export { PortInUseError } from './port-in-use';

export interface SandboxServers {
  emulator: RunningEmulator;
  proxy: RunningProxy;
  /** Stops both; rejects with the first failure once both have been tried. */
  close(): Promise<void>;
}

export interface StartServersOptions {
  host?: string;
  emulatorPort?: number;
  proxyPort?: number;
  log?: RequestLogger;
  /** The proxy's per-IP limit; the sandbox keeps the production default unless told otherwise. */
  rateLimitPerMinute?: number;
  /**
   * The emulator's Gravatar limit per IP an hour (null: none); the sandbox keeps Gravatar's own 100 unless told
   * otherwise, so a person trying it meets the real limit.
   */
  gravatarHourlyLimit?: number | null;
}

export async function startSandboxServers(options: StartServersOptions = {}): Promise<SandboxServers> {
  const host = options.host ?? SANDBOX_HOST;
  const emulatorPort = options.emulatorPort ?? SANDBOX_EMULATOR_PORT;
  const proxyPort = options.proxyPort ?? SANDBOX_PROXY_PORT;

  const emulator = await listening(
    'emulator',
    emulatorPort,
    startEmulator({
      host,
      port: emulatorPort,
      ...(options.gravatarHourlyLimit === undefined ? {} : { gravatarHourlyLimit: options.gravatarHourlyLimit }),
    }),
  );
  let proxy: RunningProxy;
  try {
    const config = parseProxyConfig(
      sandboxProxyEnv(emulator.tokenUrl, {
        HOST: host,
        PORT: String(proxyPort),
        ...(options.rateLimitPerMinute === undefined
          ? {}
          : { PROXY_RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute) }),
      }),
    );
    proxy = await listening('proxy', proxyPort, startProxy(config, options.log ? { log: options.log } : {}));
  } catch (error) {
    await emulator.close();
    throw error;
  }

  return {
    emulator,
    proxy,
    async close() {
      const results = await Promise.allSettled([proxy.close(), emulator.close()]);
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
