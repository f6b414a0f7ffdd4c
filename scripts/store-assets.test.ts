/** The committed images are what the browsers and stores take: PNGs at the exact sizes, rendered by `npm run icons`. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { chromeMessages } from '../utils/testing/locale-messages';
import { ICON_SIZES, PROMO_TILE, pngSize, STORE_SCREENSHOT } from './store-assets';

const ROOT = resolve(import.meta.dirname, '..');

test.each(ICON_SIZES)('public/icon/%i.png is a %i px square PNG', (size) => {
  expect(pngSize(readFileSync(resolve(ROOT, `public/icon/${size}.png`)))).toEqual({ width: size, height: size });
});

test('the small promo tile is 440×280', () => {
  expect(pngSize(readFileSync(resolve(ROOT, PROMO_TILE.path)))).toEqual({ width: 440, height: 280 });
});

test('the store screenshots (npm run screenshots) are 1280×800, at least one and at most five', () => {
  const files = readdirSync(resolve(ROOT, 'store/screenshots')).filter((name) => name.endsWith('.png'));
  expect(files.length).toBeGreaterThanOrEqual(1);
  expect(files.length).toBeLessThanOrEqual(5);
  for (const file of files) {
    expect(pngSize(readFileSync(resolve(ROOT, 'store/screenshots', file))), file).toEqual(STORE_SCREENSHOT);
  }
});

/** The text between `<!-- name -->` and `<!-- /name -->` in store/listing.md. */
function listingPart(name: string): string {
  const listing = readFileSync(resolve(ROOT, 'store/listing.md'), 'utf8');
  const part = new RegExp(`<!-- ${name} -->\\n([\\s\\S]*?)\\n<!-- /${name} -->`).exec(listing)?.[1];
  if (part === undefined) throw new Error(`store/listing.md has no ${name} part`);
  return part.trim();
}

test('the listing fits the stores: summary at most 132 characters, description at most 16 000', () => {
  const summary = listingPart('summary');
  expect(summary.length).toBeGreaterThan(40);
  expect(summary.length).toBeLessThanOrEqual(132);
  expect(summary).not.toContain('\n');
  // What Chrome shows is the manifest's description: the listing's summary is that text, not a second one.
  expect(chromeMessages('en').extDescription?.message).toBe(summary);
  const description = listingPart('description');
  expect(description.length).toBeLessThanOrEqual(16_000);
  expect(description).toMatch(/not made by, or affiliated with, Automattic/i);
  // The German listing says the same, in the extension's German (its summary is de.yml's extDescription).
  const german = listingPart('description-de');
  expect(german.length).toBeLessThanOrEqual(16_000);
  expect(german).toMatch(/nicht mit ihnen verbunden/);
  expect(german.split('\n•').length).toBe(description.split('\n•').length);
  // "du", as the extension says it: no polite "Ihr"/"Ihnen", no "… Sie" imperative ("Sie werden" is "they are").
  expect(german).not.toMatch(/\b(Ihr|Ihre|Ihren|Ihnen)\b|\b[A-ZÄÖÜ][a-zäöüß]+en Sie\b(?! werden)/);
});

test('pngSize refuses what is not a PNG', () => {
  expect(() => pngSize(readFileSync(resolve(ROOT, 'assets/icon.svg')))).toThrow('not a PNG');
  expect(() => pngSize(new Uint8Array(4))).toThrow('not a PNG');
});
