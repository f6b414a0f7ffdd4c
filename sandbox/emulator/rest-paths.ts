/** Which emulated REST endpoint a method and path (after `/rest/v1.1/`) name, with the path's parameters. */

export type EndpointId =
  | 'me'
  | 'me-settings'
  | 'me-sites'
  | 'site'
  | 'site-posts'
  | 'site-stats'
  | 'read-following'
  | 'read-liked'
  | 'connected-apps'
  | 'delete-app';

export interface RestRoute {
  id: EndpointId;
  /** The `{site}` path segment as sent (an ID or a host name), for site endpoints. */
  site?: string;
  /** The application ID of `me/connected-applications/{app}/delete`. */
  app?: string;
}

const PATHS: readonly { method: 'GET' | 'POST'; pattern: RegExp; id: EndpointId }[] = [
  { method: 'GET', pattern: /^me$/, id: 'me' },
  { method: 'GET', pattern: /^me\/settings$/, id: 'me-settings' },
  { method: 'GET', pattern: /^me\/sites$/, id: 'me-sites' },
  { method: 'GET', pattern: /^sites\/(?<site>[^/]+)$/, id: 'site' },
  { method: 'GET', pattern: /^sites\/(?<site>[^/]+)\/posts$/, id: 'site-posts' },
  { method: 'GET', pattern: /^sites\/(?<site>[^/]+)\/stats$/, id: 'site-stats' },
  { method: 'GET', pattern: /^read\/following\/mine$/, id: 'read-following' },
  { method: 'GET', pattern: /^read\/liked$/, id: 'read-liked' },
  { method: 'GET', pattern: /^me\/connected-applications$/, id: 'connected-apps' },
  { method: 'POST', pattern: /^me\/connected-applications\/(?<app>[^/]+)\/delete$/, id: 'delete-app' },
];

export function routeOf(method: string, path: string): RestRoute | undefined {
  for (const candidate of PATHS) {
    if (candidate.method !== method) continue;
    const match = path.match(candidate.pattern);
    if (!match) continue;
    const route: RestRoute = { id: candidate.id };
    if (match.groups?.site !== undefined) route.site = match.groups.site;
    if (match.groups?.app !== undefined) route.app = match.groups.app;
    return route;
  }
  return undefined;
}
