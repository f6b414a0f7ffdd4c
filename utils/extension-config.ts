import { type ExtensionEnv, parseExtensionEnv } from './extension-env';

/**
 * The configuration baked in at build time. Each name is spelled out so that Vite replaces it;
 * parsing is cheap and lazy, so nothing runs at the worker's top level.
 */
export function extensionConfig(): ExtensionEnv {
  return parseExtensionEnv({
    WXT_WPCOM_CLIENT_ID: import.meta.env.WXT_WPCOM_CLIENT_ID,
    WXT_WPCOM_OAUTH_URL: import.meta.env.WXT_WPCOM_OAUTH_URL,
    WXT_WPCOM_API_URL: import.meta.env.WXT_WPCOM_API_URL,
    WXT_GRAVATAR_API_URL: import.meta.env.WXT_GRAVATAR_API_URL,
    WXT_TOKEN_PROXY_URL: import.meta.env.WXT_TOKEN_PROXY_URL,
  });
}
