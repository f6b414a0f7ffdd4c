/**
 * The endpoint console's catalogue as plain data, for the pages: each WordPress.com REST endpoint's title,
 * method, path, which kinds of token may call it, its parameters (name, hint, whether required, and the rule
 * its value must follow) and where it is documented. No zod: the popup imports this.
 *
 * The worker's side, `endpoint-catalogue.ts`, adds the zod schemas built from the same rules and each answer's
 * response schema. Paths are relative to the configured API URL (`WXT_WPCOM_API_URL`, which ends in `/rest`),
 * and only `endpoint-request.ts` turns them into URLs.
 *
 * What WordPress.com documents is refused before sending: a login token reaches only `/me`. Which scope a
 * narrowed one-site token needs for an endpoint, and that only an "All sites" token may list the connected
 * applications, are not documented: the `siteScope` values and those `kinds` are our assumption, so a call
 * they would rule out is sent anyway with a caution, and WordPress.com's own answer decides. The emulator
 * enforces the same table (sandbox/emulator/rest-access.ts), so its refusal shows what such an answer looks like.
 */
import { i18n } from '#i18n';
import type { SiteScope } from './access-choices';
import type { ConnectionView, TokenKind } from './connection';

/** What a parameter's value must be. The worker's zod schemas and the console's hints both follow it. */
export type ParamRule =
  /** A site ID (digits) or a host name such as `example.wordpress.com`; read trimmed and in lower case. */
  | { kind: 'site' }
  /** A whole number from 1 to `max`. */
  | { kind: 'count'; max: number }
  /**
   * One or several of the listed words separated by commas (`publish,draft`; spaces around them are dropped), or
   * `alone` by itself: WordPress.com's "comma-separated list of statuses …, or simply any".
   */
  | { kind: 'wordList'; values: readonly [string, ...string[]]; alone: string };

export interface ParamMeta {
  name: string;
  /** Goes into a path segment (`{name}` in the template) or the query string. */
  in: 'path' | 'query';
  required: boolean;
  /** Shown next to the input. */
  hint: string;
  rule: ParamRule;
}

export interface EndpointMeta {
  id: string;
  title: string;
  method: 'GET';
  /** Relative to the API URL, `{name}` marks a path parameter: `/v1.1/sites/{site}/posts`. */
  path: string;
  /**
   * Token kinds that may call it. A login token outside them is refused (documented: it reaches only `/me`);
   * another kind outside them is our assumption, so it is only cautioned.
   */
  kinds: readonly TokenKind[];
  /** The scope we assume a one-site token narrowed to scopes needs (a whole-site token holds them all). */
  siteScope?: SiteScope;
  /** True when the `site` parameter must be the token's own site for a one-site token. */
  siteBound?: boolean;
  params: readonly ParamMeta[];
  docs: string;
}

const DOCS = 'https://developer.wordpress.com/docs/api/1.1';

/** A site ID or a host name, once trimmed and lower-cased. */
export const SITE_PARAM_PATTERN =
  /^(\d{1,20}|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+)$/;
export const SITE_PARAM_PROBLEM = i18n.t('detail.param.site');
export const WHOLE_NUMBER_PATTERN = /^\d{1,20}$/;
export const WHOLE_NUMBER_PROBLEM = i18n.t('detail.param.wholeNumber');
export const rangeProblem = (max: number) => i18n.t('detail.param.range', { max });

const siteParam: ParamMeta = {
  name: 'site',
  in: 'path',
  required: true,
  hint: i18n.t('detail.param.siteHint'),
  rule: { kind: 'site' },
};

const countParam = (name: string, max: number): ParamMeta => ({
  name,
  in: 'query',
  required: false,
  hint: `1–${max}`,
  rule: { kind: 'count', max },
});

const postStatus: ParamMeta = {
  name: 'status',
  in: 'query',
  required: false,
  hint: i18n.t('detail.param.statusHint'),
  rule: { kind: 'wordList', values: ['publish', 'draft', 'pending', 'private', 'future', 'trash'], alone: 'any' },
};

const SITE_KINDS: readonly TokenKind[] = ['site', 'global'];

