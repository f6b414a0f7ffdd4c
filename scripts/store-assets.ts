/** The images the browsers and stores need, their sizes, and a reader of a PNG's pixel size. */

/** Toolbar (16, 32 on high-DPI), extensions page (48), Firefox's add-ons manager (96), install and store (128). */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** The Chrome Web Store's small promo tile: required for a listing. */
export const PROMO_TILE = { path: 'store/images/promo-small-440x280.png', width: 440, height: 280 } as const;

/** Store screenshots: the Chrome Web Store takes 1280×800 or 640×400; AMO takes these too. */
export const STORE_SCREENSHOT = { width: 1280, height: 800 } as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  if (buffer.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}
