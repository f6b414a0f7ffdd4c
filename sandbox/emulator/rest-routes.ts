/** /rest/v1.1/… (and /rest/v1/…): /me, disconnecting an app, and WordPress.com's refusals for the rest. */
import { Hono } from 'hono';
import { checkBearer, type RestError, SCOPE_TOO_NARROW, UNKNOWN_ENDPOINT } from './bearer.ts';
import type { EmulatorContext } from './context.ts';
import { meResponse } from './me-response.ts';
import { userByKey } from './users.ts';

type Endpoint = { name: 'me' } | { name: 'delete-app'; appId: string } | { name: 'unknown' };

function routeOf(method: string, path: string): Endpoint {
  if (method === 'GET' && path === 'me') return { name: 'me' };
  const deletion = path.match(/^me\/connected-applications\/([^/]+)\/delete$/);
  if (method === 'POST' && deletion?.[1] !== undefined) return { name: 'delete-app', appId: deletion[1] };
  return { name: 'unknown' };
}

/** Lets a browser read the answer when its origin is one the token's app lists. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  return origin === undefined ? {} : { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

function fail(error: RestError): Response {
  return Response.json(error.body, { status: error.status });
}

export function restRoutes(ctx: EmulatorContext): Hono {
  const { store } = ctx;
  const routes = new Hono();

  // Preflights carry no token, so they cannot be judged yet: answer them and judge the real request.
  routes.options('*', (c) => {
    const origin = c.req.header('origin');
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
    const match = c.req.path.match(/^\/rest\/(v1(?:\.[0-9])?)\/(.*?)\/?$/);
    const version = match?.[1];
    const endpoint = routeOf(c.req.method, match?.[2] ?? '');
    if (endpoint.name === 'me') {
      store.stats.meRequests++;
      if (store.behaviour.meFailure === 'server_error') {
        return Response.json(
          { error: 'server_error', message: 'The server had a problem. Try again.' },
          { status: 500 },
        );
      }
    }
    const origin = c.req.header('origin');
    const auth = checkBearer(ctx, c.req.header('authorization'), origin);
    if (version === undefined || endpoint.name === 'unknown') {
      // Login tokens reach only /me: anything else is a scope refusal, known endpoint or not.
      return fail(auth.ok && auth.token.kind === 'login' ? SCOPE_TOO_NARROW : UNKNOWN_ENDPOINT);
    }
    if (!auth.ok) return fail(auth.error);
    const { token } = auth;

    if (endpoint.name === 'me') {
      const base = ctx.baseUrl(c.req.url);
      const body = await meResponse(userByKey(token.userKey), token, { base, api: `${base}/rest/${version}` });
      return Response.json(body, { headers: corsHeaders(origin) });
    }

    // Disconnecting an app takes a global token; whether WordPress.com lets third-party tokens do it at all
    // is not confirmed, so the emulator allows it for global tokens only.
    if (token.kind !== 'global') return fail(SCOPE_TOO_NARROW);
    if (!ctx.clients.some((client) => client.clientId === endpoint.appId)) {
      return fail({ status: 404, body: { error: 'unknown_app', message: 'Unknown application.' } });
    }
    store.revokeTokens({ userKey: token.userKey, clientId: endpoint.appId });
    return Response.json({ success: true }, { headers: corsHeaders(origin) });
  });

  return routes;
}
