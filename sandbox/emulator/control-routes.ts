/** /__sandbox/…: switches and counters for tests. JSON in, JSON out; refused to other web origins. */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { readAuthorizeRequest } from './authorize-request.ts';
import { emulatorBehaviourPatchSchema } from './behaviour.ts';
import { findClient } from './clients.ts';
import { grantedBlogId } from './consent-form.ts';
import type { EmulatorContext } from './context.ts';
import { firstIssue, isJson } from './params.ts';
import { userByName } from './users.ts';

const revokeBodySchema = z.object({ username: z.string().min(1).max(100).optional() }).strict();

/** Most codes one mint-codes call issues (a long benchmark run needs a few hundred thousand). */
export const MAX_MINTED_CODES = 500_000;
/** Longest lifetime a minted code may be given. */
export const MAX_MINTED_CODE_TTL_MS = 60 * 60 * 1000;

const mintCodesBodySchema = z
  .object({
    count: z.number().int().min(1).max(MAX_MINTED_CODES),
    /** Username or short key (`alice`, `bob`); default alice. */
    user: z.string().min(1).max(100).optional(),
    /** Default: the first registered client. */
    clientId: z.string().min(1).max(200).optional(),
    /** Default: the client's first registered redirect URI. */
    redirectUri: z.string().min(1).max(2048).optional(),
    /** Default: the emulator's code lifetime (5 minutes unless started otherwise). */
    ttlMs: z.number().int().min(1).max(MAX_MINTED_CODE_TTL_MS).optional(),
  })
  .strict();

type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

async function readJson(c: Context): Promise<JsonBody> {
  const text = await c.req.text();
  if (text === '') return { ok: true, value: {} };
  if (!isJson(c.req.header('content-type'))) {
    return { ok: false, response: c.json({ error: 'invalid_request', message: 'Send application/json.' }, 415) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: c.json({ error: 'invalid_request', message: 'The body is not JSON.' }, 400) };
  }
}

export function controlRoutes(ctx: EmulatorContext): Hono {
  const { store } = ctx;
  const routes = new Hono();

  // Web pages must not flip these switches: a browser request from another origin is refused.
  routes.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== ctx.baseUrl(c.req.url)) {
      return c.json({ error: 'forbidden', message: 'The control API is for local tools only.' }, 403);
    }
    await next();
  });

  routes.post('/reset', (c) => {
    store.reset();
    return c.json({ ok: true });
  });

  routes.get('/behaviour', (c) => c.json(store.behaviour));

  routes.post('/behaviour', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const patch = emulatorBehaviourPatchSchema.safeParse(body.value);
    if (!patch.success) return c.json({ error: 'invalid_request', message: firstIssue(patch.error) }, 400);
    store.behaviour = { ...store.behaviour, ...patch.data };
    return c.json(store.behaviour);
  });

  routes.post('/revoke-tokens', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = revokeBodySchema.safeParse(body.value);
    if (!parsed.success) return c.json({ error: 'invalid_request', message: firstIssue(parsed.error) }, 400);
    const { username } = parsed.data;
    if (username === undefined) return c.json({ revoked: store.revokeTokens() });
    const user = userByName(username);
    if (!user) return c.json({ error: 'unknown_user', message: `No emulated user "${username}".` }, 404);
    return c.json({ revoked: store.revokeTokens({ userKey: user.key }) });
  });

  routes.get('/stats', (c) => c.json(store.stats));

  // Codes as if the user had approved the consent page of /oauth2/authenticate (a login grant) that many
  // times: same checks on client and redirect URI, same store, same binding, single use. For load tests,
  // where driving the page for every exchange would measure the page instead of the exchange.
  routes.post('/mint-codes', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = mintCodesBodySchema.safeParse(body.value);
    if (!parsed.success) return c.json({ error: 'invalid_request', message: firstIssue(parsed.error) }, 400);
    const { count, ttlMs } = parsed.data;
    const user = userByName(parsed.data.user ?? 'alice');
    if (!user) return c.json({ error: 'unknown_user', message: `No emulated user "${parsed.data.user}".` }, 404);
    const clientId = parsed.data.clientId ?? ctx.clients[0]?.clientId ?? '';
    const redirectUri = parsed.data.redirectUri ?? findClient(ctx.clients, clientId)?.redirectUris[0] ?? '';
    const query = { client_id: clientId, redirect_uri: redirectUri, response_type: 'code' };
    const outcome = readAuthorizeRequest('authenticate', query, ctx.clients);
    if (outcome.type !== 'consent') {
      const message = outcome.type === 'error-page' ? outcome.message : outcome.description;
      return c.json({ error: 'invalid_request', message }, 400);
    }
    const { pending } = outcome;
    const site = grantedBlogId(pending, user, undefined); // a login grant: no site
    const grant = {
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      userKey: user.key,
      kind: pending.kind,
      scopes: pending.scopes,
      blogId: site.ok ? site.blogId : null,
    };
    const codes: string[] = new Array(count);
    for (let i = 0; i < count; i++) codes[i] = store.issueCode(grant, ttlMs);
    return c.json({ codes });
  });

  return routes;
}
