/** `identity.launchWebAuthFlow`, with the browser's error strings turned into our codes. */

import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { authFlowFailure } from './browser-differences';
import { ConnectError } from './errors';

export async function launchWebAuthFlow(url: URL): Promise<string> {
  let callback: string | undefined;
  try {
    callback = await browser.identity.launchWebAuthFlow({ url: url.href, interactive: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure = authFlowFailure(message);
    if (failure === 'cancelled') {
      throw new ConnectError('user_cancelled', i18n.t('detail.windowClosed'));
    }
    if (failure === 'page_failed') {
      throw new ConnectError('network', i18n.t('detail.signInPageFailed'));
    }
    throw new ConnectError('unexpected', i18n.t('detail.windowFailed'), { cause: message });
  }
  if (!callback) throw new ConnectError('invalid_response', i18n.t('detail.windowNoAnswer'));
  return callback;
}

/**
 * The redirect URI WordPress.com must have on record for this extension: `https://<id>.chromiumapp.org/` in
 * Chromium, `https://<sha1(gecko id)>.extensions.allizom.org/` in Firefox (browser-differences.ts).
 */
export function redirectUri(): string {
  return browser.identity.getRedirectURL();
}
