import { expect, test } from 'vitest';
import { bodyPreview, kilobyteWords, PREVIEW_BYTES, previewNotice, utf8Length } from './body-preview';

test('a body within the limit is shown whole', () => {
  const body = JSON.stringify({ ID: 1, name: 'Example' }, null, 2);
  expect(bodyPreview(body)).toEqual({ text: body, cut: false, shownBytes: body.length, totalBytes: body.length });
  expect(bodyPreview('')).toMatchObject({ text: '', cut: false });
});

test('a 1 MB answer shows about 50 KB of it, cut after a whole line, and says how much of how much', () => {
  const posts = Array.from({ length: 12_000 }, (_, index) => ({
    ID: index,
    title: `Post ${index}`,
    URL: 'https://x.example/',
  }));
  const body = JSON.stringify({ found: posts.length, posts }, null, 2);
  expect(body.length).toBeGreaterThan(1024 * 1024);
  const preview = bodyPreview(body);
  expect(preview.cut).toBe(true);
  expect(preview.shownBytes).toBeLessThanOrEqual(PREVIEW_BYTES);
  expect(preview.shownBytes).toBeGreaterThan(PREVIEW_BYTES / 2);
  expect(preview.text.endsWith('\n')).toBe(true);
  expect(body.startsWith(preview.text)).toBe(true);
  expect(preview.totalBytes).toBe(body.length);
  expect(previewNotice(preview, 'en-US')).toMatch(/^Showing the first \d\d KB of 1,\d{3} KB\.$/);
});

test('without a line end in reach, the cut falls at the limit, never inside a character', () => {
  const ascii = 'a'.repeat(100);
  expect(bodyPreview(ascii, 10)).toMatchObject({ text: 'a'.repeat(10), cut: true, shownBytes: 10, totalBytes: 100 });
  // "é" is 2 bytes: 9 bytes hold 4 of them, not 4½.
  expect(bodyPreview('é'.repeat(10), 9)).toMatchObject({ text: 'éééé', shownBytes: 8, totalBytes: 20 });
  // An emoji is a surrogate pair (4 bytes): its halves stay together.
  const emoji = '😀'.repeat(5);
  expect(bodyPreview(emoji, 6).text).toBe('😀');
  expect(bodyPreview(`a${emoji}`, 3).text).toBe('a');
});

test('UTF-8 lengths and kilobytes in words', () => {
  expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  expect(utf8Length('😀')).toBe(new TextEncoder().encode('😀').length);
  expect(kilobyteWords(1024 * 1024, 'en-US')).toBe('1,024 KB');
  expect(kilobyteWords(51_200, 'en-US')).toBe('50 KB');
  expect(kilobyteWords(10, 'en-US')).toBe('1 KB');
});
