import { expect, test } from 'vitest';
import { formatLocale, pickFormatLocale } from './format-locale';

test('the browser’s own locale when the messages are in its language, else the messages’ language', () => {
  expect(pickFormatLocale('en', 'en-GB')).toBe('en-GB');
  expect(pickFormatLocale('en', 'en_US')).toBe('en-US');
  expect(pickFormatLocale('de', 'de-AT')).toBe('de-AT');
  // A Spanish browser gets the English messages (no Spanish ones): English dates among English words.
  expect(pickFormatLocale('en', 'es')).toBe('en');
  expect(pickFormatLocale('de', '')).toBe('de');
});

test('in the unit tests’ browser (English messages, English UI) dates are English', () => {
  expect(formatLocale()).toBe('en');
});
