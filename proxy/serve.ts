/**
 * Runs the proxy app on Node's HTTP server, with the socket's address as the client IP and a close
 * that lets in-flight requests finish.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createProxyApp, type ProxyAppOptions } from './app';
import type { ProxyConfig } from './config';
import { answerRefusedRequests } from './node-refused';
import { nodeUpstreamPost } from './node-upstream-post';

export interface RunningProxy {
  /** Base URL, e.g. `http://127.0.0.1:8787` (with the real port when 0 was asked for). */
  url: string;
  port: number;
  /**
   * Stops accepting connections at once, lets requests already in progress finish for up to
   * `graceMs` (default 0), then ends every connection still open; resolves once all are closed.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * How long a client may take to send its request. Node's defaults (60 s for the headers, 300 s for the
 * whole request, checked every 30 s) let a few slow clients (slowloris) hold sockets for minutes; a
 * `/token` request is one small JSON body, so it gets seconds.
 */
export interface SlowClientLimits {
  /** The request line and headers must arrive within this (answered 408, then closed). */
  headersMs: number;
  /** The whole request, body included. */
  requestMs: number;
  /** How often Node looks for connections past those limits. */
  checkEveryMs: number;
}

export const SLOW_CLIENT_LIMITS: SlowClientLimits = { headersMs: 10_000, requestMs: 15_000, checkEveryMs: 1_000 };

export interface StartProxyOptions extends Omit<ProxyAppOptions, 'clientIp'> {
  /** Tests shorten these; `npm run proxy` uses `SLOW_CLIENT_LIMITS`. */
  slowClientLimits?: SlowClientLimits;
}

const IDLE_SWEEP_MS = 50;

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function startProxy(config: ProxyConfig, options: StartProxyOptions = {}): Promise<RunningProxy> {
  let closing = false;
  const { slowClientLimits: limits = SLOW_CLIENT_LIMITS, ...appOptions } = options;
  const app = createProxyApp(config, {
    upstream: nodeUpstreamPost,
    ...appOptions,
    clientIp: (c) => getConnInfo(c).remote.address,
  });
  /**
   * `Connection: close` on an answer after which the connection should end, and Node ends it: every answer once closing
   * has begun (a keep-alive connection must not wait for another request), those of requests already in progress
   * included; and a 413, whose unread body Node would otherwise read and throw away for up to the request's limit.
   */
  const closeAfter = (response: Response): Response => {
    if (closing || response.status === 413) response.headers.set('Connection', 'close');
    return response;
  };
  const fetchCallback: typeof app.fetch = (...args) => {
    const answered = app.fetch(...args);
    return answered instanceof Promise ? answered.then(closeAfter) : closeAfter(answered);
  };

  return new Promise((resolve, reject) => {
    const serverOptions = {
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      connectionsCheckingInterval: limits.checkEveryMs,
    };
    const listening = { fetch: fetchCallback, hostname: config.host, port: config.port, serverOptions };
    const server = serve(listening, (info: AddressInfo) => {
      server.off('error', reject);
      let closed: Promise<void> | undefined;
      resolve({
        url: `http://${urlHost(config.host)}:${info.port}`,
        port: info.port,
        close(graceMs = 0) {
          closing = true;
          closed ??= new Promise<void>((done, fail) => {
            // Keep-alive connections with no request in progress would hold close() open; one whose
            // response was already on its way when closing began only becomes idle later: sweep again.
            const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
            // close() stops listening at once and calls back once every connection has ended.
            server.close((error) => {
              clearInterval(sweep);
              if (error) fail(error);
              else done();
            });
            server.closeIdleConnections();
          });
          // Calling again with a shorter grace (a second signal) cuts the wait short.
          const forceClose = setTimeout(() => server.closeAllConnections(), graceMs);
          const cancel = () => clearTimeout(forceClose);
          closed.then(cancel, cancel);
          return closed;
        },
      });
    }) as Server;
    server.once('error', reject);
    if (appOptions.log) {
      answerRefusedRequests(server, { log: appOptions.log, clientIpFromHeader: config.clientIpHeader !== undefined });
    }
  });
}
