/**
 * The upstream call on Node, on `node:http`/`node:https` with keep-alive agents: the least an HTTP
 * client can cost per exchange. The benchmark measured the global `fetch` at ~470 µs of CPU per exchange
 * and undici's `request()` still at ~20% of the proxy's busy time (bench/results/proxy-diagnosis.md);
 * the plain forwarder it is compared with uses node:http too. Workers keep the platform's fetch
 * (`fetchUpstream`).
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { urlToHttpOptions } from 'node:url';
import zlib from 'node:zlib';
import { FORM_HEADERS, MAX_UPSTREAM_BODY_BYTES, type UpstreamAnswer, type UpstreamPost } from './upstream-token';

// Keep-alive connections to the token endpoint, reused across exchanges; idle ones close after 10 s.
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 10_000 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 10_000 }),
};

interface Target {
  client: typeof http | typeof https;
  options: http.RequestOptions;
}

// The token URL is the same for every exchange: parse it once, not per request.
const targets = new Map<string, Target>();

function targetFor(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    const https_ = parsed.protocol === 'https:';
    target = {
      client: https_ ? https : http,
      options: {
        ...urlToHttpOptions(parsed),
        method: 'POST',
        agent: https_ ? agents['https:'] : agents['http:'],
      },
    };
    if (targets.size > 16) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/**
 * A header's values joined with ", ", as fetch's `Headers.get` gives them on Workers: node:http keeps only the
 * first `Retry-After` of several, so the two runtimes would read a repeated one differently.
 */
function joinedHeader(rawHeaders: readonly string[], name: string): string | undefined {
  const values = rawHeaders.filter((_, index) => index % 2 === 1 && rawHeaders[index - 1]?.toLowerCase() === name);
  return values.length === 0 ? undefined : values.join(', ');
}

/**
 * The body as fetch gives it on Workers: unpacked when the token endpoint compressed it anyway (it is asked not to:
 * `Accept-Encoding: identity`); an encoding fetch does not know is read as it came, as fetch reads it.
 */
function decodedBody(response: http.IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const unpack =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!unpack) return response;
  response.on('error', (error) => unpack.destroy(error));
  return response.pipe(unpack);
}

// UTF-8 as fetch's `text()` reads it: a byte-order mark at the start is dropped, not kept in front of the JSON.
const utf8 = new TextDecoder();

/** Each exchange in progress, with how to end it: its promise's reject. */
type OpenExchanges = Map<http.ClientRequest, (reason: Error) => void>;

/** node:http never follows redirects: a 3xx comes back as it is, like fetch's `redirect: 'manual'`. */
export const nodeUpstreamPost: UpstreamPost = (url, form, signal) => postForm(url, form, signal);

/** The upstream call for one server, whose exchanges in progress can all be ended at once. */
export interface NodeUpstream {
  post: UpstreamPost;
  /**
   * Ends every exchange still waiting for the token endpoint, rejecting it with `reason`: for the server's shutdown,
   * once its grace is over, so that each request still gets its answer and its log line before the process exits.
   */
  cutAll(reason: Error): void;
}

export function nodeUpstream(): NodeUpstream {
  const open: OpenExchanges = new Map();
  return {
    post: (url, form, signal) => postForm(url, form, signal, open),
    cutAll(reason) {
      for (const [request, reject] of open) {
        reject(reason);
        request.destroy(reason);
      }
      open.clear();
    },
  };
}

function postForm(url: string, form: string, signal: AbortSignal, open?: OpenExchanges): Promise<UpstreamAnswer> {
  return new Promise((settleWith, failWith) => {
    if (signal.aborted) {
      failWith(signal.reason);
      return;
    }
    const { client, options } = targetFor(url);
    const resolve = (answer: UpstreamAnswer) => {
      open?.delete(request);
      settleWith(answer);
    };
    const reject = (reason: unknown) => {
      open?.delete(request);
      failWith(reason);
    };
    const request = client.request(
      {
        ...options,
        headers: { ...FORM_HEADERS, 'Accept-Encoding': 'identity', 'Content-Length': Buffer.byteLength(form) },
      },
      (response) => {
        const retryAfter = joinedHeader(response.rawHeaders, 'retry-after');
        const status = response.statusCode ?? 502;
        const body = decodedBody(response);
        // An empty body labelled as compressed (a bodiless 429 sent with Content-Encoding: gzip) is empty to fetch,
        // not a broken stream: counted here to tell the two apart.
        let packedBytes = 0;
        if (body !== response) response.on('data', (chunk: Buffer) => (packedBytes += chunk.length));
        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          // Past the cap (unpacked, as on Workers) the answer is garbage anyway: stop reading, keep what makes it
          // look so.
          if (size > MAX_UPSTREAM_BODY_BYTES) {
            response.destroy();
            body.destroy();
            resolve({ status, text: '', retryAfter });
            return;
          }
          chunks.push(chunk);
        });
        body.on('end', () => resolve({ status, text: utf8.decode(Buffer.concat(chunks)), retryAfter }));
        body.on('error', (error) =>
          body !== response && packedBytes === 0 && response.complete
            ? resolve({ status, text: '', retryAfter })
            : reject(error),
        );
      },
    );
    request.on('error', reject);
    // The abort destroys the socket, whether it is still connecting, sending, or waiting for the answer.
    // (`onabort` rather than node:http's `signal` option: one property instead of a listener per
    // request; the signal is this exchange's own and has no other listener.)
    signal.onabort = () => request.destroy(signal.reason);
    open?.set(request, reject);
    request.end(form);
  });
}
