/**
 * The endpoint console's catalogue: data, not code paths. Each entry says how to call one WordPress.com
 * REST endpoint, which kinds of token may call it, what its parameters are (validated with zod), what
 * its answer looks like (a zod schema, loose: extra fields are fine), and where it is documented.
 *
 * Paths are relative to the configured API URL (`WXT_WPCOM_API_URL`, which ends in `/rest`), and only
 * `endpoint-request.ts` turns them into URLs.
 *
 * Which scope a narrowed one-site token needs for an endpoint is not documented by WordPress.com; the
 * `siteScope` values below are our assumption, and the emulator enforces the same table.
 */
import { z } from 'zod';
import type { SiteScope } from './access';
import type { ConnectionView, TokenKind } from './connection';

export interface ParamSpec {
  name: string;
  /** Goes into a path segment (`{name}` in the template) or the query string. */
  in: 'path' | 'query';
  required: boolean;
  /** Shown next to the input. */
  hint: string;
  /** Validates (and may normalise) what the person typed. */
  schema: z.ZodType<string>;
}

export interface EndpointSpec {
  id: string;
  title: string;
  method: 'GET';
  /** Relative to the API URL, `{name}` marks a path parameter: `/v1.1/sites/{site}/posts`. */
  path: string;
  /** Token kinds that may call it at all. */
  kinds: readonly TokenKind[];
  /** The scope a one-site token narrowed to scopes must hold (a whole-site token holds them all). */
  siteScope?: SiteScope;
  /** True when the `site` parameter must be the token's own site for a one-site token. */
  siteBound?: boolean;
  params: readonly ParamSpec[];
  response: z.ZodType;
  docs: string;
}

const DOCS = 'https://developer.wordpress.com/docs/api/1.1';

/** A site: numeric ID or a host name such as `example.wordpress.com`. */
const siteParam: ParamSpec = {
  name: 'site',
  in: 'path',
  required: true,
  hint: 'Site ID or address, e.g. 12345 or example.wordpress.com',
  schema: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^(\d{1,20}|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+)$/,
      'must be a site ID (digits) or a site address such as example.wordpress.com',
    ),
};

const countParam = (name: string, max: number): ParamSpec => ({
  name,
  in: 'query',
  required: false,
  hint: `1–${max}`,
  schema: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'must be a whole number')
    .refine((value) => Number(value) >= 1 && Number(value) <= max, `must be between 1 and ${max}`),
});

const postStatus: ParamSpec = {
  name: 'status',
  in: 'query',
  required: false,
  hint: 'publish, draft, pending, private, future or any',
  schema: z.enum(['publish', 'draft', 'pending', 'private', 'future', 'any']),
};

const meSchema = z.looseObject({ ID: z.number(), username: z.string(), display_name: z.string() });
const siteSchema = z.looseObject({ ID: z.number(), name: z.string(), URL: z.string() });

export const ENDPOINTS: readonly EndpointSpec[] = [
  {
    id: 'me',
    title: 'Your profile',
    method: 'GET',
    path: '/v1.1/me',
    kinds: ['login', 'site', 'global'],
    params: [],
    response: meSchema,
    docs: `${DOCS}/get/me/`,
  },
  {
    id: 'me-settings',
    title: 'Your account settings',
    method: 'GET',
    path: '/v1.1/me/settings',
    kinds: ['site', 'global'],
    siteScope: 'users',
    params: [],
    response: z.looseObject({ user_login: z.string(), language: z.string() }),
    docs: `${DOCS}/get/me/settings/`,
  },
  {
    id: 'me-sites',
    title: 'Your sites',
    method: 'GET',
    path: '/v1.1/me/sites',
    kinds: ['site', 'global'],
    siteScope: 'sites',
    params: [],
    response: z.looseObject({ sites: z.array(siteSchema) }),
    docs: `${DOCS}/get/me/sites/`,
  },
  {
    id: 'site',
    title: 'A site',
    method: 'GET',
    path: '/v1.1/sites/{site}',
    kinds: ['site', 'global'],
    siteScope: 'sites',
    siteBound: true,
    params: [siteParam],
    response: siteSchema,
    docs: `${DOCS}/get/sites/%24site/`,
  },
  {
    id: 'site-posts',
    title: 'A site’s posts',
    method: 'GET',
    path: '/v1.1/sites/{site}/posts',
    kinds: ['site', 'global'],
    siteScope: 'posts',
    siteBound: true,
    params: [siteParam, countParam('number', 100), postStatus],
    response: z.looseObject({
      found: z.number(),
      posts: z.array(z.looseObject({ ID: z.number(), title: z.string(), URL: z.string() })),
    }),
    docs: `${DOCS}/get/sites/%24site/posts/`,
  },
  {
    id: 'site-stats',
    title: 'A site’s stats',
    method: 'GET',
    path: '/v1.1/sites/{site}/stats',
    kinds: ['site', 'global'],
    siteScope: 'stats',
    siteBound: true,
    params: [siteParam],
    response: z.looseObject({ date: z.string(), stats: z.looseObject({}) }),
    docs: `${DOCS}/get/sites/%24site/stats/`,
  },
  {
    id: 'read-following',
    title: 'Sites you follow',
    method: 'GET',
    path: '/v1.1/read/following/mine',
    kinds: ['site', 'global'],
    siteScope: 'read',
    params: [countParam('number', 100)],
    response: z.looseObject({ subscriptions: z.array(z.looseObject({ ID: z.union([z.number(), z.string()]) })) }),
    docs: `${DOCS}/get/read/following/mine/`,
  },
  {
    id: 'read-liked',
    title: 'Posts you liked',
    method: 'GET',
    path: '/v1.1/read/liked',
    kinds: ['site', 'global'],
    siteScope: 'read',
    params: [countParam('number', 100)],
    response: z.looseObject({ posts: z.array(z.looseObject({ ID: z.number() })) }),
    docs: `${DOCS}/get/read/liked/`,
  },
  {
    id: 'connected-apps',
    title: 'Your connected applications',
    method: 'GET',
    path: '/v1.1/me/connected-applications',
    kinds: ['global'],
    params: [],
    response: z.looseObject({
      connected_applications: z.array(z.looseObject({ ID: z.union([z.number(), z.string()]) })),
    }),
    docs: `${DOCS}/get/me/connected-applications/`,
  },
];

export function findEndpoint(id: string): EndpointSpec | undefined {
  return ENDPOINTS.find((endpoint) => endpoint.id === id);
}

export type Availability = { allowed: true } | { allowed: false; reason: string };

const KIND_NEEDED: Record<string, string> = {
  'site,global': 'needs a site token',
  global: 'needs an “All sites” token',
};

/** Whether the connection's token may call the endpoint at all, and if not, why (shown in the console). */
export function availability(endpoint: EndpointSpec, connection: Pick<ConnectionView, 'kind' | 'scope'>): Availability {
  if (!endpoint.kinds.includes(connection.kind)) {
    return { allowed: false, reason: KIND_NEEDED[endpoint.kinds.join(',')] ?? 'not available with this token' };
  }
  // A one-site token with no scopes reaches all of its site; one narrowed to scopes needs the right one.
  if (connection.kind === 'site' && endpoint.siteScope && connection.scope.length > 0) {
    if (!connection.scope.includes(endpoint.siteScope)) {
      return { allowed: false, reason: `needs the “${endpoint.siteScope}” scope` };
    }
  }
  return { allowed: true };
}
