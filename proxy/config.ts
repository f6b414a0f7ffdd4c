/**
 * The proxy's configuration: one zod schema over environment variables, turned into camelCase
 * fields. Runtime-agnostic (Node reads `process.env`, Workers pass their `env` bindings).
 */
import * as z from 'zod';
import { EXTENSION_ORIGIN_SHAPE, REDIRECT_URI_SHAPE } from '../utils/browser-differences';
import { isHttpsOrLoopback, SECURE_URL_MESSAGE } from '../utils/secure-url';

export const DEFAULT_TOKEN_URL = 'https://public-api.wordpress.com/oauth2/token';

/** The default shutdown grace's time past the upstream timeout: for the answer to be written after the call ends. */
export const SHUTDOWN_MARGIN_MS = 2_000;

/** Comma-separated list, each item trimmed, empty items dropped. */
const commaList = (what: string) =>
  z.string({ error: `is required (a comma-separated list of ${what})` }).transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

/**
 * A redirect URI a code can be sent to: https (http only to this machine, the sandbox's), no fragment (RFC 6749
 * §3.1.2). Scripts and other schemes are refused.
 */
function isRedirectUri(value: string): boolean {
  return URL.canParse(value) && isHttpsOrLoopback(value) && !value.includes('#');
}

/**
 * An extension's redirect URI exactly as `identity.getRedirectURL()` gives it: `https://` + 32 letters a–p (the
 * extension ID) + `.chromiumapp.org/`, or + the gecko ID's SHA-1 (40 hex) + `.extensions.allizom.org/`. Anything else
 * on those hosts (a placeholder, a missing slash, a query) could never match, so it is refused at start-up.
 */
function isExactExtensionRedirectUri(value: string): boolean {
  const host = URL.canParse(value) ? new URL(value).hostname : '';
  if (host.endsWith('.chromiumapp.org')) return REDIRECT_URI_SHAPE.chromium.test(value);
  if (host.endsWith('.extensions.allizom.org')) return REDIRECT_URI_SHAPE.firefox.test(value);
  return true;
}

/** `scheme://host[:port]` and nothing more: exactly what a browser sends in `Origin`. */
function isBareOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  // Non-special schemes (chrome-extension:, moz-extension:) have an `origin` of "null" in WHATWG
  // URL, so rebuild scheme://host[:port] ourselves and require the input to be exactly that.
  return url.host !== '' && value === `${url.protocol}//${url.host}`;
}

/**
 * An extension origin exactly as the browser sends it: `chrome-extension://` + 32 letters a–p (the extension
 * ID), `moz-extension://` + a lowercase UUID (the add-on's Internal UUID in that Firefox profile). Anything
 * else under those schemes could never match, so it is refused at start-up instead of failing every request.
 */
function isExactExtensionOrigin(value: string): boolean {
  if (value.startsWith('chrome-extension:')) return EXTENSION_ORIGIN_SHAPE.chromium.test(value);
  if (value.startsWith('moz-extension:')) return EXTENSION_ORIGIN_SHAPE.firefox.test(value);
  return true;
}

/**
 * A web origin in plain `http://` is refused unless it is this machine's: anyone on the path could pose as it. Extension
 * origins (`chrome-extension:`, `moz-extension:`) and `https:` pass; no browser sends an `Origin` in another scheme.
 */
function isTrustworthyOrigin(value: string): boolean {
  const scheme = value.slice(0, value.indexOf(':') + 1);
  if (scheme === 'http:') return isHttpsOrLoopback(value);
  return ['https:', 'chrome-extension:', 'moz-extension:'].includes(scheme);
}

/**
 * A client secret as pasted: blank or with whitespace at either end is refused. WordPress.com would answer every
 * exchange `invalid_client` while the proxy said it was ready (an `--env-file` line with a trailing space, a `\r` from
 * a file edited on Windows). No regex message echoes the value; these are fixed strings.
 */
const clientSecret = (what: string) =>
  z
    .string({ error: `is required (the client secret of your WordPress.com app for ${what})` })
    .refine((value) => value.trim() !== '', 'must not be blank')
    .refine((value) => value === value.trim(), 'must not start or end with a space or line break');

