import { i18n } from '#i18n';
import { browser } from '../utils/page-browser';

/**
 * Messages that count something. Each is a group of forms in locales/*.yml, one per plural category of CLDR
 * (`zero`, `one`, `two`, `few`, `many`, `other`: what `Intl.PluralRules` tells apart), `$1` the count. A language
 * gives the forms its own rules use (English and German: `one` and `other`; Polish: `one`, `few`, `many`, `other`),
 * which components/locales.test.ts checks against `Intl.PluralRules`. WXT's own plural forms (`1` and `n`) fit
 * languages like English only.
 */
export const COUNTED_KEYS = ['popup.revoked.othersGone'] as const;
export type CountedKey = (typeof COUNTED_KEYS)[number];

/** The form of `key` for `count` in the language of the messages the browser gives this extension. */
export function counted(key: CountedKey, count: number): string {
  const language = i18n.t('meta.language');
  const form = new Intl.PluralRules(language).select(count);
  const number = [new Intl.NumberFormat(language).format(count)];
  // Typed for the English forms only; the other categories are a language's own.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions: string[]) => string;
  const message = (category: string) => getMessage(`${key}.${category}`.replaceAll('.', '_'), number);
  // A form the language does not have (its rules never pick it) cannot be asked for; `other` is a guard all the same.
  return message(form) || message('other');
}