export const ENDPOINT_META = [
  {
    id: 'me',
    title: i18n.t('detail.endpoint.me'),
    method: 'GET',
    path: '/v1.1/me',
    kinds: ['login', 'site', 'global'],
    params: [],
    docs: `${DOCS}/get/me/`,
  },
  {
    id: 'me-settings',
    title: i18n.t('detail.endpoint.meSettings'),
    method: 'GET',
    path: '/v1.1/me/settings',
    kinds: SITE_KINDS,
    siteScope: 'users',
    params: [],
    docs: `${DOCS}/get/me/settings/`,
  },
  {
    id: 'me-sites',
    title: i18n.t('detail.endpoint.meSites'),
    method: 'GET',
    path: '/v1.1/me/sites',
    kinds: SITE_KINDS,
    siteScope: 'sites',
    params: [],
    docs: `${DOCS}/get/me/sites/`,
  },
  {
    id: 'site',
    title: i18n.t('detail.endpoint.site'),
    method: 'GET',
    path: '/v1.1/sites/{site}',
    kinds: SITE_KINDS,
    siteScope: 'sites',
    siteBound: true,
    params: [siteParam],
    docs: `${DOCS}/get/sites/%24site/`,
  },
  {
    id: 'site-posts',
    title: i18n.t('detail.endpoint.sitePosts'),
    method: 'GET',
    path: '/v1.1/sites/{site}/posts',
    kinds: SITE_KINDS,
    siteScope: 'posts',
    siteBound: true,
    params: [siteParam, countParam('number', 100), postStatus],
    docs: `${DOCS}/get/sites/%24site/posts/`,
  },
  {
    id: 'site-stats',
    title: i18n.t('detail.endpoint.siteStats'),
    method: 'GET',
    path: '/v1.1/sites/{site}/stats',
    kinds: SITE_KINDS,
    siteScope: 'stats',
    siteBound: true,
    params: [siteParam],
    docs: `${DOCS}/get/sites/%24site/stats/`,
  },
  {
    id: 'read-following',
    title: i18n.t('detail.endpoint.readFollowing'),
    method: 'GET',
    path: '/v1.1/read/following/mine',
    kinds: SITE_KINDS,
    siteScope: 'read',
    // v1.1 documents no paging here (`number` and `page` are v1.2's): the whole list comes back.
    params: [],
    docs: `${DOCS}/get/read/following/mine/`,
  },
  {
    id: 'read-liked',
    title: i18n.t('detail.endpoint.readLiked'),
    method: 'GET',
    path: '/v1.1/read/liked',
    kinds: SITE_KINDS,
    siteScope: 'read',
    // "The number of posts to return. Limit: 40. Default: 10."
    params: [countParam('number', 40)],
    docs: `${DOCS}/get/read/liked/`,
  },
  {
    id: 'connected-apps',
    title: i18n.t('detail.endpoint.connectedApps'),
    method: 'GET',
    path: '/v1.1/me/connected-applications',
    kinds: ['global'],
    params: [],
    docs: `${DOCS}/get/me/connected-applications/`,
  },
] as const satisfies readonly EndpointMeta[];

/** A catalogue endpoint's ID: the worker's response schemas are keyed by it, so none can be missing. */
export type EndpointId = (typeof ENDPOINT_META)[number]['id'];

/**
 * Why the value typed for `param` would be refused, or undefined when it would not. The same rules as the
 * worker's zod schemas (`endpoint-catalogue.ts`, and a test keeps the two in step), with the same words.
 */
export function paramValueProblem(rule: ParamRule, typed: string): string | undefined {
  if (rule.kind === 'site') return SITE_PARAM_PATTERN.test(typed.trim().toLowerCase()) ? undefined : SITE_PARAM_PROBLEM;
  if (rule.kind === 'count') {
    const value = typed.trim();
    if (!WHOLE_NUMBER_PATTERN.test(value)) return WHOLE_NUMBER_PROBLEM;
    const count = Number(value);
    return count >= 1 && count <= rule.max ? undefined : rangeProblem(rule.max);
  }
  return wordListOf(rule, typed) === undefined ? wordListProblem(rule) : undefined;
}

/** The words typed, as sent (`publish, draft` → `publish,draft`), or undefined when the rule refuses them. */
export function wordListOf(rule: Extract<ParamRule, { kind: 'wordList' }>, typed: string): string | undefined {
  const words = typed.split(',').map((word) => word.trim());
  if (words.length === 1 && words[0] === rule.alone) return rule.alone;
  return words.every((word) => rule.values.includes(word)) ? words.join(',') : undefined;
}

export const wordListProblem = (rule: Extract<ParamRule, { kind: 'wordList' }>) =>
  i18n.t('detail.param.wordList', { values: rule.values.join(', '), alone: rule.alone });

/**
 * Whether the console may send a call with this connection: `allowed: false` only for what WordPress.com
 * documents, with the reason; `caution` when our assumed table says the connection's access may not cover it.
 */
export type Availability = { allowed: true; caution?: string } | { allowed: false; reason: string };

/** Why a login token cannot call an endpoint, by the kinds that can. */
function kindNeeded(kinds: readonly TokenKind[]): string {
  const which = kinds.join(',');
  if (which === 'site,global') return i18n.t('detail.needs.siteToken');
  if (which === 'global') return i18n.t('detail.needs.allSitesToken');
  return i18n.t('detail.needs.otherToken');
}

/** Whether the connection's token may call the endpoint, and if not, why (shown in the console). */
export function availability(
  endpoint: Pick<EndpointMeta, 'kinds' | 'siteScope'>,
  connection: Pick<ConnectionView, 'kind' | 'scope'>,
): Availability {
  if (!endpoint.kinds.includes(connection.kind)) {
    // Documented: a login token reaches only `/me`, so nothing else is sent with it.
    if (connection.kind === 'login') return { allowed: false, reason: kindNeeded(endpoint.kinds) };
    // Assumed (e.g. the connected applications for "All sites" tokens only): sent, with a caution.
    const allSites = connection.kind !== 'global' && endpoint.kinds.includes('global');
    return {
      allowed: true,
      caution: allSites ? i18n.t('detail.needs.mayNeedAllSites') : i18n.t('detail.needs.mayNeedOtherToken'),
    };
  }
  // A one-site token with no scopes reaches all of its site; which scope a narrowed one needs is assumed.
  if (connection.kind === 'site' && endpoint.siteScope && connection.scope.length > 0) {
    if (!connection.scope.includes(endpoint.siteScope)) {
      return { allowed: true, caution: i18n.t('detail.needs.mayNeedScope', { scope: endpoint.siteScope }) };
    }
  }
  return { allowed: true };
}
