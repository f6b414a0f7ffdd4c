/**
 * Turns a console call (catalogue endpoint + what the person typed) into the request to send, or refuses
 * with a ConnectError before anything is sent. Pure: no I/O, no clock.
 *
 * Checks, in order: parameter names and values (the catalogue's zod schemas), the token's kind (`availability`:
 * only what WordPress.com documents, a login token reaching only `/me`; an assumed scope is WordPress.com's to
 * refuse), the site of a one-site token (only a site ID other than the token's: documented, other sites answer 403;
 * a host is WordPress.com's to judge), and finally the built URL itself, which must stay under the API URL's origin
 * and path whatever the parameters held.
 */
import { i18n } from '#i18n';
import type { Connection } from './connection';
import { availability, type EndpointSpec } from './endpoint-catalogue';
import { paramValueProblem } from './endpoint-meta';
import { ConnectError } from './errors';

export interface EndpointRequest {
  url: URL;
  method: EndpointSpec['method'];
  headers: { Authorization: string; Accept: 'application/json' };
}

export type RequestConnection = Pick<Connection, 'accessToken' | 'kind' | 'scope' | 'blogId' | 'blogUrl'>;

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Characters and segments a path parameter may never carry, whatever its schema let through. */
function unsafePathValue(value: string): boolean {
  return value === '' || value === '.' || value === '..' || /[/\\%?#@]/.test(value);
}

/** Validated parameter values by name. Values are never quoted in errors: only the field names. */
function validateParams(endpoint: EndpointSpec, raw: Readonly<Record<string, string>>): Map<string, string> {
  const known = new Set(endpoint.params.map((param) => param.name));
  for (const name of Object.keys(raw)) {
    if (!known.has(name)) {
      throw new ConnectError(
        'invalid_params',
        PARAM_NAME.test(name) ? i18n.t('detail.noSuchParam', { name }) : i18n.t('detail.noSuchParamUnnamed'),
      );
    }
  }
  const values = new Map<string, string>();
  for (const param of endpoint.params) {
    const given = Object.hasOwn(raw, param.name) ? raw[param.name] : undefined;
    // An empty input is a parameter left out.
    if (given === undefined || given.trim() === '') {
      if (param.required)
        throw new ConnectError('invalid_params', i18n.t('detail.paramRequired', { name: param.name }));
      continue;
    }
    const parsed = param.schema.safeParse(given);
    if (!parsed.success) {
      // The catalogue's own words for its rule ("must be a whole number"), else the hint. Neither quotes the value.
      const problem = paramValueProblem(param.rule, given);
      throw new ConnectError(
        'invalid_params',
        problem
          ? i18n.t('detail.paramWrong', { name: param.name, problem })
          : i18n.t('detail.paramInvalidHint', { name: param.name, hint: param.hint }),
      );
    }
    values.set(param.name, parsed.data);
  }
  return values;
}

function hostOf(url: string | null): string | undefined {
  if (url === null) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

type KnownSite = RequestConnection & { blogId: number };

/** The site a one-site token reaches (known by its ID), in words. */
function siteName({ blogUrl, blogId }: KnownSite): string {
  const host = hostOf(blogUrl);
  return host ? i18n.t('detail.siteWithId', { host, id: blogId }) : i18n.t('detail.siteById', { id: blogId });
}

/**
 * Whether `site` (already validated: digits or a lower-case host name) is certainly not the one-site token's own
 * site: a site ID other than the token's `blog_id`. A host is never judged here: a site answers to several
 * (its wordpress.com address, www., a mapped domain; `blog_url` gives only the primary one, see granted-access.ts),
 * so a host other than `blog_url`'s is sent and WordPress.com decides (403 "User cannot access this blog" for
 * another site, worded by api-problem.ts). Nor is anything judged when the token's site ID is unknown.
 */
function isCertainlyOtherSite(site: string, connection: RequestConnection): connection is KnownSite {
  return (
    /^\d+$/.test(site) && connection.blogId !== null && site.replace(/^0+(?=\d)/, '') !== String(connection.blogId)
  );
}

export function buildEndpointRequest(
  apiUrl: string,
  endpoint: EndpointSpec,
  rawParams: Readonly<Record<string, string>>,
  connection: RequestConnection,
): EndpointRequest {
  const values = validateParams(endpoint, rawParams);

  const allowed = availability(endpoint, connection);
  if (!allowed.allowed) {
    throw new ConnectError('scope_insufficient', i18n.t('detail.cannotCall', { reason: allowed.reason }));
  }

  // Documented: a one-site token reaches only its site ("User cannot access this blog" for any other). Refused
  // here only when that is certain (another site ID); anything else is WordPress.com's to answer.
  const site = values.get('site');
  if (
    endpoint.siteBound &&
    connection.kind === 'site' &&
    site !== undefined &&
    isCertainlyOtherSite(site, connection)
  ) {
    throw new ConnectError('scope_insufficient', i18n.t('detail.otherSite', { site: siteName(connection) }));
  }

  const base = new URL(apiUrl);
  const apiPath = base.pathname.replace(/\/+$/, '');
  const pathParams = new Set(endpoint.params.filter((param) => param.in === 'path').map((param) => param.name));
  const path = endpoint.path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = values.get(name);
    if (!pathParams.has(name) || value === undefined || unsafePathValue(value)) {
      throw new ConnectError('invalid_params', i18n.t('detail.paramInvalid', { name }));
    }
    return encodeURIComponent(value);
  });

  const query = new URLSearchParams();
  for (const param of endpoint.params) {
    const value = values.get(param.name);
    if (param.in === 'query' && value !== undefined) query.set(param.name, value);
  }

  const url = new URL(base.origin);
  url.pathname = `${apiPath}${path}`;
  url.search = query.toString();

  // Whatever went through above, the request goes to the API and nowhere else.
  const segments = url.pathname.split('/');
  if (
    url.origin !== base.origin ||
    !url.pathname.startsWith(`${apiPath}/`) ||
    segments.some((segment) => /^(\.|%2e){1,2}$/i.test(segment)) ||
    // Exactly as many segments as the template: no value became two, none vanished.
    segments.length !== `${apiPath}${endpoint.path}`.split('/').length ||
    url.username !== '' ||
    url.password !== '' ||
    url.hash !== ''
  ) {
    throw new ConnectError('invalid_params', i18n.t('detail.leavesApi'));
  }

  return {
    url,
    method: endpoint.method,
    headers: { Authorization: `Bearer ${connection.accessToken}`, Accept: 'application/json' },
  };
}
