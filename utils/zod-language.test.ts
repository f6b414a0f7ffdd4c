import { readdirSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { chromeMessages, getMessageFrom } from './testing/locale-messages';
import { ZOD_LOCALES, zodInExtensionLanguage } from './zod-language';

const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
const english = i18n.getMessage;
afterEach(() => {
  i18n.getMessage = english;
  zodInExtensionLanguage();
});

const wrongShape = () => z.object({ ID: z.number() }).safeParse({ ID: 'five' }).error?.issues[0]?.message;

test('every language the extension speaks has zod’s words for it', () => {
  const languages = readdirSync(new URL('../locales', import.meta.url)).map((file) => file.replace(/\.yml$/, ''));
  expect(languages).toContain('de');
  for (const language of languages) expect(Object.keys(ZOD_LOCALES), language).toContain(language);
});

test('zod words a mismatch in the extension’s language, and back', () => {
  i18n.getMessage = getMessageFrom(chromeMessages('de'));
  zodInExtensionLanguage();
  expect(wrongShape()).toMatch(/^Ungültige Eingabe: erwartet Zahl, erhalten string$/);
  i18n.getMessage = english;
  zodInExtensionLanguage();
  expect(wrongShape()).toMatch(/^Invalid input: expected number, received string$/);
});
