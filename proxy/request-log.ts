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
  /** The URL path only: the query string is left out. Null when Node refused the request (nothing of it is logged). */
  path: string | null;
  status: number;
  /** Null when Node refused the request: there is no start to count from. */
  durationMs: number | null;
  /** Salted SHA-256 of the client IP, 16 hex characters (see `hashClientIp`); null when unknown. */
  clientIpHash: string | null;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

/**
 * The path with everything but printable ASCII percent-encoded, so that no character a client sent can
 * end or fake a log line: JSON.stringify leaves U+2028/U+2029 (and other separators) as they are, and some
 * log viewers break lines on them. (Found by proxy/app.property.test.ts.)
 */
export function printablePath(path: string): string {
  return /^[\x21-\x7e]*$/.test(path) ? path : path.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
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
    path: printablePath(c.req.path),
    status: c.res.status,
    durationMs,
    clientIpHash: ip === undefined ? null : await hashClientIp(ip),
  });
}
