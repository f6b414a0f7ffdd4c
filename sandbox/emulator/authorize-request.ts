/**
 * Checks an /oauth2/authenticate or /oauth2/authorize request. Until client_id and redirect_uri are both
 * known good, errors are shown as a page: the emulator never redirects to an unregistered URI.
 */
import { z } from 'zod';
import { type EmulatorClient, findClient } from './clients.ts';
import { firstIssue, type ParamRecord } from './params.ts';
import { type AuthEndpoint, readScope } from './scopes.ts';
import type { PendingConsent } from './store.ts';

const authorizeQuerySchema = z.object({
  client_id: z.string().max(200).optional(),
  redirect_uri: z.string().max(2048).optional(),
  response_type: z.string().max(100).optional(),
  state: z.string().max(2048).optional(),
  scope: z.string().max(1000).optional(),
  blog: z.string().max(500).optional(),
});

export type AuthorizeOutcome =
  | { type: 'error-page'; title: string; message: string }
  | { type: 'error-redirect'; redirectUri: string; state: string | undefined; error: string; description: string }
  | { type: 'consent'; client: EmulatorClient; pending: PendingConsent };

export function readAuthorizeRequest(
  endpoint: AuthEndpoint,
  query: ParamRecord,
  clients: readonly EmulatorClient[],
): AuthorizeOutcome {
  const parsed = authorizeQuerySchema.safeParse(query);
  if (!parsed.success) return { type: 'error-page', title: 'Invalid request', message: firstIssue(parsed.error) };
  const { client_id, redirect_uri, response_type, state, scope, blog } = parsed.data;

  const client = findClient(clients, client_id);
  if (!client) {
    return { type: 'error-page', title: 'Invalid client', message: 'The client_id is missing or unknown.' };
  }
  if (redirect_uri === undefined || !client.redirectUris.includes(redirect_uri)) {
    return {
      type: 'error-page',
      title: 'Invalid redirect_uri',
      message: 'The redirect_uri is missing or does not exactly match one registered for this application.',
    };
  }

  const back = { type: 'error-redirect', redirectUri: redirect_uri, state } as const;
  // WordPress.com also documents `token` (the implicit flow); narrowed here on purpose: this project uses the code
  // flow only, and an emulator that refuses the rest makes a mistake show at once.
  if (response_type !== 'code') {
    return { ...back, error: 'unsupported_response_type', description: 'Only response_type=code is supported.' };
  }
  // An app registered for one use asked for the other (clients.ts, `use`).
  const use = endpoint === 'authenticate' ? 'login' : 'api';
  if (client.use !== undefined && client.use !== use) {
    return {
      ...back,
      error: 'unauthorized_client',
      description:
        client.use === 'login'
          ? 'This application is registered for login only: use /oauth2/authenticate.'
          : 'This application is registered for API access: use /oauth2/authorize.',
    };
  }
  const scopes = readScope(endpoint, scope);
  if (!scopes.ok) return { ...back, error: 'invalid_scope', description: scopes.description };
  // The docs say to omit `blog` with scope=global; what WordPress.com does with both is not documented. Assumed
  // (the stricter reading): refused, as a page like any other malformed request it will not act on, never a
  // redirect. Any `blog`, even an empty one, counts as sent.
  if (endpoint === 'authorize' && scopes.kind === 'global' && blog !== undefined) {
    return {
      type: 'error-page',
      title: 'Invalid request',
      message: 'The blog parameter cannot be combined with scope=global, which reaches all of your sites.',
    };
  }

  return {
    type: 'consent',
    client,
    pending: {
      endpoint,
      clientId: client.clientId,
      redirectUri: redirect_uri,
      state,
      kind: scopes.kind,
      scopes: scopes.scopes,
      // `blog` only means something for one-site grants from /authorize; the docs say to omit it with global.
      blog: endpoint === 'authorize' && scopes.kind === 'site' ? blog : undefined,
    },
  };
}
