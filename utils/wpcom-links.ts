/** WordPress.com pages the extension links to. A module of its own so pages can import it without the worker's code. */
export const CONNECTED_APPS_URL = 'https://wordpress.com/me/security/connected-applications';
