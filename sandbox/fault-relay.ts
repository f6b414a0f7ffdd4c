/**
 * A fault relay for the end-to-end tests: an HTTP hop between the extension and the token proxy that,
 * by default, forwards every request unchanged (method, path, headers with `Origin`, body) and hands the
 * answer back as is. Switched through its control port, it plays the proxy's failures for real:
 *
 * - `refuse`: stops listening and drops every open connection, so the port refuses connections
 *   (ECONNREFUSED); back to any other mode, it listens on the same port again.
 * - `slow`: holds each request `delayMs` (default 60 s) before forwarding it; a request whose client
 *   gives up first (a timeout) is dropped, never forwarded, and counted as `abandoned`.
 * - `html`: answers 200 `text/html` itself (a captive portal), forwarding nothing.
 * - `html502`: answers 502 `text/html` itself (a load balancer's error page), forwarding nothing.
 *
 * Control (a second port, which stays up while the relay refuses): `POST /__relay/mode` `{mode, delayMs?}`,
 * `POST /__relay/reset` (back to `pass`, counters zeroed), `GET /__relay/stats`. Client: `fault-relay-client.ts`.
 * The relay logs nothing: request bodies (codes) and answers (tokens) stay out of every log.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';

export const RELAY_MODES = ['pass', 'refuse', 'slow', 'html', 'html502'] as const;
export type RelayMode = (typeof RELAY_MODES)[number];

export const relayModeSchema = z.object({
  mode: z.enum(RELAY_MODES),
  /** `slow` only: how long each request is held before it is forwarded. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
});
export type RelayModeRequest = z.infer<typeof relayModeSchema>;

export const relayStatsSchema = z.object({
  mode: z.enum(RELAY_MODES),
  /** Requests received (in every mode but `refuse`, which receives none). */
  received: z.number(),
  /** Requests forwarded to the target. */
  forwarded: z.number(),
  /** Requests answered by the relay itself (`html`, `html502`, or 502 when the target is unreachable). */
  answered: z.number(),
  /** `slow` requests whose client closed the connection before they were forwarded. */
  abandoned: z.number(),
});
export type RelayStats = z.infer<typeof relayStatsSchema>;

export interface RunningFaultRelay {
  /** Where the extension sends its requests, e.g. `http://127.0.0.1:41234` (the target's paths below it). */
  url: string;
  port: number;
  /** The control server's base URL. */
  controlUrl: string;
  setMode(request: RelayModeRequest): Promise<void>;
  stats(): RelayStats;
  close(): Promise<void>;
}

export interface FaultRelayOptions {
  /** The base URL requests are forwarded to, e.g. the proxy's `http://127.0.0.1:8787`. */
  target: string;
  host?: string;
  port?: number;
}

const DEFAULT_DELAY_MS = 60_000;

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, not the message. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

const CAPTIVE_PORTAL = `<!doctype html>
<html><head><title>Sign in to the network</title></head>
<body><h1>Welcome to Airport Wi-Fi</h1><p>Accept the terms to continue.</p></body></html>
`;

const BAD_GATEWAY = `<!doctype html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startFaultRelay(options: FaultRelayOptions): Promise<RunningFaultRelay> {
  const host = options.host ?? '127.0.0.1';
  const target = new URL(options.target);
  let mode: RelayMode = 'pass';
  let delayMs = DEFAULT_DELAY_MS;
  const counters = { received: 0, forwarded: 0, answered: 0, abandoned: 0 };
  /** Held `slow` requests: cut short when the relay closes. */
  const held = new Set<{ timer: NodeJS.Timeout; res: ServerResponse }>();

  const answer = (res: ServerResponse, status: number, body: string) => {
    counters.answered++;
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    counters.forwarded++;
    const upstream = request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...endToEnd(req.headers), host: target.host, 'content-length': String(body.length) },
      },
      (answerFromTarget) => {
        res.writeHead(answerFromTarget.statusCode ?? 502, endToEnd(answerFromTarget.headers));
        answerFromTarget.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else answer(res, 502, BAD_GATEWAY);
    });
    upstream.end(body);
  };

  const relay = createServer((req, res) => {
    counters.received++;
    void readBody(req).then(
      (body) => {
        if (mode === 'html') return answer(res, 200, CAPTIVE_PORTAL);
        if (mode === 'html502') return answer(res, 502, BAD_GATEWAY);
        if (mode !== 'slow') return forward(req, body, res);
        const entry = {
          res,
          timer: setTimeout(() => {
            held.delete(entry);
            res.off('close', onClose);
            forward(req, body, res);
          }, delayMs),
        };
        const onClose = () => {
          clearTimeout(entry.timer);
          held.delete(entry);
          counters.abandoned++;
        };
        held.add(entry);
        res.once('close', onClose);
      },
      () => res.destroy(),
    );
  });
  // Keep-alive sockets must not outlive a switch to `refuse`: closeAllConnections() ends them.
  const sockets = new Set<Socket>();
  relay.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const port = await listen(relay, options.port ?? 0, host);

  // Mode switches run one at a time: a close and a re-listen never overlap.
  let switching: Promise<unknown> = Promise.resolve();
  const setMode = (next: RelayModeRequest): Promise<void> => {
    const step = switching.then(async () => {
      if (next.mode === 'refuse') {
        for (const entry of held) clearTimeout(entry.timer);
        held.clear();
        await stop(relay);
        for (const socket of sockets) socket.destroy();
      } else if (!relay.listening) {
        await listen(relay, port, host);
      }
      mode = next.mode;
      delayMs = next.delayMs ?? DEFAULT_DELAY_MS;
    });
    switching = step.catch(() => undefined);
    return step;
  };

  const json = (res: ServerResponse, status: number, value: unknown) => {
    const body = JSON.stringify(value);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  const stats = (): RelayStats => ({ mode, ...counters });

  const control = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      try {
        if (req.method === 'GET' && req.url === '/__relay/stats') return json(res, 200, stats());
        if (req.method === 'POST' && req.url === '/__relay/reset') {
          await setMode({ mode: 'pass' });
          Object.assign(counters, { received: 0, forwarded: 0, answered: 0, abandoned: 0 });
          return json(res, 200, stats());
        }
        if (req.method === 'POST' && req.url === '/__relay/mode') {
          const parsed = relayModeSchema.safeParse(JSON.parse(body.toString('utf8') || 'null'));
          if (!parsed.success) return json(res, 400, { error: 'invalid_mode', message: parsed.error.message });
          await setMode(parsed.data);
          return json(res, 200, stats());
        }
        return json(res, 404, { error: 'not_found' });
      } catch (error) {
        return json(res, 500, {
          error: 'relay_error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  });
  let controlPort: number;
  try {
    controlPort = await listen(control, 0, host);
  } catch (error) {
    await stop(relay);
    throw error;
  }

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    controlUrl: `http://${urlHost(host)}:${controlPort}`,
    setMode,
    stats,
    async close() {
      await switching;
      for (const entry of held) clearTimeout(entry.timer);
      held.clear();
      await Promise.all([stop(relay), stop(control)]);
    },
  };
}
