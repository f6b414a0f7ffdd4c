/**
 * The languages are complete and the code asks only for messages that exist: every locale has exactly the
 * English keys, with the same placeholders; every key the code names (`i18n.t('…')`, template keys such as
 * `problem.words.${code}`, and `__MSG_…__` in the manifest) is an English message. A message that counts
 * (components/counted.ts) has, in each language, exactly the forms that language's plural rules use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chromeMessages, localeNames } from '../utils/testing/locale-messages';
import { COUNTED_KEYS } from './counted';

const ROOT = resolve(import.meta.dirname, '..');
/** The forms of a counted message (`popup_revoked_othersGone_one`): each language has its own set. */
const countedForm = (name: string) => COUNTED_KEYS.find((key) => name.startsWith(`${key.replaceAll('.', '_')}_`));
const english = chromeMessages('en');
const englishNames = Object.keys(english)
  .filter((name) => !countedForm(name))
  .sort();

/** `$1`…`$9` and `{name}` in a message, sorted: what the code fills in. */
function placeholders(message: string): string[] {
  return [...(message.match(/\$[1-9]|\{[A-Za-z0-9_]+\}/g) ?? [])].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(resolve(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Message keys the code names: literal ones, and template ones as patterns (`problem.words.${code}`). */
function keysInCode(): Array<{ file: string; key: string }> {
  const found: Array<{ file: string; key: string }> = [];
  for (const file of [...['components', 'entrypoints', 'utils'].flatMap(sourceFiles), resolve(ROOT, 'wxt.config.ts')]) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/i18n\.t\(\s*(['`])([^'`]+)\1/g)) found.push({ file, key: match[2] ?? '' });
    for (const match of text.matchAll(/__MSG_(\w+)__/g)) found.push({ file, key: match[1] ?? '' });
  }
  return found;
}

/** The messages.json name of a key (dots become underscores), or a pattern for a template key. */
function namePattern(key: string): RegExp {
  const parts = key.split(/\$\{[^}]+\}/).map((part) => part.replaceAll('.', '_').replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[A-Za-z0-9_]+')}$`, 'i');
}

test('there is English and at least one more language', () => {
  expect(localeNames()).toContain('en');
  expect(localeNames().length).toBeGreaterThan(1);
  expect(englishNames.length).toBeGreaterThan(100);
});

describe.each(localeNames().filter((locale) => locale !== 'en'))('the %s messages', (locale) => {
  const messages = chromeMessages(locale);

  test('have every English key, and no other', () => {
    const names = Object.keys(messages)
      .filter((name) => !countedForm(name))
      .sort();
    expect(
      englishNames.filter((name) => !names.includes(name)),
      'missing',
    ).toEqual([]);
    expect(
      names.filter((name) => !englishNames.includes(name)),
      'not in English',
    ).toEqual([]);
  });

  test('fill in the same placeholders as the English ones, and none is empty', () => {
    for (const name of englishNames) {
      const translated = messages[name]?.message ?? '';
      expect(translated.trim(), name).not.toBe('');
      expect(placeholders(translated), name).toEqual(placeholders(english[name]?.message ?? ''));
    }
  });

  test('say which language they are in', () => {
    expect(messages.meta_language?.message).toBe(locale);
  });
});

describe.each(localeNames())('the %s messages that count', (locale) => {
  const messages = chromeMessages(locale);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

  test.each(COUNTED_KEYS)('%s has one form for each plural category of the language, and no other', (key) => {
    const prefix = `${key.replaceAll('.', '_')}_`;
    const forms = Object.keys(messages)
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length));
    expect(forms.sort()).toEqual([...categories].sort());
    for (const form of forms) {
      const message = messages[`${prefix}${form}`]?.message ?? '';
      expect(message.trim(), form).not.toBe('');
      // The count, or none where the form says it in words ("One other connection").
      expect(
        placeholders(message).filter((placeholder) => placeholder !== '$1'),
        form,
      ).toEqual([]);
    }
  });
});

test('message names are ones the browser accepts', () => {
  for (const name of englishNames) expect(name).toMatch(/^[A-Za-z0-9_@]+$/);
});

test('every key the code and the manifest use is an English message', () => {
  const used = keysInCode();
  expect(used.length).toBeGreaterThan(100);
  // `@@bidi_dir` and the like are the browser's own messages.
  const missing = used.filter(
    ({ key }) => !key.startsWith('@@') && !englishNames.some((name) => namePattern(key).test(name)),
  );
  expect(missing).toEqual([]);
});

test('the check above finds a missing key', () => {
  // A template key as it stands in the code: `problem.words.${code}`.
  const template = (prefix: string) => `${prefix}.$\{code}`;
  expect(englishNames.some((name) => namePattern('popup.noSuchMessage').test(name))).toBe(false);
  expect(englishNames.some((name) => namePattern(template('problem.words')).test(name))).toBe(true);
  expect(englishNames.some((name) => namePattern(template('problem.nothing')).test(name))).toBe(false);
});
