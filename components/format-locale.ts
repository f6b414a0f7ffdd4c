/**
 * The locale dates, times and numbers are written in: the browser's own when the extension speaks its language
 * (a browser in en-GB reads "21 Nov, 19:42", one in en-US "Nov 21, 7:42 PM"), else the language of the messages
 * shown (a browser in Spanish gets the English messages, so English dates, not Spanish ones among English words).
 */

import { i18n } from '#i18n';
import { browser } from '../utils/page-browser';

let cached: string | undefined;

/** `messages` is the language of the messages shown ("en", "de"), `ui` the browser's ("en-GB", "de-AT"). */
export function pickFormatLocale(messages: string, ui: string): string {
  const base = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  return ui && base(ui) === base(messages) ? ui.replace('_', '-') : messages;
}

export function formatLocale(): string {
  cached ??= pickFormatLocale(i18n.t('meta.language'), browser.i18n.getUILanguage());
  return cached;
}
