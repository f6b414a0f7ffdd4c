/**
 * The WordPress.com page where a person approves the app, for each access level (see access.ts).
 * Every parameter goes through URLSearchParams.
 */
import type { AccessRequest } from './access';

export interface AuthorizeUrlInput {
  oauthUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}

/**
 * - `profile`: "Log in with WordPress.com", `/oauth2/authenticate` with `scope=auth`; the token reaches only `/me`.
 * - `site`: `/oauth2/authorize`, with `blog` when one was named and `scope` (the chosen scopes, space-separated
 *   as the docs say) when any were chosen; without `scope` the token reaches all of one site.
 * - `global`: `/oauth2/authorize` with `scope=global`, and never `blog` (the docs say to omit it).
 */
export function buildAuthorizeUrl(input: AuthorizeUrlInput, access: AccessRequest): URL {
  const params = new URLSearchParams({
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    response_type: 'code',
  });
  let endpoint: 'authenticate' | 'authorize' = 'authorize';
  switch (access.level) {
    case 'profile':
      endpoint = 'authenticate';
      params.set('scope', 'auth');
      break;
    case 'site':
      if (access.blog !== undefined) params.set('blog', access.blog);
      if (access.scopes.length > 0) params.set('scope', [...new Set(access.scopes)].join(' '));
      break;
    case 'global':
      params.set('scope', 'global');
      break;
  }
  params.set('state', input.state);
  const url = new URL(`${input.oauthUrl}/${endpoint}`);
  url.search = params.toString();
  return url;
}

/** The login request (`profile` level). */
export function buildAuthenticateUrl(input: AuthorizeUrlInput): URL {
  return buildAuthorizeUrl(input, { level: 'profile' });
}
