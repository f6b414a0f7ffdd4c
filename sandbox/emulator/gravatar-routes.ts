/** Gravatar's profile API, the avatar images and the profile pages that /me and profiles link to. */
import { Hono } from 'hono';
import { initialsAvatar, SVG_HEADERS, serviceIcon, silhouetteAvatar } from './avatar-svg.ts';
import type { EmulatorBehaviour } from './behaviour.ts';
import type { EmulatorContext } from './context.ts';
import { GRAVATAR_HOURLY_LIMIT, rateLimitHeaders } from './gravatar-limit.ts';
import { gravatarProfile } from './gravatar-profile.ts';
import { errorPage, escapeHtml, htmlPage } from './html.ts';
import { sleep } from './sleep.ts';
import { userByEmailHash, userByName } from './users.ts';

const GRAVATAR_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
};

/** Gravatar's 429 (its documented body), with the rate-limit headers given. */
function rateLimited(headers: Record<string, string>): Response {
  return Response.json(
    { error: 'Rate limit exceeded', code: 'rate_limit_exceeded' },
    { status: 429, headers: { ...GRAVATAR_CORS, ...headers } },
  );
}

/** The `gravatarFailure` switch's answers (Gravatar's own shapes where it documents them). */
function gravatarFailureResponse(behaviour: EmulatorBehaviour, now: number): Response | undefined {
  switch (behaviour.gravatarFailure) {
    case 'server_error':
      return Response.json(
        { error: 'Internal server error', code: 'internal_error' },
        { status: 500, headers: GRAVATAR_CORS },
      );
    case 'rate_limited':
      // The period ends `gravatarRetryAfter` seconds from now; null: no rate-limit headers at all.
      return rateLimited(
        behaviour.gravatarRetryAfter === null
          ? {}
          : rateLimitHeaders(GRAVATAR_HOURLY_LIMIT, 0, now + behaviour.gravatarRetryAfter * 1000),
      );
    case 'garbage':
      return new Response('<!doctype html><title>Welcome</title><p>Please sign in to the network to continue.</p>', {
        headers: { ...GRAVATAR_CORS, 'Content-Type': 'text/html; charset=utf-8' },
      });
    case null:
      return undefined;
  }
}

export function gravatarRoutes(ctx: EmulatorContext): Hono {
  const routes = new Hono();

  routes.options('/gravatar/*', () => new Response(null, { status: 204, headers: GRAVATAR_CORS }));

  routes.get('/gravatar/v3/profiles/:hash', async (c) => {
    ctx.store.stats.gravatarRequests++;
    // Gravatar's own limit first: a request within it counts, whatever the answer then is (gravatar-limit.ts).
    const limit = ctx.store.behaviour.gravatarHourlyLimit;
    const counted = limit === null ? undefined : ctx.store.gravatarLimit.take(ctx.clientIp(c) ?? '(unknown)', limit);
    if (counted && !counted.allowed) return rateLimited(counted.headers);
    const failure = gravatarFailureResponse(ctx.store.behaviour, ctx.store.now());
    if (failure) return failure;
    // Where the client stands, on the 200 and the 404 too (none while the limit is off).
    const headers = { ...GRAVATAR_CORS, ...counted?.headers };
    const hash = c.req.param('hash').toLowerCase();
    // Only sha256 hashes name profiles; an MD5 (32 digits) finds nothing.
    const user = /^[0-9a-f]{64}$/.test(hash) ? await userByEmailHash(hash) : undefined;
    if (!user?.gravatar) {
      return Response.json({ error: 'Profile not found', code: 'profile_not_found' }, { status: 404, headers });
    }
    const body = gravatarProfile({ ...user, gravatar: user.gravatar }, hash, ctx.baseUrl(c.req.url));
    return Response.json(body, { headers });
  });

  routes.get('/avatar/:hash', async (c) => {
    const { avatarDelayMs } = ctx.store.behaviour;
    if (avatarDelayMs > 0) await sleep(avatarDelayMs);
    const user = await userByEmailHash(c.req.param('hash').toLowerCase());
    if (user) return new Response(initialsAvatar(user.displayName, c.req.param('hash')), { headers: SVG_HEADERS });
    // Like Gravatar: `d=404` asks for a 404 when the email is unknown, anything else gets a default picture.
    const status = c.req.query('d') === '404' ? 404 : 200;
    return new Response(silhouetteAvatar(), { status, headers: SVG_HEADERS });
  });

  routes.get('/gravatar-icons/:name', (c) => {
    const label = c.req.param('name').replace(/\.svg$/, '');
    return new Response(serviceIcon(label), { headers: SVG_HEADERS });
  });

  routes.get('/gravatar-profile/:username', (c) => {
    const user = userByName(c.req.param('username'));
    const page = user
      ? htmlPage(
          user.displayName,
          `<h1>${escapeHtml(user.displayName)}</h1>\n<p>@${escapeHtml(user.username)} on the local WordPress.com emulator.</p>` +
            (user.gravatar ? `\n<p>${escapeHtml(user.gravatar.description)}</p>` : ''),
        )
      : errorPage('Profile not found', 'There is no such profile.');
    return new Response(page.html, { status: user ? 200 : 404, headers: page.headers });
  });

  return routes;
}
