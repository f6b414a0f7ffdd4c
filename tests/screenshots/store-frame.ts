/**
 * A store screenshot (1280×800): the mark, a title and a sentence on the left, a real screenshot of the
 * extension on the right at its own size (cut off with a fade when taller than the frame).
 */
import { pngSize, STORE_SCREENSHOT } from '../../scripts/store-assets';

/** The tallest screenshot shown whole; a taller one is cut here, with a fade. */
const SHOT_MAX_HEIGHT = 704;

export interface StoreFrame {
  title: string;
  caption: string;
  /** PNG bytes of the extension's screenshot. */
  shot: Buffer;
  /** The icon's SVG source. */
  mark: string;
  /** Where in the screenshot the frame starts showing it, in pixels from its top (default 0). */
  fromY?: number;
}

const htmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function storeFrameHtml({ title, caption, shot, mark, fromY = 0 }: StoreFrame): string {
  const { width, height } = STORE_SCREENSHOT;
  const markSrc = `data:image/svg+xml;base64,${Buffer.from(mark).toString('base64')}`;
  const shotSrc = `data:image/png;base64,${shot.toString('base64')}`;
  const fade =
    pngSize(shot).height - fromY > SHOT_MAX_HEIGHT
      ? '<div style="position:absolute;left:0;right:0;bottom:0;height:48px;background:linear-gradient(rgba(255,255,255,0),#fff)"></div>'
      : '';
  return `<!doctype html><html><body style="margin:0">
<div style="width:${width}px;height:${height}px;box-sizing:border-box;padding:0 88px;display:flex;align-items:center;
gap:72px;background:linear-gradient(160deg,#f6f7f7,#dfe5ff);color:#1e1e1e;
font-family:'DejaVu Sans','Noto Sans',Roboto,Arial,sans-serif;overflow:hidden">
  <div style="flex:1">
    <img src="${markSrc}" width="88" height="88" alt="">
    <h1 style="font-size:40px;line-height:1.15;margin:28px 0 16px">${htmlText(title)}</h1>
    <p style="font-size:21px;line-height:1.5;margin:0;color:#3c434a">${htmlText(caption)}</p>
  </div>
  <div style="flex:none;max-height:${SHOT_MAX_HEIGHT}px;overflow:hidden;border-radius:12px;background:#fff;
  box-shadow:0 12px 40px rgba(30,30,30,.18),0 0 0 1px rgba(30,30,30,.08);position:relative">
    <img src="${shotSrc}" alt="" style="display:block;margin-top:-${fromY}px">
    ${fade}
  </div>
</div></body></html>`;
}
