/**
 * What the style sheets promise and no component test can see: the previous answer, dimmed while the next call
 * runs, keeps its words at 4.5:1 in both schemes; names in the list of other connections wrap rather than being
 * cut; an answer shown as it came wraps. (Layout itself is tested in a browser: tests/e2e/layout.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const sheet = (file: string) => readFileSync(resolve(import.meta.dirname, file), 'utf8');
const base = sheet('base.css');
const popup = sheet('popup.css');
const consoleCss = sheet('console/console.css');

/** The declarations of the first rule whose selector is exactly `selector`, comments left out. */
function declarations(css: string, selector: string): Map<string, string> {
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const start = plain.search(new RegExp(`(^|[}\\s])${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\{`));
  if (start < 0) throw new Error(`no rule for ${selector}`);
  const body = plain.slice(plain.indexOf('{', start) + 1, plain.indexOf('}', start));
  const found = new Map<string, string>();
  for (const line of body.split(';')) {
    const [name, ...value] = line.split(':');
    if (name?.trim() && value.length) found.set(name.trim(), value.join(':').trim());
  }
  return found;
}

/** The palette's colours, light (the first `:root`) and dark (the one in the dark scheme's media query). */
function palette(dark: boolean): Map<string, string> {
  const from = dark ? base.indexOf('@media (prefers-color-scheme: dark)') : 0;
  return declarations(base.slice(from), ':root');
}

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  return [1, 3, 5].map((at) => Number.parseInt(full.slice(at, at + 2), 16)) as Rgb;
};
const luminance = (colour: Rgb) => {
  const [r, g, b] = colour.map((value) => {
    const v = value / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: Rgb, b: Rgb) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};
/** `colour` seen through `opacity` over `under`. */
const through = (colour: Rgb, opacity: number, under: Rgb) =>
  colour.map((value, index) => opacity * value + (1 - opacity) * (under[index] ?? 0)) as Rgb;

describe('the answer shown while the next call runs', () => {
  const opacity = Number(declarations(consoleCss, '.response[data-stale="true"]').get('opacity') ?? '1');

  // Words on the page (status line, notes, the body) and the console's problem on its tinted ground.
  const pairs = [
    ['--fg', '--bg'],
    ['--muted', '--bg'],
    ['--ok', '--bg'],
    ['--warn', '--bg'],
    ['--err', '--bg'],
    ['--fg', '--surface'],
    ['--err-fg', '--err-bg'],
  ] as const;

  test.each([false, true])('keeps its words at 4.5:1 (dark scheme: %s)', (dark) => {
    const colours = palette(dark);
    const colour = (name: string) => rgb(colours.get(name) ?? '');
    const page = colour('--bg');
    for (const [text, ground] of pairs) {
      const seen = contrast(through(colour(text), opacity, page), through(colour(ground), opacity, page));
      expect(seen, `${text} on ${ground}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

test('a name in the list of other connections is shown in full, wrapped, not cut with an ellipsis', () => {
  const name = declarations(popup, '.connection-name');
  expect(name.get('white-space')).toBeUndefined();
  expect(name.get('text-overflow')).toBeUndefined();
  expect(name.get('overflow-wrap')).toBe('anywhere');
});

test('an answer shown as it came wraps; a pretty-printed one keeps its lines', () => {
  expect(declarations(consoleCss, '.json').get('white-space')).toBe('pre');
  const wrap = declarations(consoleCss, '.json.wrap');
  expect(wrap.get('white-space')).toBe('pre-wrap');
  expect(wrap.get('overflow-wrap')).toBe('anywhere');
});
