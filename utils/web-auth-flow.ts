/** `identity.launchWebAuthFlow`, with the browser's error strings turned into our codes. */
import { browser } from 'wxt/browser';
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
      throw new ConnectError('user_cancelled', 'The sign-in window was closed before you approved.');
    }
    if (failure === 'page_failed') {
      throw new ConnectError('network', 'The WordPress.com sign-in page could not be loaded.');
    }
    throw new ConnectError('unexpected', 'The browser could not open the sign-in window.', { cause: message });
  }
  if (!callback) throw new ConnectError('invalid_response', 'The sign-in window closed without an answer.');
  return callback;
}

/**
 * The redirect URI WordPress.com must have on record for this extension: `https://<id>.chromiumapp.org/` in
 * Chromium, `https://<sha1(gecko id)>.extensions.allizom.org/` in Firefox (browser-differences.ts).
 */
export function redirectUri(): string {
  return browser.identity.getRedirectURL();
}
