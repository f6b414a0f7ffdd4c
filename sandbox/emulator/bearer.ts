/** Checks `Authorization: Bearer <token>` (taken as is, never URL-decoded) and the caller's Origin. */
import { type EmulatorClient, findClient } from './clients.ts';
import type { EmulatorContext } from './context.ts';
import type { TokenRecord } from './store.ts';

export interface RestError {
  status: 400 | 403 | 404 | 429 | 500;
  body: { error: string; message: string };
}

export const NO_ACTIVE_TOKEN: RestError = {
  status: 403,
  body: {
    error: 'authorization_required',
    message: 'An active access token must be used to query information about the current user.',
  },
};
export const SCOPE_TOO_NARROW: RestError = {
  status: 403,
  body: { error: 'authorization_required', message: 'Access token does not have the required scope' },
};
export const BAD_TOKEN: RestError = {
  status: 400,
  body: { error: 'invalid_token', message: 'The OAuth2 token is invalid.' },
};
export const BAD_ORIGIN: RestError = {
  status: 403,
  body: { error: 'unauthorized', message: 'You cannot make requests from this origin.' },
};
export const UNKNOWN_ENDPOINT: RestError = {
  status: 404,
  body: { error: 'unknown_endpoint', message: 'Endpoint does not exist' },
};

/** A browser extension's own origin (Chromium's and Firefox's schemes). */
export function isExtensionOrigin(origin: string | undefined): boolean {
  return origin !== undefined && /^(chrome|moz)-extension:\/\//.test(origin);
}

/**
 * Whether `origin` is refused before any app's Javascript Origins are looked at: an extension's origin while the
 * `extensionOriginsRefused` switch is on (whether WordPress.com accepts one at all is not documented).
 */
export function originRefusedOutright(ctx: EmulatorContext, origin: string | undefined): boolean {
  return ctx.store.behaviour.extensionOriginsRefused && isExtensionOrigin(origin);
}

export type BearerCheck = { ok: true; token: TokenRecord; client: EmulatorClient } | { ok: false; error: RestError };

export function readBearer(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer (.+)$/i);
  return match?.[1];
}

/**
 * A request without an Origin header is a server-side call and is fine; a browser origin must be one of
 * the token's app's Javascript Origins (and, with `extensionOriginsRefused` on, not an extension's). The origin
 * is judged after the token, where the token's app is known.
 */
export function checkBearer(
  ctx: EmulatorContext,
  authorization: string | undefined,
  origin: string | undefined,
): BearerCheck {
  // `authorizationStripped`: a proxy between the browser and WordPress.com removed the header.
  const presented = ctx.store.behaviour.authorizationStripped ? undefined : readBearer(authorization);
  if (presented === undefined) return { ok: false, error: NO_ACTIVE_TOKEN };
  const token = ctx.store.findToken(presented);
  // Assumed (WordPress.com does not say which answer goes with which state): a token it never issued gets 400
  // `invalid_token`, one it ended gets the 403 "An active access token must be used…" it documents for /me. The
  // extension takes either as a token that no longer works, and asks token-info before removing anything.
  if (!token) return { ok: false, error: BAD_TOKEN };
  if (token.revoked) return { ok: false, error: NO_ACTIVE_TOKEN };
  const client = findClient(ctx.clients, token.clientId);
  if (!client) return { ok: false, error: BAD_TOKEN };
  if (origin !== undefined && (!client.javascriptOrigins.includes(origin) || originRefusedOutright(ctx, origin))) {
    return { ok: false, error: BAD_ORIGIN };
  }
  return { ok: true, token, client };
}
