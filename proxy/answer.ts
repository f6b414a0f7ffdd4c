/**
 * Every answer the proxy gives is built here, with its headers gathered in one plain record while the request
 * is handled: the security headers, the request id, and what the middleware on the way adds (CORS, no-store,
 * Retry-After, Allow).
 *
 * Why not `c.header()` and Hono's `secureHeaders` middleware: on Node both go through a WHATWG `Headers` object
 * (validated, lower-cased, sorted on every read), which @hono/node-server then copies back into a plain record
 * for Node's `writeHead`. With ~15 headers on every answer that was ~40 µs and ~10 KB of garbage per exchange,
 * a tenth of the proxy's CPU (bench/results/proxy-diagnosis.md, fourth round). A `Response` whose headers are a
 * plain record goes to `writeHead` as it is. On Workers the same code builds an ordinary `Response`.
 *
 * The security headers are the ones Hono's `secureHeaders` sets with `SECURE_HEADER_OPTIONS`; answer.test.ts
 * runs that middleware and checks that `SECURITY_HEADERS` is what it produces, so an upgrade of Hono that
 * changes a default is noticed.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { secureHeaders } from 'hono/secure-headers';
import type { StatusCode } from 'hono/utils/http-status';
import { arrival, logRequest, type RequestLogging } from './request-log';

/**
 * A JSON API embeds nothing and is framed by nothing: the strictest CSP, on top of Hono's defaults (HSTS,
 * nosniff, X-Frame-Options, Referrer-Policy: no-referrer, CORP/COOP same-origin). Left out: headers for browsers
 * and plug-ins that no longer exist or for HTML pages, which only add bytes and work to every answer.
 */
export const SECURE_HEADER_OPTIONS: Parameters<typeof secureHeaders>[0] = {
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xXssProtection: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xDnsPrefetchControl: false,
  originAgentCluster: false,
};

/** What `secureHeaders(SECURE_HEADER_OPTIONS)` puts on a response (checked in answer.test.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
});

/**
 * What every answer starts with: the security headers, and `no-store`. A token answer must never be kept by a cache;
 * nor should the others (a 503 `/readyz` kept by a cache would keep a load balancer's verdict, an error's words are
 * about this request), so all answers say so, and `/token` adds the older `Pragma: no-cache` (app.ts).
 */
const ANSWER_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...SECURITY_HEADERS,
  'cache-control': 'no-store',
});

/** The context variables this module keeps. */
export interface AnswerVariables {
  /** A fresh UUID per request, sent back as `X-Request-Id` and logged (never taken from the client). */
  requestId: string;
}

type HeaderRecord = Record<string, string>;
/** Per request: the headers gathered so far, and the response `answer` built (to tell it from any other). */
interface Gathered {
  headers: HeaderRecord;
  answered?: Response;
}
const GATHERED = 'connect:answer';

function stateOf(c: Context): Gathered {
  const vars = c as unknown as Context<{ Variables: { [GATHERED]: Gathered | undefined } }>;
  let state = vars.get(GATHERED);
  if (!state) {
    state = { headers: { ...ANSWER_HEADERS } };
    vars.set(GATHERED, state);
  }
  return state;
}

/** Adds (or replaces) headers on whatever answer this request gets, an error's included. Names in lower case. */
export function setAnswerHeaders(c: Context, headers: HeaderRecord): void {
  Object.assign(stateOf(c).headers, headers);
}

/** The answer: `body` as JSON (or no body), with every header gathered for this request. */
export function answer(c: Context, body: object | null, status: StatusCode = 200): Response {
  const state = stateOf(c);
  if (body !== null) state.headers['content-type'] = 'application/json';
  else if ('content-type' in state.headers) delete state.headers['content-type'];
  const response = new Response(body === null ? null : JSON.stringify(body), { status, headers: state.headers });
  state.answered = response;
  return response;
}

/**
 * First in the chain: gives the request its id; makes sure that a response built anywhere else than by `answer`
 * (none is today) still leaves with the security headers and the id, the slow way; and, given `logging`, logs
 * the request once answered (request-log.ts). One middleware rather than three: each layer of Hono's chain is
 * an async function, a closure and a promise per request (bench/results/proxy-diagnosis.md, fourth round).
 */
export function answers(logging?: RequestLogging): MiddlewareHandler<{ Variables: AnswerVariables }> {
  return async function answers(c, next) {
    const arrived = logging && arrival();
    const id = crypto.randomUUID();
    c.set('requestId', id);
    const state = stateOf(c);
    state.headers['x-request-id'] = id;
    await next();
    if (c.res !== state.answered) {
      for (const [name, value] of Object.entries(state.headers)) {
        if (!c.res.headers.has(name)) c.res.headers.set(name, value);
      }
    }
    if (logging && arrived) await logRequest(logging, c, id, arrived);
  };
}
