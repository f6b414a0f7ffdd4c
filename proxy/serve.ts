/**
 * Runs the proxy app on Node's HTTP server.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createProxyApp } from './app';
import type { ProxyConfig } from './config';
import type { RequestLogger } from './request-log';

export interface RunningProxy {
  /** Base URL, e.g. `http://127.0.0.1:8787` (with the real port when 0 was asked for). */
  url: string;
  port: number;
  /** Stops listening, ends every open connection and resolves once the port is free. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function startProxy(config: ProxyConfig, options: { log?: RequestLogger } = {}): Promise<RunningProxy> {
  const app = createProxyApp(config, options.log ? { log: options.log } : {});
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({
        url: `http://${urlHost(config.host)}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    }) as Server;
    server.once('error', reject);
  });
}
