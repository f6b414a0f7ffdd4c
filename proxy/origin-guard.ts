/**
 * Origin check and CORS for `/token`, in one middleware: only listed origins get through, and only
 * they get CORS headers. Everything else is refused with 403 before the body is read.
 */
import { createMiddleware } from 'hono/factory';
import { ProxyError } from './errors';

const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function originGuard(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return createMiddleware(async (c, next) => {
    // Responses differ by Origin, so caches must key on it, whether we allow it or not.
    c.header('Vary', 'Origin', { append: true });
    // Browsers always send Origin on a cross-origin POST and on a preflight, an extension's service
    // worker fetch included (it sends `chrome-extension://<id>`). No Origin means a non-browser caller
    // (curl, a server, a script), which has no business redeeming codes for this app: refuse it.
    const origin = c.req.header('Origin');
    if (origin === undefined || !allowed.has(origin)) {
      throw new ProxyError(403, 'origin_not_allowed', 'This origin may not use this proxy.');
    }
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'POST');
      c.header('Access-Control-Allow-Headers', 'Content-Type');
      c.header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      return c.body(null, 204);
    }
    // Set before next(), while no response exists yet: Hono keeps them and puts them on whatever response
    // follows, the error handler's included. (After next(), each `c.header` rebuilds the whole response,
    // which was ~10% of the proxy's CPU per exchange on Node.)
    c.header('Access-Control-Allow-Origin', origin);
    // Not CORS-safelisted, so the extension could not read them otherwise: when to retry after a 429,
    // and the id to quote when reporting a failure.
    c.header('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    await next();
  });
}
