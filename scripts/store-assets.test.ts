/** The committed images are what the browsers and stores take: PNGs at the exact sizes, rendered by `npm run icons`. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
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

test('pngSize refuses what is not a PNG', () => {
  expect(() => pngSize(readFileSync(resolve(ROOT, 'assets/icon.svg')))).toThrow('not a PNG');
  expect(() => pngSize(new Uint8Array(4))).toThrow('not a PNG');
});
