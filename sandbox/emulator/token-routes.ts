/** POST /oauth2/token and GET /oauth2/token-info. */
import { Hono } from 'hono';
import { z } from 'zod';
import { BAD_ORIGIN, originRefusedOutright } from './bearer.ts';
import type { EmulatorContext } from './context.ts';
import { isFormEncoded, paramRecord, queryRecord } from './params.ts';
import { OAUTH_RATE_LIMITED, wpcomRetryAfter } from './rate-limited.ts';
import { sleep } from './sleep.ts';
import { exchangeCode } from './token-exchange.ts';
import { userByKey } from './users.ts';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

const tokenInfoQuerySchema = z.object({ client_id: z.string().min(1).max(200), token: z.string().min(1).max(500) });

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function tokenRoutes(ctx: EmulatorContext): Hono {
  const { store } = ctx;
  const routes = new Hono();

  routes.post('/token', async (c) => {
    store.stats.tokenRequests++;
    const { tokenDelayMs, tokenFailure, wpcomRetryAfter: retryAfter } = store.behaviour;
    if (tokenDelayMs > 0) {
      await sleep(tokenDelayMs);
      // The client closed the connection while it waited (a proxy's timeout that really cancels its call). The
      // answer goes on as a server would give it: the code is spent all the same.
      if (c.req.raw.signal.aborted) store.stats.tokenRequestsAbandoned++;
    }
    // Failures answer before the code is looked at, as a broken front end would: the code stays usable.
    if (tokenFailure === 'server_error') {
      return json({ error: 'server_error', error_description: 'The server had a problem. Try again.' }, 500);
    }
    if (tokenFailure === 'rate_limited') return json(OAUTH_RATE_LIMITED, 429, wpcomRetryAfter(retryAfter));
    if (tokenFailure === 'html') {
      return c.html('<!doctype html><title>Welcome</title><p>Please sign in to the network to continue.</p>', 200);
    }
    if (tokenFailure === 'redirect') {
      return new Response(null, {
        status: 307,
        headers: { ...NO_STORE, Location: new URL('/oauth2/token-moved', c.req.url).href },
      });
    }
    // Narrowed on purpose: WordPress.com's PHP examples post multipart/form-data, which it presumably takes too; the
    // proxy sends a URL-encoded form (its curl examples' form), and a client that sent anything else should hear of it.
    if (!isFormEncoded(c.req.header('content-type'))) {
      const description = 'The body must be application/x-www-form-urlencoded.';
      return json({ error: 'invalid_request', error_description: description }, 400);
    }
    const answer = exchangeCode(ctx, paramRecord(new URLSearchParams(await c.req.text())));
    return json(answer.body, answer.status);
  });

  // Where `tokenFailure: 'redirect'` points. Not WordPress.com's: it counts the clients that followed.
  routes.all('/token-moved', () => {
    store.stats.tokenRedirectsFollowed++;
    const followed = {
      access_token: 'followed-a-redirect',
      token_type: 'bearer',
      blog_id: '0',
      blog_url: null,
      scope: 'auth',
    };
    return json(followed, 200);
  });

  routes.get('/token-info', (c) => {
    store.stats.tokenInfoRequests++;
    // A rate limit answers before anything is looked at (assumed, as restRateLimit does on the REST API).
    const { tokenInfoFailure, wpcomRetryAfter: retryAfter } = store.behaviour;
    if (tokenInfoFailure === 'rate_limited') return json(OAUTH_RATE_LIMITED, 429, wpcomRetryAfter(retryAfter));
    // `extensionOriginsRefused`: assumed to be refused here as on the REST API, with the REST API's answer and
    // before the token is looked at (token-info does not document an origin check at all).
    if (originRefusedOutright(ctx, c.req.header('origin'))) return json(BAD_ORIGIN.body, BAD_ORIGIN.status);
    const invalid = { error: 'invalid_request', error_description: 'The specified token is invalid.' };
    const parsed = tokenInfoQuerySchema.safeParse(queryRecord(c.req.url));
    if (!parsed.success) return json(invalid, 400);
    const record = store.findToken(parsed.data.token);
    if (!record || record.revoked || record.clientId !== parsed.data.client_id) return json(invalid, 400);
    // null for global tokens (documented); 0 for login tokens (assumed).
    const blogId = record.kind === 'global' ? null : (record.blogId ?? 0);
    const userId = userByKey(record.userKey).id;
    // Strings, as the docs' example has them; numbers with `tokenInfoNumberIds` (a client must read both).
    const asString = !store.behaviour.tokenInfoNumberIds;
    return json(
      {
        client_id: record.clientId,
        user_id: asString ? String(userId) : userId,
        blog_id: asString && blogId !== null ? String(blogId) : blogId,
        scope: record.scopes.join(','),
      },
      200,
    );
  });

  return routes;
}
