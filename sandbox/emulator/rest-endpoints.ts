/**
 * The emulated REST endpoints' answers, one handler per endpoint. Each runs only after rest-routes.ts has
 * checked the token, its kind and scopes, and the site in the path (see the order in rest-access.ts).
 */
import { connectedApplicationJson, settingsJson } from './account-json.ts';
import { type RestError, SCOPE_TOO_NARROW } from './bearer.ts';
import { findClient } from './clients.ts';
import type { EmulatorContext } from './context.ts';
import { type MeUrls, meResponse } from './me-response.ts';
import type { ParamRecord } from './params.ts';
import { followingJson, likedJson } from './reader-json.ts';
import type { EndpointId, RestRoute } from './rest-paths.ts';
import { likedQuerySchema, postsQuerySchema, readQuery } from './rest-query.ts';
import { postJson, siteJson, statsJson } from './site-json.ts';
import { type SiteFixture, siteById, sitesOf } from './sites.ts';
import type { TokenRecord } from './store.ts';
import { type EmulatorUser, emailHash } from './users.ts';

export interface EndpointInput {
  ctx: EmulatorContext;
  route: RestRoute;
  token: TokenRecord;
  user: EmulatorUser;
  /** The site named in the path, found and reachable by the token (site endpoints only). */
  site: SiteFixture | undefined;
  query: ParamRecord;
  urls: MeUrls;
}

export type EndpointAnswer = { ok: true; body: unknown } | { ok: false; error: RestError };

type Handler = (input: EndpointInput) => EndpointAnswer | Promise<EndpointAnswer>;

const ok = (body: unknown): EndpointAnswer => ({ ok: true, body });

function siteOf(input: EndpointInput): SiteFixture {
  if (!input.site) throw new Error(`No site checked for ${input.route.id}`);
  return input.site;
}

/** The sites the token lists: a one-site token only its own, a global token all the user's. */
function visibleSites(token: TokenRecord): SiteFixture[] {
  if (token.kind !== 'site') return sitesOf(token.userKey);
  const own = token.blogId === null ? undefined : siteById(token.blogId);
  return own ? [own] : [];
}

export const HANDLERS: Readonly<Record<EndpointId, Handler>> = {
  me: async ({ ctx, user, token, urls }) =>
    ok(
      await meResponse(user, token, urls, {
        asTyped: ctx.store.behaviour.meEmailAsTyped,
        verified: ctx.store.behaviour.meEmailVerified,
      }),
    ),

  'me-settings': async ({ user, urls }) => {
    const avatar = `${urls.base}/avatar/${await emailHash(user)}?s=96&d=identicon`;
    return ok(settingsJson(user, avatar));
  },

  'me-sites': ({ token, urls }) => ok({ sites: visibleSites(token).map((site) => siteJson(site, urls)) }),

  site: (input) => ok(siteJson(siteOf(input), input.urls)),

  'site-posts': (input) => {
    const query = readQuery(postsQuerySchema, input.query);
    if (!query.ok) return query;
    const { number, status } = query.value;
    const site = siteOf(input);
    const matching = site.posts
      .filter((post) => status === 'any' || status.has(post.status))
      .sort((a, b) => b.date.localeCompare(a.date));
    return ok({
      found: matching.length,
      posts: matching.slice(0, number).map((post) => postJson(site, post, input.urls)),
      meta: { links: { counts: `${input.urls.api}/sites/${site.ID}/post-counts/post` } },
    });
  },

  'site-stats': (input) => ok(statsJson(siteOf(input), input.ctx.store.now())),

  // v1.1 documents no paging for this list (v1.2 has `number` and `page`): the whole list, whatever is asked.
  'read-following': ({ token, urls }) => ok(followingJson(token.userKey, urls)),

  'read-liked': ({ token, query, urls }) => {
    const parsed = readQuery(likedQuerySchema, query);
    return parsed.ok ? ok(likedJson(token.userKey, parsed.value.number, urls)) : parsed;
  },

  'connected-apps': ({ ctx, token }) => {
    const byClient = new Map<string, TokenRecord[]>();
    for (const record of ctx.store.liveTokens(token.userKey)) {
      byClient.set(record.clientId, [...(byClient.get(record.clientId) ?? []), record]);
    }
    const apps = [...byClient].flatMap(([clientId, tokens]) => {
      const client = findClient(ctx.clients, clientId);
      return client ? [connectedApplicationJson(client, tokens)] : [];
    });
    return ok({ connected_applications: apps });
  },

  'delete-app': ({ ctx, token, route }) => {
    const client = findClient(ctx.clients, route.app);
    if (!client) {
      return { ok: false, error: { status: 404, body: { error: 'unknown_app', message: 'Unknown application.' } } };
    }
    const failure = ctx.store.behaviour.appDeleteFailure;
    if (failure === 'refused') return { ok: false, error: SCOPE_TOO_NARROW };
    if (failure === 'not_done') return ok({ success: false });
    if (failure === 'unexpected') return ok({ deleted: true });
    const kind = ctx.store.behaviour.appDeleteEnds === 'global_tokens' ? 'global' : undefined;
    ctx.store.revokeTokens({ userKey: token.userKey, clientId: client.clientId, kind });
    return ok({ success: true });
  },
};
