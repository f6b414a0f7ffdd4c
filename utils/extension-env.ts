/**
 * The extension's build-time configuration: one zod schema, read from `process.env` by
 * wxt.config.ts at build time and from `import.meta.env` at run time.
 */
import { z } from 'zod';
import { type BrowserFamily, DEFAULT_GECKO_ID, GECKO_ID_PATTERN, hostPermissionPattern } from './browser-differences';
import { isHttpsOrLoopback, SECURE_URL_MESSAGE } from './secure-url';
import { CONNECTED_APPS_DEFAULT_URL } from './wpcom-links';

/** How long one request to WordPress.com, Gravatar or the proxy may take before it fails as `timeout`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * `WXT_REQUEST_TIMEOUT_MS`: optional, whole milliseconds from 1000 to 60000, default 15000. Builds for
 * people keep the default; the end-to-end suite sets a short one so its "proxy too slow" test need not
 * wait 15 s.
 */
export const requestTimeoutSchema = z.lazy(() =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number of milliseconds')
    .transform(Number)
    .pipe(
      z.number().min(1000, 'must be at least 1000 (milliseconds)').max(60_000, 'must be at most 60000 (milliseconds)'),
    )
    .default(DEFAULT_REQUEST_TIMEOUT_MS),
);

/** `https://`, or `http://` to this machine only (the sandbox). */
const secureUrl = () =>
  z
    .url({ protocol: /^https?$/, error: SECURE_URL_MESSAGE, abort: true })
    .refine(isHttpsOrLoopback, { error: SECURE_URL_MESSAGE });

const apiBaseUrl = () => secureUrl().transform((url) => url.replace(/\/+$/, ''));

/** The two apps' IDs must differ: WordPress.com says not to use one app for both login and blog access. */
const ONE_APP_FOR_BOTH =
  'must be another app than WXT_WPCOM_CLIENT_ID: WordPress.com says not to use one app for both login and blog access';

export const extensionEnvSchema = z.lazy(() =>
  z
    .object({
      /** The login app: "Profile only" (`/oauth2/authenticate`). */
      WXT_WPCOM_CLIENT_ID: z
        .string({ error: 'is required (the client ID of your WordPress.com app for login)' })
        .regex(/^\d+$/, 'must be the numeric client ID of your WordPress.com app for login'),
      /** The API app: "One site" and "All sites" (`/oauth2/authorize`). */
      WXT_WPCOM_API_CLIENT_ID: z
        .string({ error: 'is required (the client ID of your WordPress.com app for site access)' })
        .regex(/^\d+$/, 'must be the numeric client ID of your WordPress.com app for site access'),
      WXT_WPCOM_OAUTH_URL: apiBaseUrl().default('https://public-api.wordpress.com/oauth2'),
      WXT_WPCOM_API_URL: apiBaseUrl().default('https://public-api.wordpress.com/rest'),
      WXT_GRAVATAR_API_URL: apiBaseUrl().default('https://api.gravatar.com/v3'),
      /**
       * WordPress.com's Connected Apps page, where a person ends an app's access by hand (the popup links to it when a
       * revoke could not). Only the sandbox changes it, to the emulator's page.
       */
      WXT_WPCOM_CONNECTED_APPS_URL: secureUrl().default(CONNECTED_APPS_DEFAULT_URL),
      WXT_TOKEN_PROXY_URL: z.string({ error: "is required (your companion proxy's /token URL)" }).pipe(secureUrl()),
      WXT_EXTENSION_KEY: z
        .string()
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be a base64 public key')
        .optional(),
      WXT_REQUEST_TIMEOUT_MS: requestTimeoutSchema,
      /** The Firefox add-on's ID (`browser_specific_settings.gecko.id`); it fixes the Firefox redirect URI. */
      WXT_GECKO_ID: z
        .string()
        .max(80, 'must be at most 80 characters')
        .regex(GECKO_ID_PATTERN, 'must be an add-on ID like name@example.com or {GUID}')
        .default(DEFAULT_GECKO_ID),
    })
    .refine((env) => env.WXT_WPCOM_API_CLIENT_ID !== env.WXT_WPCOM_CLIENT_ID, {
      path: ['WXT_WPCOM_API_CLIENT_ID'],
      // Checked whatever else is wrong, so that one message names every problem (zod skips it otherwise).
      when: (payload) => {
        const env = payload.value as Record<string, unknown> | undefined;
        return typeof env?.WXT_WPCOM_CLIENT_ID === 'string' && typeof env?.WXT_WPCOM_API_CLIENT_ID === 'string';
      },
      error: ONE_APP_FOR_BOTH,
    }),
);

export type ExtensionEnv = z.output<typeof extensionEnvSchema>;

function checkExtensionEnv(env: Record<string, unknown>) {
  // Empty strings count as unset, as in a .env file with `NAME=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  return extensionEnvSchema.safeParse(present);
}

/** Parses the environment, or throws one Error naming every bad variable. */
export function parseExtensionEnv(env: Record<string, unknown>): ExtensionEnv {
  const result = checkExtensionEnv(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')} ${issue.message}`);
  throw new Error(`Extension configuration is incomplete:\n${lines.join('\n')}`);
}

/** The environment when it is complete, else `undefined` (for `wxt prepare`, which builds nothing). */
export function completeExtensionEnv(env: Record<string, unknown>): ExtensionEnv | undefined {
  return checkExtensionEnv(env).data;
}

/** The manifest's host permissions: exactly the origins the extension talks to (Firefox: their hosts, any port). */
export function hostPermissionsFor(env: ExtensionEnv, family: BrowserFamily = 'chromium'): string[] {
  const urls = [env.WXT_WPCOM_OAUTH_URL, env.WXT_WPCOM_API_URL, env.WXT_GRAVATAR_API_URL, env.WXT_TOKEN_PROXY_URL];
  return [...new Set(urls.map((url) => hostPermissionPattern(family, new URL(url))))];
}
