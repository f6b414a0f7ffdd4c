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
    // Firefox says "cancelled" for a sign-in page it could not reach too (browser-differences.ts): asked once.
    const cancelled = failure === 'cancelled' || (failure === 'cancelled_or_unreachable' && (await reachable(url)));
    if (cancelled) throw new ConnectError('user_cancelled', i18n.t('detail.windowClosed'));
    if (failure === 'cancelled_or_unreachable' || failure === 'page_failed') {
      throw new ConnectError('network', i18n.t('detail.signInPageFailed'));
    }
    throw new ConnectError('unexpected', i18n.t('detail.windowFailed'), { cause: message });
  }
  if (!callback) throw new ConnectError('invalid_response', i18n.t('detail.windowNoAnswer'));
  return callback;
}

/**
 * Whether WordPress.com's sign-in host answers at all (any HTTP status will do): only its origin is asked, never the
 * sign-in's address with its state. Unknown (no answer in 3 s, or no fetch) counts as reachable: the person's
 * "cancelled" then stands, as before.
 */
async function reachable(url: URL): Promise<boolean> {
  try {
    await fetch(url.origin, {
      method: 'HEAD',
      redirect: 'manual',
      credentials: 'omit',
      signal: AbortSignal.timeout(3000),
    });
    return true;
  } catch (error) {
    return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
  }
}

/**
 * The redirect URI WordPress.com must have on record for this extension: `https://<id>.chromiumapp.org/` in
 * Chromium, `https://<sha1(gecko id)>.extensions.allizom.org/` in Firefox (browser-differences.ts).
 */
export function redirectUri(): string {
  return browser.identity.getRedirectURL();
}
