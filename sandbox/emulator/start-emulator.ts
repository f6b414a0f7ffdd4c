/** Starts the emulator on a real loopback port (Node only). */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createEmulatorApp, DEFAULT_CODE_TTL_MS } from './app.ts';
import type { EmulatorClient } from './clients.ts';
import { withOutage } from './outage.ts';
import { SANDBOX_EMULATOR_CLIENTS } from './sandbox-client.ts';
import { EmulatorStore } from './store.ts';

export interface StartEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default: the sandbox client only. */
  clients?: readonly EmulatorClient[];
  /** Default 5 minutes. */
  codeTtlMs?: number;
  /**
   * Gravatar profile requests per client IP an hour (the `gravatarHourlyLimit` switch, which `reset` returns to
   * this). Default 100, Gravatar's own limit without an API key; null for none. Test suites that sign in over
   * and over from 127.0.0.1 raise it; the sandbox (`npm start`) keeps Gravatar's.
   */
  gravatarHourlyLimit?: number | null;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** `${url}/oauth2` */
  oauthUrl: string;
  /** `${url}/rest` */
  apiUrl: string;
  /** `${url}/gravatar/v3` */
  gravatarUrl: string;
  /** `${oauthUrl}/token` */
  tokenUrl: string;
  /** Stops listening and ends open connections, keep-alive ones included. */
  close(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  let url = '';
  const store = new EmulatorStore(
    options.codeTtlMs ?? DEFAULT_CODE_TTL_MS,
    Date.now,
    options.gravatarHourlyLimit === undefined ? {} : { gravatarHourlyLimit: options.gravatarHourlyLimit },
  );
  const app = createEmulatorApp({
    clients: options.clients ?? SANDBOX_EMULATOR_CLIENTS,
    publicUrl: () => url,
    store,
    clientIp: (c) => getConnInfo(c).remote.address,
  });
  // The Node listener is wrapped so the `outage` switch can drop connections without answering.
  const server = createServer(withOutage(store, getRequestListener(app.fetch, { hostname: host })));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The emulator is not listening on a TCP port');
  const port = address.port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const oauthUrl = `${url}/oauth2`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url,
    port,
    oauthUrl,
    apiUrl: `${url}/rest`,
    gravatarUrl: `${url}/gravatar/v3`,
    tokenUrl: `${oauthUrl}/token`,
    close,
  };
}
