/** The WordPress.com page where a person approves the app. Every parameter goes through URLSearchParams. */
export interface AuthorizeUrlInput {
  oauthUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}

/**
 * A "Log in with WordPress.com" request: `/oauth2/authenticate` with `scope=auth`, whose token
 * reaches only `/me`. (Site and global access use `/oauth2/authorize`; a later issue adds them.)
 */
export function buildAuthenticateUrl({ oauthUrl, clientId, redirectUri, state }: AuthorizeUrlInput): URL {
  const url = new URL(`${oauthUrl}/authenticate`);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'auth',
    state,
  }).toString();
  return url;
}
