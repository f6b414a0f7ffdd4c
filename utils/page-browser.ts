/**
 * The extension API for the extension's pages (popup, options): the browser's own, with no polyfill. The pages
 * use runtime messaging and `openOptionsPage` only, which Chrome's `chrome.*` (Manifest V3: promises) and the
 * `browser` namespace of Firefox and of recent Chrome provide as they are. The worker keeps
 * webextension-polyfill (`wxt/browser`), whose `onMessage` answers with a listener's promise in every browser.
 *
 * This keeps the polyfill (about 10 KB, 3 KB gzip) out of what the popup loads before its first paint.
 */
import type { browser as wxtBrowser } from 'wxt/browser';

type ExtensionApi = typeof wxtBrowser;
const global = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };

export const browser: ExtensionApi = (global.browser?.runtime?.id ? global.browser : global.chrome) as ExtensionApi;
