/**
 * What both targets of the contract suite share: the proxy's settings against the local emulator,
 * the variants each target runs, and the shape of a running target.
 */
import type { RunningEmulator } from '../../sandbox/emulator/index';
import {
  SANDBOX_API_CLIENT_ID,
  SANDBOX_API_CLIENT_SECRET,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_REDIRECT_URI,
} from '../../sandbox/sandbox-config';

export const OTHER_ALLOWED_ORIGIN = 'https://other-allowed.example';

/**
 * Each target runs the proxy three times, with these settings on top of `proxyVars`:
 * `main` rate-limits as deployed, `impatient` gives up on the token endpoint after 300 ms, and
 * `unlimited` has rate limiting off (for the concurrency test).
 */
export const VARIANTS = {
  main: {},
  impatient: { PROXY_UPSTREAM_TIMEOUT_MS: '300' },
  unlimited: { PROXY_RATE_LIMIT_PER_MINUTE: '0' },
} satisfies Record<string, Record<string, string>>;

export type Variant = keyof typeof VARIANTS;

export const IMPATIENT_TIMEOUT_MS = 300;

/** The proxy's settings against `emulator` (the client secret is apart: Workers take it as a secret). */
export function proxyVars(emulator: RunningEmulator): Record<string, string> {
  return {
    WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
    WPCOM_API_CLIENT_ID: SANDBOX_API_CLIENT_ID,
    WPCOM_TOKEN_URL: emulator.tokenUrl,
    PROXY_ALLOWED_REDIRECT_URIS: SANDBOX_REDIRECT_URI,
    PROXY_ALLOWED_ORIGINS: `${SANDBOX_EXTENSION_ORIGIN},${OTHER_ALLOWED_ORIGIN}`,
  };
}

export const CLIENT_SECRET_VAR = {
  WPCOM_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
  WPCOM_API_CLIENT_SECRET: SANDBOX_API_CLIENT_SECRET,
};

/** A proxy runtime under test, running every variant. */
export interface ProxyTarget {
  /** `POST /token` requests one client IP may make per minute on the `main` variant. */
  readonly rateLimit: number;
  /** A request to one variant; `path` starts with `/`. The client IP is the `CF-Connecting-IP` header. */
  fetch(variant: Variant, path: string, init?: RequestInit): Promise<Response>;
  /** Every line the proxy has logged so far, in order. */
  logLines(): string[];
  /** Stops everything the target started. */
  close(): Promise<void>;
}

export interface TargetKind {
  name: string;
  start(emulator: RunningEmulator): Promise<ProxyTarget>;
}
