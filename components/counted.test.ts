import { afterEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessageFrom } from '../utils/testing/locale-messages';
import { counted } from './counted';

const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
const english = i18n.getMessage;
afterEach(() => {
  i18n.getMessage = english;
});

/** The browser giving this extension `language`'s messages, with these forms of the revoke's count. */
function messagesIn(language: string, forms: Record<string, string>) {
  const messages = { ...chromeMessages('en'), meta_language: { message: language } } as Record<
    string,
    { message: string }
  >;
  for (const name of Object.keys(messages)) if (name.startsWith('popup_revoked_othersGone_')) delete messages[name];
  for (const [form, text] of Object.entries(forms)) messages[`popup_revoked_othersGone_${form}`] = { message: text };
  i18n.getMessage = getMessageFrom(messages);
}

describe('a message that counts', () => {
  test('in English: one, then the count', () => {
    expect(counted('popup.revoked.othersGone', 1)).toBe(
      'One other connection went with it; WordPress.com no longer accepts its token.',
    );
    expect(counted('popup.revoked.othersGone', 3)).toBe(
      '3 other connections went with it; WordPress.com no longer accepts their tokens.',
    );
    // The count as the language writes numbers.
    expect(counted('popup.revoked.othersGone', 1200)).toMatch(/^1,200 other connections/);
  });

  test('in German: German digits and forms', () => {
    i18n.getMessage = getMessageFrom(chromeMessages('de'));
    expect(counted('popup.revoked.othersGone', 1)).toMatch(/^Eine weitere Verbindung/);
    expect(counted('popup.revoked.othersGone', 1200)).toMatch(/^1\.200 weitere Verbindungen/);
  });

  test('in a language with more forms than English, each count gets its own (Polish: one, few, many)', () => {
    messagesIn('pl', { one: 'jedno', few: '$1 few', many: '$1 many', other: '$1 other' });
    const forms = [1, 2, 4, 5, 11, 12, 21, 22, 25, 102].map((n) => counted('popup.revoked.othersGone', n));
    expect(forms).toEqual([
      'jedno',
      '2 few',
      '4 few',
      '5 many',
      '11 many',
      '12 many',
      '21 many',
      '22 few',
      '25 many',
      '102 few',
    ]);
  });

  test('a form the language lacks gives its `other` one, never an empty message', () => {
    messagesIn('pl', { one: 'jedno', other: '$1 other' });
    expect(counted('popup.revoked.othersGone', 2)).toBe('2 other');
  });
});
