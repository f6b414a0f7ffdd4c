/**
 * The extension's messages as the browser gets them: `locales/<lang>.yml` turned into `_locales/<lang>/messages.json`
 * entries by @wxt-dev/i18n's own build step, and `getMessage` as Chromium applies them ($1…$9, $$; names are
 * case-insensitive; an unknown name gives ""). For unit tests: the fake `browser.i18n` and the locale checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { type ChromeMessage, generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';

export const LOCALES_DIR = resolve(import.meta.dirname, '../../locales');

/** The languages there are messages for: ["de", "en"]. */
export function localeNames(): string[] {
  return readdirSync(LOCALES_DIR)
    .filter((file) => extname(file) === '.yml')
    .map((file) => basename(file, '.yml'))
    .sort();
}

/** A locale's messages, by their `messages.json` name (`popup_signIn`), as the build writes them. */
export function chromeMessages(locale: string): Record<string, ChromeMessage> {
  const text = readFileSync(resolve(LOCALES_DIR, `${locale}.yml`), 'utf8');
  return generateChromeMessages(parseMessagesText(text, 'YAML'));
}

/** The browser's own messages that the pages use, for a left-to-right English browser. */
const PREDEFINED: Record<string, string> = { '@@bidi_dir': 'ltr', '@@ui_locale': 'en' };

/** `chrome.i18n.getMessage` over `messages`. */
export function getMessageFrom(messages: Record<string, ChromeMessage>) {
  const byName = new Map(Object.entries(messages).map(([name, entry]) => [name.toLowerCase(), entry.message]));
  return (name: string, substitutions?: string | string[]): string => {
    const message = PREDEFINED[name] ?? byName.get(name.toLowerCase());
    if (message === undefined) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
      which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
    );
  };
}
