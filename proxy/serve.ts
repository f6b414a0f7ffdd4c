/**
 * Runs the proxy app on Node's HTTP server, with the socket's address as the client IP and a close
 * that lets in-flight requests finish, then ends what is left and still logs it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createProxyApp, type ProxyAppOptions } from './app';
import type { ProxyConfig } from './config';
import { ProxyError } from './errors';
import { answerRefusedRequests, answerUnreadableRequest } from './node-refused';
import { nodeUpstream } from './node-upstream-post';
import { MAX_TOKEN_BODY_BYTES } from './token-request';

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
/**
 * Once the grace is over and every connection has been ended, how long the requests still being handled get to
 * write their log line (the upstream calls are ended at the same time, so they finish at once).
 */
const LAST_LINES_MS = 1_000;

/** What a request still waiting for the token endpoint gets when the grace is over (its client is gone by then). */
const stoppedError = () => new ProxyError(503, 'server_error', 'The proxy stopped before the token endpoint answered.');

/** A `Content-Length` over the largest body the proxy reads (a malformed one is refused by Node's parser first). */
function declaresTooLargeBody(incoming: IncomingMessage): boolean {
  const length = incoming.headers['content-length'];
  return length !== undefined && Number(length) > MAX_TOKEN_BODY_BYTES;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function startProxy(config: ProxyConfig, options: StartProxyOptions = {}): Promise<RunningProxy> {
  let closing = false;
  const { slowClientLimits: limits = SLOW_CLIENT_LIMITS, ...appOptions } = options;
  const upstream = nodeUpstream();
  const app = createProxyApp(config, {
    upstream: upstream.post,
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
  // Requests the app is handling: the app's answer comes once its log line is written, and a close waits for that.
  let handling = 0;
  let whenIdle: (() => void) | undefined;
  const handled = () => {
    handling -= 1;
    if (handling === 0) whenIdle?.();
  };
  const idle = () => (handling === 0 ? Promise.resolve() : new Promise<void>((done) => (whenIdle = done)));
  const fetchCallback: typeof app.fetch = (...args) => {
    handling += 1;
    let answered: ReturnType<typeof app.fetch>;
    try {
      answered = app.fetch(...args);
    } catch (error) {
      handled();
      throw error;
    }
    if (!(answered instanceof Promise)) {
      handled();
      return closeAfter(answered);
    }
    return answered.then(
      (response) => {
        handled();
        return closeAfter(response);
      },
      (error: unknown) => {
        handled();
        throw error;
      },
    );
  };

  // A request @hono/node-server cannot make a `Request` of (a backslash in its path, a Host it does not trust, an
  // absolute URL that does not parse) never reaches the app. Its answer and log line come from node-refused.ts, with
  // the socket's address: the adapter calls `errorHandler` while the listener is still running for that request.
  let receiving: IncomingMessage | undefined;
  const logging = appOptions.log && { log: appOptions.log, clientIpFromHeader: config.clientIpHeader !== undefined };
  const listener = getRequestListener(fetchCallback, {
    hostname: config.host,
    errorHandler: (error) => answerUnreadableRequest(error, logging, receiving?.socket.remoteAddress),
  });

  const handle = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    receiving = incoming;
    try {
      void listener(incoming, outgoing);
    } finally {
      receiving = undefined;
    }
  };

  return new Promise((resolve, reject) => {
    const server = createServer(
      {
        keepAliveTimeout: config.keepAliveTimeoutMs,
        headersTimeout: limits.headersMs,
        requestTimeout: limits.requestMs,
        connectionsCheckingInterval: limits.checkEveryMs,
      },
      handle,
    );
    // `Expect: 100-continue`: Node would answer `100 Continue` at once, asking for a body the app then refuses unread.
    // A body declared larger than any `/token` body gets its answer (413 on `/token`: token-request.ts, from the header)
    // without the 100, so the client need not send it, and the connection ends with that answer: a body the client
    // may send anyway is not read.
    server.on('checkContinue', (incoming: IncomingMessage, outgoing: ServerResponse) => {
      if (declaresTooLargeBody(incoming)) outgoing.setHeader('connection', 'close');
      else outgoing.writeContinue();
      handle(incoming, outgoing);
    });
    server.once('error', reject);
    if (logging) answerRefusedRequests(server, logging);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      const info = server.address() as AddressInfo;
      let closed: Promise<void> | undefined;
      let ended: Promise<void> | undefined;
      let endNow: (() => void) | undefined;
      resolve({
        url: `http://${urlHost(config.host)}:${info.port}`,
        port: info.port,
        close(graceMs = 0) {
          closing = true;
          ended ??= new Promise<void>((done) => (endNow = done));
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
          }).then(() =>
            // A request whose client has gone may still be waiting for the token endpoint: its line is still due.
            Promise.race([idle(), ended?.then(() => new Promise<void>((done) => setTimeout(done, LAST_LINES_MS)))]),
          );
          // Calling again with a shorter grace (a second signal) cuts the wait short.
          const forceClose = setTimeout(() => {
            server.closeAllConnections();
            upstream.cutAll(stoppedError());
            endNow?.();
          }, graceMs);
          const cancel = () => clearTimeout(forceClose);
          closed.then(cancel, cancel);
          return closed;
        },
      });
    });
  });
}
