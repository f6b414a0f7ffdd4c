/**
 * Origin check and CORS for `/token`: only listed origins get through, and only they get CORS headers.
 * Everything else is refused with 403 before the body is read. A check the `/token` gate calls (app.ts),
 * not a middleware of its own: each layer of Hono's chain costs a closure and a promise per request.
 */
import type { Context } from 'hono';
import { answer, setAnswerHeaders } from './answer';
import { ProxyError } from './errors';

const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Returns the answer to a preflight, undefined for a request that may go on, or throws the 403. */
export function originGuard(allowedOrigins: readonly string[]): (c: Context) => Response | undefined {
  const allowed = new Set(allowedOrigins);
  return (c) => {
    // Responses differ by Origin, so caches must key on it, whether we allow it or not.
    setAnswerHeaders(c, { vary: 'Origin' });
    // Browsers always send Origin on a cross-origin POST and on a preflight, an extension's service
    // worker fetch included (it sends `chrome-extension://<id>`). No Origin means a non-browser caller
    // (curl, a server, a script), which has no business redeeming codes for this app: refuse it. Such a caller can
    // also send any Origin it likes, so this keeps web pages out; it does not authenticate (SECURITY.md).
    const origin = c.req.header('Origin');
    if (origin === undefined || !allowed.has(origin)) {
      throw new ProxyError(403, 'origin_not_allowed', 'This origin may not use this proxy.');
    }
    if (c.req.method === 'OPTIONS') {
      setAnswerHeaders(c, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'Content-Type',
        'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
      });
      return answer(c, null, 204);
    }
    // On whatever answer follows, the error handler's included (answer.ts).
    setAnswerHeaders(c, {
      'access-control-allow-origin': origin,
      // Not CORS-safelisted, so the extension could not read them otherwise: when to retry after a 429,
      // and the id to quote when reporting a failure.
      'access-control-expose-headers': 'Retry-After, X-Request-Id',
    });
    return undefined;
  };
}
