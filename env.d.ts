/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** The login app ("Profile only"). */
  readonly WXT_WPCOM_CLIENT_ID?: string;
  /** The API app ("One site", "All sites"): another app, as WordPress.com asks. */
  readonly WXT_WPCOM_API_CLIENT_ID?: string;
  readonly WXT_WPCOM_OAUTH_URL?: string;
  readonly WXT_WPCOM_API_URL?: string;
  readonly WXT_GRAVATAR_API_URL?: string;
  /** WordPress.com's Connected Apps page; the sandbox builds point it at the emulator's (utils/wpcom-links.ts). */
  readonly WXT_WPCOM_CONNECTED_APPS_URL?: string;
  readonly WXT_TOKEN_PROXY_URL?: string;
  readonly WXT_EXTENSION_KEY?: string;
  /** The Firefox add-on ID; build time only (utils/browser-differences.ts). */
  readonly WXT_GECKO_ID?: string;
  /** Whole milliseconds, 1000–60000; default 15000 (utils/extension-env.ts). */
  readonly WXT_REQUEST_TIMEOUT_MS?: string;
}
