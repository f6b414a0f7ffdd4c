/**
 * The benchmark's baseline: the least a code→token forwarder on plain `node:http` has to do. It reads
 * the JSON body, POSTs the form-encoded exchange (with the client secret) to the token endpoint over a
 * keep-alive agent, and sends the upstream answer back as it came. No origin check, no validation, no
 * log, no CORS: whatever the proxy costs on top of this is its overhead.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlainForwarderOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /**
   * The upstream client: `http` (default, node:http with a keep-alive agent) or `fetch` (the global
   * fetch, undici, as the proxy uses), to tell the HTTP client's cost from the rest.
   */
  upstream?: 'http' | 'fetch';
}

export interface RunningForwarder {
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function startPlainForwarder(options: PlainForwarderOptions): Promise<RunningForwarder> {
  const upstream = new URL(options.tokenUrl);
  const agent = new http.Agent({ keepAlive: true });
  const host = options.host ?? '127.0.0.1';

  const fetchUpstream = (form: string, res: http.ServerResponse) => {
    fetch(upstream, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form,
    })
      .then(async (response) => {
        const payload = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, {
          'Content-Type': response.headers.get('content-type') ?? 'application/json',
          'Content-Length': payload.length,
        });
        res.end(payload);
      })
      .catch(() => sendJson(res, 502, { error: 'upstream_error' }));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let grant: { code?: unknown; redirect_uri?: unknown };
      try {
        grant = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        sendJson(res, 400, { error: 'invalid_request' });
        return;
      }
      const form = new URLSearchParams({
        client_id: options.clientId,
        client_secret: options.clientSecret,
        code: String(grant.code),
        grant_type: 'authorization_code',
        redirect_uri: String(grant.redirect_uri),
      }).toString();
      if (options.upstream === 'fetch') {
        fetchUpstream(form, res);
        return;
      }
      const request = http.request(
        upstream,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(form),
            Accept: 'application/json',
          },
        },
        (response) => {
          const body: Buffer[] = [];
          response.on('data', (chunk: Buffer) => body.push(chunk));
          response.on('end', () => {
            const payload = Buffer.concat(body);
            res.writeHead(response.statusCode ?? 502, {
              'Content-Type': response.headers['content-type'] ?? 'application/json',
              'Content-Length': payload.length,
            });
            res.end(payload);
          });
        },
      );
      request.on('error', () => sendJson(res, 502, { error: 'upstream_error' }));
      request.end(form);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
            agent.destroy();
          }),
      });
    });
  });
}
