/**
 * The companion proxy as one Hono app: it redeems the extension's authorization code for a token,
 * adding the client secret that the extension never holds. Runtime-agnostic (no `node:` imports):
 * `serve.ts` runs it on Node, and the same app object can run on Workers.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ProxyConfig } from './config';
import { notFound, onError, ProxyError } from './errors';
import { originGuard } from './origin-guard';
import { type RequestLogger, requestLog } from './request-log';
import { MAX_TOKEN_BODY_BYTES, readTokenRequest } from './token-request';
import { processTokenResponse, requestToken } from './upstream-token';

export type { RequestLogEntry, RequestLogger } from './request-log';

export interface ProxyAppOptions {
  /** The upstream fetch; defaults to the global one (only Workers-style runtimes need to pass theirs). */
  fetch?: typeof fetch;
  /** Receives one entry per request. */
  log?: RequestLogger;
}

export function createProxyApp(config: ProxyConfig, options: ProxyAppOptions = {}): Hono {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const allowedRedirectUris = new Set(config.allowedRedirectUris);
  const app = new Hono();

  app.onError(onError);
  app.notFound(notFound);
  if (options.log) app.use(requestLog(options.log));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.use('/token', async (c, next) => {
    await next();
    // Every answer about a token, success or error, is for this caller only.
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
  });
  app.on(['POST', 'OPTIONS'], '/token', originGuard(config.allowedOrigins));
  app.post(
    '/token',
    bodyLimit({
      maxSize: MAX_TOKEN_BODY_BYTES,
      onError: () => {
        throw new ProxyError(413, 'invalid_request', `The request body is larger than ${MAX_TOKEN_BODY_BYTES} bytes.`);
      },
    }),
    async (c) => {
      const grant = await readTokenRequest(c);
      if (!allowedRedirectUris.has(grant.redirect_uri)) {
        throw new ProxyError(400, 'invalid_request', 'redirect_uri is not registered with this proxy');
      }
      const response = await requestToken(config, fetchFn, { code: grant.code, redirectUri: grant.redirect_uri });
      const token = await processTokenResponse(response, [grant.code, config.clientSecret, grant.redirect_uri]);
      return c.json(token);
    },
  );

  return app;
}
