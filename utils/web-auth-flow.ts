/** `identity.launchWebAuthFlow`, with the browser's error strings turned into our codes. */

import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ConnectError } from './errors';

// Chromium's and Firefox's words (see shared/extension-platform.md).
const CANCELLED = ['The user did not approve access.', 'User cancelled or denied access.'];
const PAGE_FAILED = 'Authorization page could not be loaded.';

export async function launchWebAuthFlow(url: URL): Promise<string> {
  let callback: string | undefined;
  try {
    callback = await browser.identity.launchWebAuthFlow({ url: url.href, interactive: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (CANCELLED.includes(message)) {
      throw new ConnectError('user_cancelled', i18n.t('detail.windowClosed'));
    }
    if (message === PAGE_FAILED) {
      throw new ConnectError('network', i18n.t('detail.signInPageFailed'));
    }
    throw new ConnectError('unexpected', i18n.t('detail.windowFailed'), { cause: message });
  }
  if (!callback) throw new ConnectError('invalid_response', i18n.t('detail.windowNoAnswer'));
  return callback;
}

/** The redirect URI WordPress.com must have on record for this extension. */
export function redirectUri(): string {
  return browser.identity.getRedirectURL();
}
