import { expect, test } from 'vitest';
import {
  bodyPreview,
  copyLabel,
  kilobyteWords,
  PREVIEW_BYTES,
  previewNotice,
  schemaNote,
  utf8Length,
} from './body-preview';

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
  expect(previewNotice(preview, false, 'en-US')).toMatch(/^Showing the first \d\d KB of 1,\d{3} KB\.$/);
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

test('an answer the worker cut at 1 MB says “of more than 1 MB” and copies “first 1 MB”, not “all”', () => {
  // What the worker keeps of a longer answer: its first 1 MiB, as text.
  const kept = 'x'.repeat(1024 * 1024);
  const preview = bodyPreview(kept);
  expect(previewNotice(preview, true, 'en-US')).toBe('Showing the first 50 KB of more than 1 MB.');
  expect(previewNotice(preview, true, 'en-US')).not.toMatch(/1,024/);
  expect(copyLabel(preview, true)).toBe('Copy first 1 MB');
  expect(copyLabel(preview, false)).toBe('Copy all');
  expect(copyLabel(bodyPreview('{}'), false)).toBe('Copy');
});

test('sizes that round to the same kilobytes get a decimal, and bytes when that is not enough', () => {
  // 50,900 bytes of 51,500: both round to 50 KB.
  const close = bodyPreview('x'.repeat(51_500), 50_900);
  expect(previewNotice(close, false, 'en-US')).toBe('Showing the first 49.7 KB of 50.3 KB.');
  // 51,200 of 51,210: 50.0 KB both.
  const closer = bodyPreview('x'.repeat(51_210), 51_200);
  expect(previewNotice(closer, false, 'en-US')).toBe('Showing the first 51,200 bytes of 51,210 bytes.');
  // Far apart: whole kilobytes.
  expect(previewNotice(bodyPreview('x'.repeat(200_000)), false, 'en-US')).toBe('Showing the first 50 KB of 195 KB.');
  expect(kilobyteWords(51_000, 'de-DE', 1)).toBe('49,8 KB');
});

test('a shape problem says the answer is shown anyway, or its beginning when only that is shown', () => {
  expect(schemaNote('The answer is not JSON.', false)).toBe('The answer is not JSON. It is shown below anyway.');
  expect(schemaNote('The answer is not JSON.', true)).toBe(
    'The answer is not JSON. Its beginning is shown below anyway.',
  );
  expect(schemaNote('x', true)).not.toMatch(/as it came/);
});
