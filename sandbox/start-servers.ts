/**
 * Starts the emulator, then the token proxy configured against it, on the sandbox ports. A taken
 * port becomes a `PortInUseError` naming it, and whatever had started is stopped again.
 */
import { parseProxyConfig } from '../proxy/config';
import type { RequestLogger } from '../proxy/request-log';
import { type RunningProxy, startProxy } from '../proxy/serve';
import { type RunningEmulator, startEmulator } from './emulator/index';
import { SANDBOX_EMULATOR_PORT, SANDBOX_HOST, SANDBOX_PROXY_PORT } from './sandbox-config';
import { sandboxProxyEnv } from './sandbox-proxy';

/** A sandbox server could not listen because something else already does. */
export class PortInUseError extends Error {
  readonly code = 'port_in_use';

  constructor(
    readonly server: 'emulator' | 'proxy',
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Port ${port} (the ${server === 'emulator' ? 'WordPress.com emulator' : 'token proxy'}) is already in use.\n` +
        `Stop whatever listens there (another npm start, npm run ${server}, or see: lsof -i :${port}) and try again.`,
      options,
    );
    this.name = 'PortInUseError';
  }
}

function isAddressInUse(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
  }
  return false;
}

async function listening<T>(server: 'emulator' | 'proxy', port: number, start: Promise<T>): Promise<T> {
  try {
    return await start;
  } catch (error) {
    throw isAddressInUse(error) ? new PortInUseError(server, port, { cause: error }) : error;
  }
}

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
