/**
 * /rest/v1.1/… (and /rest/v1/…, /rest/v1.2/…): the emulated endpoints (rest-paths.ts), who may call them
 * (rest-access.ts) and their answers (rest-endpoints.ts), with WordPress.com's refusals for everything else.
 */
import { Hono } from 'hono';
import {
  BAD_TOKEN,
  checkBearer,
  NO_ACTIVE_TOKEN,
  type RestError,
  SCOPE_TOO_NARROW,
  UNKNOWN_ENDPOINT,
} from './bearer.ts';
import type { EmulatorContext } from './context.ts';
import { queryRecord } from './params.ts';
import { wpcomRetryAfter } from './rate-limited.ts';
import { ACCESS, checkKindAndScope, checkSiteAccess } from './rest-access.ts';
import { HANDLERS } from './rest-endpoints.ts';
import { RATE_LIMITED, UNKNOWN_BLOG } from './rest-errors.ts';
import { routeOf } from './rest-paths.ts';
import { type SiteFixture, siteByPathSegment } from './sites.ts';
import { sleep } from './sleep.ts';
import { userByKey } from './users.ts';

/** Lets a browser read the answer: only for an origin already judged (a registered app's, or the token's app's). */
function corsHeaders(origin: string | undefined): Record<string, string> {
  return origin === undefined ? { Vary: 'Origin' } : { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/**
 * The caller's origin when some registered app lists it among its Javascript Origins (the sandbox app lists the
 * extension's `chrome-extension://…` and `moz-extension://…` origins), else undefined. Used where no token's app
 * is known yet or the token was refused: preflights and error answers.
 */
function registeredOrigin(ctx: EmulatorContext, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  return ctx.clients.some((client) => client.javascriptOrigins.includes(origin)) ? origin : undefined;
}

/** A refusal, readable (with its `Retry-After`) by a page at `origin` when that origin is a registered one. */
function fail(error: RestError, origin: string | undefined, headers: Record<string, string> = {}): Response {
  const expose: Record<string, string> = origin === undefined ? {} : { 'Access-Control-Expose-Headers': 'Retry-After' };
  return Response.json(error.body, {
    status: error.status,
    headers: { ...corsHeaders(origin), ...expose, ...headers },
  });
}

/**
 * The `meFailure` switch's answers: a server error, or a 200 that is no user (HTML, or JSON of the wrong shape),
 * without CORS headers; or a 429, readable like any other refusal.
 */
function meFailureResponse(
  { meFailure: failure, wpcomRetryAfter: retryAfter }: EmulatorContext['store']['behaviour'],
  errorOrigin: string | undefined,
): Response | undefined {
  switch (failure) {
    case 'rate_limited':
      return fail(RATE_LIMITED, errorOrigin, wpcomRetryAfter(retryAfter));
    case 'server_error':
      return Response.json({ error: 'server_error', message: 'The server had a problem. Try again.' }, { status: 500 });
    case 'garbage':
      return new Response('<!doctype html><title>Welcome</title><p>Please sign in to the network to continue.</p>', {
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
    case 'wrong_shape':
      return Response.json({ ID: 'not-a-number', display_name: null, verified: 'yes' });
    case 'invalid_token':
      return fail(BAD_TOKEN, errorOrigin);
    case 'redirect':
      return new Response(null, { status: 302, headers: { Location: 'https://elsewhere.example/me' } });
    case null:
      return undefined;
  }
}

export function restRoutes(ctx: EmulatorContext): Hono {
  const { store } = ctx;
  const routes = new Hono();

  // Preflights carry no token, so only their origin can be judged: CORS headers for an origin a registered app
  // lists (the token's app is judged on the real request), none for any other.
  routes.options('*', (c) => {
    const origin = registeredOrigin(ctx, c.req.header('origin'));
    if (origin === undefined) return new Response(null, { status: 204, headers: corsHeaders(undefined) });
    return new Response(null, {
      status: 204,
      headers: {
        ...corsHeaders(origin),
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      },
    });
  });

  routes.all('*', async (c) => {
    store.countRestRequest(c.req.path);
    const origin = c.req.header('origin');
    // Refusals are readable by any registered origin; a 200 only by the token's app's (checkBearer).
    const errorOrigin = registeredOrigin(ctx, origin);
    // Only the versions the emulated endpoints answer under (v1, v1.1, v1.2); any other is an unknown path.
    const match = c.req.path.match(/^\/rest\/(v1(?:\.[12])?)\/(.*?)\/?$/);
    const version = match?.[1];
    const route = version === undefined ? undefined : routeOf(c.req.method, match?.[2] ?? '');
    if (route?.id === 'me') {
      store.stats.meRequests++;
      const failure = meFailureResponse(store.behaviour, errorOrigin);
      if (failure) return failure;
    } else if (store.behaviour.restRateLimit !== null) {
      return fail(RATE_LIMITED, errorOrigin, { 'Retry-After': String(store.behaviour.restRateLimit) });
    }

    // The order of the checks is WordPress.com's, as rest-access.ts describes it:
    // 1. the bearer token and the caller's origin;
    const auth = checkBearer(ctx, c.req.header('authorization'), origin);
    if (version === undefined || route === undefined) {
      // Login tokens reach only /me: anything else is a scope refusal, known endpoint or not.
      return fail(auth.ok && auth.token.kind === 'login' ? SCOPE_TOO_NARROW : UNKNOWN_ENDPOINT, errorOrigin);
    }
    if (!auth.ok) return fail(auth.error, errorOrigin);
    const { token } = auth;
    // 2. the token's kind and scopes;
    const rule = ACCESS[route.id];
    const refusal = checkKindAndScope(rule, token);
    // `scopeRefusalAsInactive`: the refusal a dead token gets, as WordPress.com might answer a live token of the
    // wrong kind (its "An active access token…" wording is documented for /me only).
    if (refusal) return fail(store.behaviour.scopeRefusalAsInactive ? NO_ACTIVE_TOKEN : refusal, errorOrigin);
    // 3. the site in the path exists; 4. the token reaches it.
    let site: SiteFixture | undefined;
    if (route.site !== undefined) {
      site = siteByPathSegment(route.site);
      if (!site) return fail(UNKNOWN_BLOG, errorOrigin);
      const denied = rule.siteBound ? checkSiteAccess(token, site) : undefined;
      if (denied) return fail(denied, errorOrigin);
    }

    const base = ctx.baseUrl(c.req.url);
    const answer = await HANDLERS[route.id]({
      ctx,
      route,
      token,
      user: userByKey(token.userKey),
      site,
      query: queryRecord(c.req.url),
      urls: { base, api: `${base}/rest/${version}` },
    });
    // The disconnect is done at once; only its answer is slow.
    if (route.id === 'delete-app' && store.behaviour.appDeleteDelayMs > 0)
      await sleep(store.behaviour.appDeleteDelayMs);
    if (!answer.ok) return fail(answer.error, errorOrigin);
    return Response.json(answer.body, { headers: corsHeaders(origin) });
  });

  return routes;
}
