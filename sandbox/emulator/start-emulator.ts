/** Starts the emulator on a real loopback port (Node only). */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createEmulatorApp, DEFAULT_CODE_TTL_MS } from './app.ts';
import type { EmulatorClient } from './clients.ts';
import { SANDBOX_EMULATOR_CLIENT } from './sandbox-client.ts';

export interface StartEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default: the sandbox client only. */
  clients?: EmulatorClient[];
  /** Default 5 minutes. */
  codeTtlMs?: number;
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
  const app = createEmulatorApp({
    clients: options.clients ?? [SANDBOX_EMULATOR_CLIENT],
    codeTtlMs: options.codeTtlMs ?? DEFAULT_CODE_TTL_MS,
    publicUrl: () => url,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, () =>
      resolve(started as Server),
    ) as Server;
    started.once('error', reject);
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
