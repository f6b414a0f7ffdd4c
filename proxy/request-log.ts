/**
 * One log entry per request, with only what an operator needs to see traffic: never a body, a query
 * string, a header or a raw IP (those may hold a code, a token, a redirect URI or personal data).
 */
import type { Context } from 'hono';
import { type ClientIpReader, hashClientIp } from './client-ip';

export interface RequestLogEntry {
  /** ISO 8601 time the request arrived. */
  time: string;
  /** Also sent to the client as `X-Request-Id`, so a user's report can be matched to this line. */
  requestId: string;
  /** Null for a request Node's HTTP parser refused before the app saw it (node-refused.ts). */
  method: string | null;
  /**
   * The route: `/token`, `/healthz`, `/readyz`, or `OTHER_PATH` for any other path (never the client's text, nor
   * the query string). Null when Node refused the request (nothing of it is logged).
   */
  path: string | null;
  status: number;
  /** Null when Node refused the request: there is no start to count from. */
  durationMs: number | null;
  /** Salted SHA-256 of the client IP, 16 hex characters (see `hashClientIp`); null when unknown. */
  clientIpHash: string | null;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

/** The paths the proxy answers; any other is logged as `OTHER_PATH`. */
const ROUTES: ReadonlySet<string> = new Set(['/token', '/healthz', '/readyz']);

/** Logged for a path the proxy has no route for (a 404). */
export const OTHER_PATH = '(other)';

/**
 * The path as logged: one of the proxy's own routes, or `OTHER_PATH`. Any other path is the client's text, which
 * may hold a code or a token put in the wrong place (`GET /<code>`) and could carry characters that end or fake a
 * log line (U+2028, which JSON.stringify leaves as it is); none of it is written.
 */
export function loggedPath(path: string): string {
  return ROUTES.has(path) ? path : OTHER_PATH;
}

/** Where the log goes, and how to read a request's client IP (see `resolveClientIp`; it is only ever logged hashed). */
export interface RequestLogging {
  log: RequestLogger;
  clientIp: ClientIpReader;
}

/** When a request arrived: taken before it is handled (answer.ts `answers`). */
export interface Arrival {
  time: string;
  start: number;
}

export const arrival = (): Arrival => ({ time: new Date().toISOString(), start: performance.now() });

/** Logs the request once it has its answer. */
export async function logRequest({ log, clientIp }: RequestLogging, c: Context, requestId: string, at: Arrival) {
  const durationMs = Math.round((performance.now() - at.start) * 10) / 10;
  const ip = clientIp(c);
  log({
    time: at.time,
    requestId,
    method: c.req.method,
    path: loggedPath(c.req.path),
    status: c.res.status,
    durationMs,
    clientIpHash: ip === undefined ? null : await hashClientIp(ip),
  });
}
