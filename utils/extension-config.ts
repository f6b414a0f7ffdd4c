import { type ExtensionEnv, parseExtensionEnv, requestTimeoutSchema } from './extension-env';

/**
 * The configuration baked in at build time. Each name is spelled out so that Vite replaces it;
 * parsing is cheap and lazy, so nothing runs at the worker's top level.
 */
export function extensionConfig(): ExtensionEnv {
  return parseExtensionEnv({
    WXT_WPCOM_CLIENT_ID: import.meta.env.WXT_WPCOM_CLIENT_ID,
    WXT_WPCOM_API_CLIENT_ID: import.meta.env.WXT_WPCOM_API_CLIENT_ID,
    WXT_WPCOM_OAUTH_URL: import.meta.env.WXT_WPCOM_OAUTH_URL,
    WXT_WPCOM_API_URL: import.meta.env.WXT_WPCOM_API_URL,
    WXT_GRAVATAR_API_URL: import.meta.env.WXT_GRAVATAR_API_URL,
    WXT_TOKEN_PROXY_URL: import.meta.env.WXT_TOKEN_PROXY_URL,
    WXT_REQUEST_TIMEOUT_MS: import.meta.env.WXT_REQUEST_TIMEOUT_MS,
  });
}

/**
 * The deadline of every request (`WXT_REQUEST_TIMEOUT_MS`, checked when the extension was built). Read on
 * its own: `request()` needs none of the rest of the configuration.
 */
export function requestTimeoutMs(): number {
  const value = import.meta.env.WXT_REQUEST_TIMEOUT_MS;
  return requestTimeoutSchema.parse(value === '' ? undefined : value);
}
