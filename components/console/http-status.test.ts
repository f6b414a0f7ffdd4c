/** The status line ("404 Not Found") in the extension's language: the number, then the reason phrase when we know it. */
import { afterEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessageFrom } from '../../utils/testing/locale-messages';
import { statusLine } from './http-status';

const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
const english = i18n.getMessage;
afterEach(() => {
  i18n.getMessage = english;
});

/** Every status line from 100 to 599, as the console would show it now. */
const allLines = () => Array.from({ length: 500 }, (_, i) => statusLine(100 + i));

test('in English: the number and its reason phrase', () => {
  expect(statusLine(200)).toBe('200 OK');
  expect(statusLine(404)).toBe('404 Not Found');
  expect(statusLine(429)).toBe('429 Too Many Requests');
});

test('in German: the number and the German reason phrase', () => {
  i18n.getMessage = getMessageFrom(chromeMessages('de'));
  expect(statusLine(403)).toBe('403 Verboten');
  expect(statusLine(404)).toBe('404 Nicht gefunden');
  expect(statusLine(429)).toBe('429 Zu viele Anfragen');
  expect(statusLine(500)).toBe('500 Interner Serverfehler');
});

test('a status without a known phrase is its number alone', () => {
  expect(statusLine(299)).toBe('299');
  expect(statusLine(599)).toBe('599');
});

test.each(['en', 'de'])('in %s, each known status has words (never "404 " with an empty phrase)', (locale) => {
  i18n.getMessage = getMessageFrom(chromeMessages(locale));
  const lines = allLines();
  for (const line of lines) expect(line).toMatch(/^\d{3}( \S.*)?$/);
  expect(lines.filter((line) => line.includes(' ')).length).toBeGreaterThanOrEqual(20);
});

test('German does not fall back to the English phrases', () => {
  const inEnglish = allLines();
  i18n.getMessage = getMessageFrom(chromeMessages('de'));
  const inGerman = allLines();
  // "200 OK" is OK in both; every other phrase is the language's own.
  const same = inGerman.filter((line, i) => line.includes(' ') && line === inEnglish[i]);
  expect(same).toEqual(['200 OK']);
});
