/**
 * The extension's build-time configuration: one zod schema, read from `process.env` by
 * wxt.config.ts at build time and from `import.meta.env` at run time.
 */
import { z } from 'zod';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));

export const extensionEnvSchema = z.object({
  WXT_WPCOM_CLIENT_ID: z
    .string({ error: 'is required (the client ID of your WordPress.com app)' })
    .regex(/^\d+$/, 'must be the numeric client ID of your WordPress.com app'),
  WXT_WPCOM_OAUTH_URL: httpUrl.default('https://public-api.wordpress.com/oauth2'),
  WXT_WPCOM_API_URL: httpUrl.default('https://public-api.wordpress.com/rest'),
  WXT_GRAVATAR_API_URL: httpUrl.default('https://api.gravatar.com/v3'),
  WXT_TOKEN_PROXY_URL: z
    .string({ error: "is required (your companion proxy's /token URL)" })
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  WXT_EXTENSION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be a base64 public key')
    .optional(),
});

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

/** The manifest's host permissions: exactly the origins the extension talks to. */
export function hostPermissionsFor(env: ExtensionEnv): string[] {
  const urls = [env.WXT_WPCOM_OAUTH_URL, env.WXT_WPCOM_API_URL, env.WXT_GRAVATAR_API_URL, env.WXT_TOKEN_PROXY_URL];
  return [...new Set(urls.map((url) => `${new URL(url).origin}/*`))];
}
