/**
 * One log entry per request, with only what an operator needs to see traffic: never a body, a query
 * string or a header (those may hold a code, a token or a redirect URI).
 */
import { createMiddleware } from 'hono/factory';

export interface RequestLogEntry {
  /** ISO 8601 time the request arrived. */
  time: string;
  method: string;
  /** The URL path only: the query string is left out. */
  path: string;
  status: number;
  durationMs: number;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

export function requestLog(log: RequestLogger) {
  return createMiddleware(async (c, next) => {
    const time = new Date().toISOString();
    const start = performance.now();
    await next();
    log({
      time,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - start) * 10) / 10,
    });
  });
}
