/** WordPress.com pages the extension links to. A module of its own so pages can import it without the worker's code. */

/** WordPress.com → Security → Connected Apps, where a person ends an app's access by hand. */
export const CONNECTED_APPS_DEFAULT_URL = 'https://wordpress.com/me/security/connected-applications';

/**
 * The Connected Apps page this build links to: WordPress.com's, or with `WXT_WPCOM_CONNECTED_APPS_URL` (checked when
 * the extension is built: utils/extension-env.ts) the sandbox emulator's.
 */
export const CONNECTED_APPS_URL = import.meta.env.WXT_WPCOM_CONNECTED_APPS_URL || CONNECTED_APPS_DEFAULT_URL;
