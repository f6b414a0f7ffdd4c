/** /__sandbox/…: switches and counters for tests. JSON in, JSON out; refused to other web origins. */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { emulatorBehaviourPatchSchema } from './behaviour.ts';
import type { EmulatorContext } from './context.ts';
import { firstIssue, isJson } from './params.ts';
import { userByName } from './users.ts';

const revokeBodySchema = z.object({ username: z.string().min(1).max(100).optional() }).strict();

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

  return routes;
}