const integer = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be ${what}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be ${what}`).max(max, `must be ${what}`));

/** Whether both client IDs are there as strings (the check that they differ needs nothing else). */
const bothAppsGiven = (value: unknown, login: string, api: string) => {
  const env = value as Record<string, unknown> | undefined;
  return typeof env?.[login] === 'string' && typeof env?.[api] === 'string';
};

const proxyEnvSchema = z
  .object({
    // Two apps, as WordPress.com asks (not one app for both login and blog access): the login app, for the extension's
    // "Profile only", and the API app, for "One site" and "All sites". A request names its app (`client_id`).
    WPCOM_CLIENT_ID: z
      .string({ error: 'is required (the client ID of your WordPress.com app for login)' })
      .regex(/^\d{1,20}$/, 'must be the numeric client ID of your WordPress.com app for login'),
    // No echo: the secret's value must never appear in a message.
    WPCOM_CLIENT_SECRET: clientSecret('login'),
    WPCOM_API_CLIENT_ID: z
      .string({ error: 'is required (the client ID of your WordPress.com app for site access)' })
      .regex(/^\d{1,20}$/, 'must be the numeric client ID of your WordPress.com app for site access'),
    WPCOM_API_CLIENT_SECRET: clientSecret('site access'),
    // The secret travels to this URL: https, or http only to this machine (the sandbox's emulator).
    WPCOM_TOKEN_URL: z
      .url({ protocol: /^https?$/, error: SECURE_URL_MESSAGE, abort: true })
      .refine(isHttpsOrLoopback, { error: SECURE_URL_MESSAGE })
      .default(DEFAULT_TOKEN_URL),
    PROXY_ALLOWED_REDIRECT_URIS: commaList('redirect URIs')
      .refine((list) => list.length > 0, 'must list at least one redirect URI')
      .refine(
        (list) => list.every(isRedirectUri),
        'must list only absolute https URLs without a fragment (http:// only to 127.0.0.1, localhost or [::1])',
      )
      .refine((list) => !list.some((uri) => uri.includes('*')), 'must list exact URIs: wildcards (*) are not taken')
      .refine(
        (list) => list.every(isExactExtensionRedirectUri),
        'must list extension redirect URIs as identity.getRedirectURL() gives them: ' +
          'https://<32 letters a-p>.chromiumapp.org/ or https://<40 hex digits>.extensions.allizom.org/',
      ),
    PROXY_ALLOWED_ORIGINS: commaList('origins')
      .refine((list) => list.length > 0, 'must list at least one origin')
      .refine(
        (list) => list.every(isBareOrigin),
        'must list only bare origins (scheme://host[:port], no path or trailing slash)',
      )
      // Matching is exact: a `*` would match nothing, and a publisher who wrote one meant a wildcard. Say so.
      .refine(
        (list) => !list.some((origin) => origin.includes('*')),
        'must list exact origins: wildcards (*) are not taken',
      )
      .refine(
        (list) => list.every(isExactExtensionOrigin),
        'must list extension origins as browsers send them: chrome-extension://<32 letters a-p> or ' +
          'moz-extension://<lowercase Internal UUID>',
      )
      .refine(
        (list) => list.every(isTrustworthyOrigin),
        'must list extension or https:// origins (http:// only to 127.0.0.1, localhost or [::1])',
      ),
    HOST: z.string().default('127.0.0.1'),
    PORT: integer(0, 65_535, 'a port number from 0 to 65535').default(8787),
    // At most the extension's longest deadline (WXT_REQUEST_TIMEOUT_MS, 60 s): a proxy still waiting after the extension
    // gave up may redeem the code for a token nobody holds. Keep it below the extension's own (15 s by default).
    PROXY_UPSTREAM_TIMEOUT_MS: integer(1, 60_000, 'a whole number of milliseconds from 1 to 60000').default(10_000),
    PROXY_RATE_LIMIT_PER_MINUTE: integer(
      0,
      1_000_000,
      'a whole number of requests per minute from 0 to 1000000 (0 turns rate limiting off)',
    ).default(30),
    // A header name (RFC 9110 token characters), e.g. X-Forwarded-For behind nginx or CF-Connecting-IP.
    PROXY_CLIENT_IP_HEADER: z
      .string()
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name, e.g. X-Forwarded-For')
      .optional(),
    // Node's own default (5 s). Behind a reverse proxy or load balancer that keeps idle connections to the proxy open
    // longer (Caddy 2 min, AWS ALB 60 s), set it above theirs: otherwise the proxy may close an idle connection just as
    // they send a POST /token on it, and they answer that request 502 (a POST is not retried).
    PROXY_KEEP_ALIVE_TIMEOUT_MS: integer(1_000, 600_000, 'a whole number of milliseconds from 1000 to 600000').default(
      5_000,
    ),
    // Unset: the upstream timeout and a little more (SHUTDOWN_MARGIN_MS), so that an exchange in progress at a stop
    // ends with its answer (or its 504), never cut off after WordPress.com redeemed its code for a token nobody gets.
    PROXY_SHUTDOWN_GRACE_MS: integer(0, 600_000, 'a whole number of milliseconds from 0 to 600000').optional(),
  })
  .refine((env) => env.WPCOM_API_CLIENT_ID !== env.WPCOM_CLIENT_ID, {
    path: ['WPCOM_API_CLIENT_ID'],
    // Checked whatever else is wrong, so that one message names every problem (zod skips it otherwise).
    when: (payload) => bothAppsGiven(payload.value, 'WPCOM_CLIENT_ID', 'WPCOM_API_CLIENT_ID'),
    error:
      'must be another app than WPCOM_CLIENT_ID: WordPress.com says not to use one app for both login and blog access',
  });

export interface ProxyConfig {
  /** The login app: also the app of a request that names none (extensions built before there were two). */
  clientId: string;
  clientSecret: string;
  /** The API app (site access). */
  apiClientId: string;
  apiClientSecret: string;
  tokenUrl: string;
  /** Exact-match list: a `redirect_uri` is forwarded only if it equals one of these. */
  allowedRedirectUris: readonly string[];
  /** Exact-match list of `Origin` header values. */
  allowedOrigins: readonly string[];
  host: string;
  port: number;
  upstreamTimeoutMs: number;
  /** `POST /token` requests per client IP per minute; 0 = no limit. */
  rateLimitPerMinute: number;
  /**
   * Header holding the client IP as set by a trusted reverse proxy (its last comma-separated entry is
   * used); undefined = the socket's remote address.
   */
  clientIpHeader: string | undefined;
  /** How long an idle keep-alive connection stays open (Node). */
  keepAliveTimeoutMs: number;
  /** On SIGTERM/SIGINT, how long in-flight requests may take before their connections are closed (Node). */
  shutdownGraceMs: number;
}

/** Thrown when the environment is incomplete or wrong; the message names every bad variable. */
export class ProxyConfigError extends Error {
  readonly code = 'invalid_config';
  readonly variables: readonly string[];
  /** Each problem, so that errors found by different checks can be told as one (proxy/worker.ts). */
  readonly problems: ReadonlyArray<{ variable: string; message: string }>;

  constructor(problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(
      `configuration is incomplete or wrong:\n${problems.map(({ variable, message }) => `  ${variable} ${message}`).join('\n')}`,
    );
    this.name = 'ProxyConfigError';
    this.problems = problems;
    // One name per variable, in order, even when a variable broke more than one rule.
    this.variables = [...new Set(problems.map(({ variable }) => variable))];
  }
}

/** Parses the proxy's environment, or throws one `ProxyConfigError` naming every bad variable. */
export function parseProxyConfig(env: Record<string, string | undefined>): ProxyConfig {
  const result = readProxyConfig(env);
  if (result instanceof ProxyConfigError) throw result;
  return result;
}

/**
 * The same parse, returning the `ProxyConfigError` instead of throwing it: for runtimes with no
 * start-up step to fail (Workers), which build the app anyway and let `/readyz` report the problem.
 */
export function readProxyConfig(env: Record<string, string | undefined>): ProxyConfig | ProxyConfigError {
  // Empty strings count as unset, as in a .env file with `NAME=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = proxyEnvSchema.safeParse(present);
  if (!result.success) {
    // Issue messages are our own fixed strings above; zod's issues carry `input`, which we never print.
    return new ProxyConfigError(
      result.error.issues.map((issue) => ({ variable: issue.path.join('.'), message: issue.message })),
    );
  }
  const parsed = result.data;
  return {
    clientId: parsed.WPCOM_CLIENT_ID,
    clientSecret: parsed.WPCOM_CLIENT_SECRET,
    apiClientId: parsed.WPCOM_API_CLIENT_ID,
    apiClientSecret: parsed.WPCOM_API_CLIENT_SECRET,
    tokenUrl: parsed.WPCOM_TOKEN_URL,
    allowedRedirectUris: parsed.PROXY_ALLOWED_REDIRECT_URIS,
    allowedOrigins: parsed.PROXY_ALLOWED_ORIGINS,
    host: parsed.HOST,
    port: parsed.PORT,
    upstreamTimeoutMs: parsed.PROXY_UPSTREAM_TIMEOUT_MS,
    rateLimitPerMinute: parsed.PROXY_RATE_LIMIT_PER_MINUTE,
    clientIpHeader: parsed.PROXY_CLIENT_IP_HEADER,
    keepAliveTimeoutMs: parsed.PROXY_KEEP_ALIVE_TIMEOUT_MS,
    shutdownGraceMs: parsed.PROXY_SHUTDOWN_GRACE_MS ?? parsed.PROXY_UPSTREAM_TIMEOUT_MS + SHUTDOWN_MARGIN_MS,
  };
}

/** One of the proxy's two apps, with its secret. */
export interface WpcomApp {
  clientId: string;
  clientSecret: string;
}

/**
 * The app a `/token` request names (`client_id`), or the login app when it names none (an extension built before
 * there were two apps, whose codes were all the login app's). Undefined for any other client ID.
 */
export function appNamed(config: ProxyConfig, clientId: string | undefined): WpcomApp | undefined {
  if (clientId === undefined || clientId === config.clientId) {
    return { clientId: config.clientId, clientSecret: config.clientSecret };
  }
  if (clientId === config.apiClientId) return { clientId: config.apiClientId, clientSecret: config.apiClientSecret };
  return undefined;
}
