/**
 * zod's own words in the extension's language: what the console says of an answer that does not have its documented
 * shape ("sites.0.ID: …") is zod's. English is zod's default; every other language in locales/ names zod's locale
 * of it here (zod-language.test.ts checks that none is missing).
 */

import { z } from 'zod';
import { de, en } from 'zod/locales';
import { i18n } from '#i18n';

export const ZOD_LOCALES: Readonly<Record<string, typeof en>> = { en, de };

let chosen: string | undefined;

/** Sets zod's language to the extension's before zod words something; once per language. */
export function zodInExtensionLanguage(): void {
  const language = i18n.t('meta.language');
  if (language === chosen) return;
  chosen = language;
  z.config((ZOD_LOCALES[language] ?? en)());
}
