/**
 * How much of an answer's body the console puts in the page. The worker keeps up to 1 MiB of it (and a
 * pretty-printed answer can be larger still); a `<pre>` holding a megabyte makes the popup stall on every
 * layout, so the console shows the first ~50 KB, says how much that is of the whole, and copies the whole on
 * request. When the worker kept only the first 1 MiB (`CallResult.truncated`), the words say so: "of more than
 * 1 MB", "Copy first 1 MB". Pure.
 */
import { i18n } from '#i18n';
import { formatLocale } from '../format-locale';

/** The most of a body shown, in UTF-8 bytes. */
export const PREVIEW_BYTES = 50 * 1024;

export interface BodyPreview {
  /** What the `<pre>` shows: the whole body, or its beginning up to a line end. */
  text: string;
  /** Whether `text` is only the beginning of the body. */
  cut: boolean;
  /** UTF-8 bytes shown and in the whole body. */
  shownBytes: number;
  totalBytes: number;
}

/** UTF-8 bytes of one UTF-16 code unit (a surrogate pair's two units make 4 together). */
function unitBytes(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  // Each half of a surrogate pair counts 2: a pair is 4 bytes.
  if (code >= 0xd800 && code <= 0xdfff) return 2;
  return 3;
}

/** The UTF-8 length of `text`, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) bytes += unitBytes(text.charCodeAt(index));
  return bytes;
}

/**
 * The beginning of `body` that fits in `maxBytes`, cut after the last whole line when there is one in the
 * second half of it (pretty JSON reads line by line), and never inside a surrogate pair.
 */
export function bodyPreview(body: string, maxBytes = PREVIEW_BYTES): BodyPreview {
  let end = 0;
  let bytes = 0;
  while (end < body.length) {
    const size = unitBytes(body.charCodeAt(end));
    if (bytes + size > maxBytes) break;
    bytes += size;
    end++;
  }
  if (end === body.length) return { text: body, cut: false, shownBytes: bytes, totalBytes: bytes };
  // A high surrogate without its low half would show as garbage.
  const code = body.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end--;
  const lineEnd = body.lastIndexOf('\n', end - 1);
  if (lineEnd >= end / 2) end = lineEnd + 1;
  const text = body.slice(0, end);
  return { text, cut: true, shownBytes: utf8Length(text), totalBytes: utf8Length(body) };
}

/**
 * Whether `text` is an answer as the worker pretty-prints it (utils/endpoint-answer.ts): an object or array opens
 * on a line of its own and reads line by line, so it keeps its lines and scrolls sideways. Anything else (an answer
 * shown as it came: cut at 1 MB, not JSON, or too deep to pretty-print) is often one line of compact JSON some
 * 50 KB long, which only wrapping makes readable.
 */
export function keepsLines(text: string): boolean {
  return /^[[{]\n/.test(text);
}

/** "50 KB", "1,024 KB", "49.8 KB": kilobytes (of 1,024 bytes), at least 1, with `decimals` digits after the point. */
export function kilobyteWords(bytes: number, locale = formatLocale(), decimals = 0): string {
  const count = Math.max(1, bytes / 1024).toLocaleString(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return i18n.t('console.kilobytes', { count });
}

/** Two sizes in words that never read the same: a decimal when whole kilobytes would, else bytes. */
function twoSizes(shown: number, total: number, locale: string): { shown: string; total: string } {
  for (const decimals of [0, 1]) {
    const words = { shown: kilobyteWords(shown, locale, decimals), total: kilobyteWords(total, locale, decimals) };
    if (words.shown !== words.total) return words;
  }
  const bytes = (count: number) => i18n.t('console.bytes', { count: count.toLocaleString(locale) });
  return { shown: bytes(shown), total: bytes(total) };
}

/**
 * "Showing the first 50 KB of 1,024 KB." When the worker kept only the first 1 MB of the answer (`truncated`),
 * the whole is not known here: "…of more than 1 MB."
 */
export function previewNotice(preview: BodyPreview, truncated = false, locale = formatLocale()): string {
  if (truncated) return i18n.t('console.previewNoticeOverLimit', { shown: kilobyteWords(preview.shownBytes, locale) });
  return i18n.t('console.previewNotice', twoSizes(preview.shownBytes, preview.totalBytes, locale));
}

/** What the Copy button copies, in its words: all of the answer, all of a long one, or the first 1 MB kept of it. */
export function copyLabel(preview: BodyPreview, truncated = false): string {
  if (truncated) return i18n.t('console.copyFirst');
  return preview.cut ? i18n.t('console.copyAll') : i18n.t('console.copy');
}

/** The worker's sentence on the answer's shape, and that the answer (or its beginning) is shown all the same. */
export function schemaNote(problem: string, inPart: boolean): string {
  return inPart ? i18n.t('console.beginningShownAnyway', { problem }) : i18n.t('console.shownAnyway', { problem });
}
