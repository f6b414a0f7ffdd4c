/**
 * The companion proxy as one Hono app: it redeems the extension's authorization code for a token,
 * adding the client secret that the extension never holds. Runtime-agnostic (no `node:` imports):
 * `serve.ts` runs it on Node, and the same app object can run on Workers.
 */
import { type Context, Hono } from 'hono';
import { type AnswerVariables, answer, answers, setAnswerHeaders } from './answer';
import { type ClientIpReader, rateLimitKey, resolveClientIp } from './client-ip';
import { appNamed, type ProxyConfig, ProxyConfigError } from './config';
import { notFound, onError, ProxyError } from './errors';
import { originGuard } from './origin-guard';
import { memoryRateLimiter, type RateLimiter, rateLimit, UNKNOWN_CLIENT } from './rate-limit';
import type { RequestLogger } from './request-log';
import { readTokenRequest, tokenBodyChecks } from './token-request';
import { fetchUpstream, processTokenResponse, requestToken, type UpstreamPost } from './upstream-token';

export type { ClientIpReader } from './client-ip';
export type { RateLimitDecision, RateLimiter } from './rate-limit';
export type { RequestLogEntry, RequestLogger } from './request-log';

export interface ProxyAppOptions {
  /** How the token endpoint is called; defaults to the global `fetch` (Node passes `nodeUpstreamPost`). */
  upstream?: UpstreamPost;
  /** Receives one entry per request. */
  log?: RequestLogger;
  /**
   * Counts `POST /token` requests per client IP. Defaults to an in-memory limiter of
   * `config.rateLimitPerMinute` per minute (none when that is 0). When given, it is used as is.
   */
  rateLimiter?: RateLimiter;
  /**
   * The socket's remote address (Node: `getConnInfo(c).remote.address`). Used when
   * `config.clientIpHeader` is unset or absent from the request.
   */
  clientIp?: ClientIpReader;
}

/** The app's type: a Hono app whose handlers see the request id. */
export type ProxyApp = Hono<{ Variables: AnswerVariables }>;

const TOKEN_METHODS = ['POST', 'OPTIONS'];
const ALLOW = TOKEN_METHODS.join(', ');
/** Every answer about a token, success or error, is for this caller only (and every answer is `no-store`: answer.ts). */
const NOT_STORED = { pragma: 'no-cache' };

/**
 * Builds the app from a parsed configuration, or from the `ProxyConfigError` that parsing produced.
 *
 * Why both: Node has a start-up step, and `node.ts` refuses to start on a bad configuration (exit 1),
 * which is the clearest signal for a process supervisor. Workers have none: their bindings arrive
 * with the first request, and a thrown error there is an opaque 500 for every request. Given the error,
 * the app still answers `/healthz`, names the variables to fix on `/readyz` (503; what is wrong with each is in the
 * Worker's log, worker.ts), and answers
 * `/token` with 503 `not_configured`, without ever holding a half-read configuration.
 */
export function createProxyApp(config: ProxyConfig | ProxyConfigError, options: ProxyAppOptions = {}): ProxyApp {
  const app: ProxyApp = new Hono();
  const ready = !(config instanceof ProxyConfigError);
  const clientIp = (c: Context) => resolveClientIp(c, ready ? config.clientIpHeader : undefined, options.clientIp);

  app.onError(onError);
  app.notFound(notFound);
  // Every request gets a fresh UUID, returned in X-Request-Id (an incoming one is never taken over: it is the
  // client's text, and would land in the log), and every answer the security headers (answer.ts).
  app.use(answers(options.log && { log: options.log, clientIp }));

  app.get('/healthz', (c) => answer(c, { status: 'ok' }));
  app.get('/readyz', (c) =>
    ready ? answer(c, { status: 'ready' }) : answer(c, { status: 'not_ready', variables: config.variables }, 503),
  );

  // Only listed origins get past this (origin-guard.ts); not checked while unconfigured (503 for all).
  const checkOrigin = ready ? originGuard(config.allowedOrigins) : undefined;
  app.use('/token', async (c, next) => {
    setAnswerHeaders(c, NOT_STORED);
    if (!TOKEN_METHODS.includes(c.req.method)) {
      setAnswerHeaders(c, { allow: ALLOW });
      throw new ProxyError(405, 'method_not_allowed', '/token accepts POST only.');
    }
    const preflight = checkOrigin?.(c);
    if (preflight) return preflight;
    await next();
  });

  if (!ready) {
    app.on(TOKEN_METHODS, '/token', () => {
      throw new ProxyError(503, 'not_configured', 'The proxy is not configured yet.');
    });
    return app;
  }

  const upstream = options.upstream ?? fetchUpstream((input, init) => fetch(input, init));
  const allowedRedirectUris = new Set(config.allowedRedirectUris);
  const limiter =
    options.rateLimiter ?? (config.rateLimitPerMinute > 0 ? memoryRateLimiter(config.rateLimitPerMinute) : undefined);

  // Counted after the origin check, so that a 429 carries CORS headers and the extension can read it.
  if (limiter)
    app.post(
      '/token',
      rateLimit(limiter, (c) => rateLimitKey(clientIp(c) ?? UNKNOWN_CLIENT)),
    );
  app.post('/token', tokenBodyChecks, async (c) => {
    const grant = await readTokenRequest(c);
    if (!allowedRedirectUris.has(grant.redirect_uri)) {
      throw new ProxyError(400, 'invalid_request', 'redirect_uri is not registered with this proxy');
    }
    const app = appNamed(config, grant.client_id);
    if (!app) throw new ProxyError(400, 'invalid_request', 'client_id is not an app of this proxy');
    const upstreamAnswer = await requestToken(config, upstream, {
      code: grant.code,
      redirectUri: grant.redirect_uri,
      app,
    });
    const token = processTokenResponse(upstreamAnswer);
    return answer(c, token);
  });

  return app;
}
