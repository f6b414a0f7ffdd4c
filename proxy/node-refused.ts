/**
 * Requests Node's HTTP server refuses before the app sees them: malformed (400), headers too large (431), chunk
 * extensions too large (413), headers too slow to arrive (408, `SlowClientLimits`: slowloris). Node answers them on
 * its own and tells nobody; this answers them the same way and logs one line for each, as for any other request.
 * And those Node parses but @hono/node-server cannot make a `Request` of (`answerUnreadableRequest`), which it would
 * answer with a bare 400, without the proxy's headers, and tell nobody either.
 *
 * Nothing the client sent is logged: the request did not parse, so its method and path are null (a path could hold a
 * code). The client IP is the socket's, hashed; null when a reverse proxy's header names the client, since the
 * header could not be read.
 */
import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { RequestError } from '@hono/node-server';
import { SECURITY_HEADERS } from './answer';
import { hashClientIp } from './client-ip';
import type { RequestLogger } from './request-log';

/** Node's own choice of status by parser error (`socketOnError` in Node's `_http_server.js`); anything else is 400. */
const STATUS_BY_ERROR: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/** The response a socket is in the middle of, as Node's server keeps it (`socket._httpMessage`). */
type HttpSocket = Duplex & { _httpMessage?: { headersSent?: boolean } | null; remoteAddress?: string };

export interface RefusedLogging {
  log: RequestLogger;
  /** True when the client IP comes from a reverse proxy's header (`PROXY_CLIENT_IP_HEADER`), not the socket. */
  clientIpFromHeader: boolean;
}

export function answerRefusedRequests(server: Server, { log, clientIpFromHeader }: RefusedLogging): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: HttpSocket) => {
    const inFlight = socket._httpMessage;
    // As Node does: answer only when no response has begun on this socket, then close it.
    const answering = socket.writable && !inFlight?.headersSent;
    // A request the app already has (a body too slow, say) gets its line, and its request id, from the app; a reset
    // is no request.
    const logging = answering && !inFlight && error.code !== 'ECONNRESET';
    const status = STATUS_BY_ERROR[error.code ?? ''] ?? 400;
    const requestId = logging ? crypto.randomUUID() : undefined;
    if (answering) {
      const id = requestId ? `X-Request-Id: ${requestId}\r\n` : '';
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${id}\r\n`);
    }
    const address = socket.remoteAddress;
    socket.destroy(error);
    if (requestId !== undefined) logRefused({ log, clientIpFromHeader }, requestId, status, address);
  });
}

/** The one line of a request the app never saw: nothing the client sent, the socket's address only hashed. */
function logRefused(
  { log, clientIpFromHeader }: RefusedLogging,
  requestId: string,
  status: number,
  address: string | undefined,
): void {
  const time = new Date().toISOString();
  const hashed = clientIpFromHeader || address === undefined ? Promise.resolve(null) : hashClientIp(address);
  void hashed.then((clientIpHash) =>
    log({ time, requestId, method: null, path: null, status, durationMs: null, clientIpHash }),
  );
}

/**
 * @hono/node-server's `errorHandler`: a request it could not read (a `RequestError`: a backslash in the path, a Host
 * it does not trust, an absolute URL that does not parse) is answered 400 `invalid_request`, anything else (the app
 * failing outside its own error handler, not expected) 500 `server_error`; either with the headers every answer
 * carries, a request id, and one log line like Node's refusals above. The connection is then closed, as Node closes it
 * after a refusal.
 */
export function answerUnreadableRequest(
  error: unknown,
  logging: RefusedLogging | undefined,
  address: string | undefined,
): Response {
  const unreadable = error instanceof RequestError;
  const status = unreadable ? 400 : 500;
  const requestId = crypto.randomUUID();
  if (logging) logRefused(logging, requestId, status, address);
  const body = unreadable
    ? { error: 'invalid_request', error_description: 'The request could not be read.' }
    : { error: 'server_error' };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      ...SECURITY_HEADERS,
      'cache-control': 'no-store',
      'content-type': 'application/json',
      'x-request-id': requestId,
      connection: 'close',
    },
  });
}
