/**
 * `npm run icons`: renders the one drawing, assets/icon.svg, into every PNG the browsers and stores use:
 * public/icon/<size>.png (WXT puts them in the manifest's `icons`; the popup's `manifest.default_icon`
 * names them for the toolbar) and the Chrome Web Store's small promo tile in store/images/.
 *
 * It draws with the Chromium the tests already drive (playwright-core + Debian's chromium): no new
 * dependency, and Chromium rasterises the SVG at each size from the vector, not by shrinking a bitmap.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import process from 'node:process';
import { type Browser, chromium } from 'playwright-core';
import { chromiumPath } from '../sandbox/launch-chromium';
import { runAsScript } from './run-as-script';
import { ICON_SIZES, PROMO_TILE } from './store-assets';

const ROOT = resolve(import.meta.dirname, '..');

/** The 128 px icon keeps 16 px of transparent margin on each side, as the Chrome Web Store asks; smaller ones fill. */
export function iconInset(size: number): number {
  return size === 128 ? 16 : 0;
}

function iconPage(svg: string, size: number): string {
  const inset = iconInset(size);
  const art = size - 2 * inset;
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return `<!doctype html><html><body style="margin:0;background:transparent">
<img src="${src}" width="${art}" height="${art}" style="display:block;margin:${inset}px" alt=""></body></html>`;
}

function promoPage(svg: string): string {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return `<!doctype html><html><body style="margin:0">
<div style="width:${PROMO_TILE.width}px;height:${PROMO_TILE.height}px;box-sizing:border-box;padding:0 36px;display:flex;
align-items:center;gap:24px;background:linear-gradient(160deg,#f6f7f7,#dfe5ff);color:#1e1e1e;
font-family:'DejaVu Sans','Noto Sans',Roboto,Arial,sans-serif">
  <img src="${src}" width="112" height="112" alt="" style="flex:none">
  <div>
    <div style="font-size:27px;font-weight:700;line-height:1.15">WordPress.com Connect</div>
    <div style="font-size:16px;line-height:1.4;margin-top:10px;color:#3c434a">Your account, your sites and the REST API, one click from the toolbar.</div>
  </div>
</div></body></html>`;
}

async function render(browser: Browser, html: string, width: number, height: number, out: string) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  try {
    await page.setContent(html);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, await page.screenshot({ type: 'png', omitBackground: true }));
  } finally {
    await page.close();
  }
}

export async function renderIcons(root = ROOT): Promise<string[]> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error('Chromium was not found. Install it (Debian: apt-get install chromium) or set CHROME_PATH.');
  const svg = readFileSync(resolve(root, 'assets/icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const written: string[] = [];
  try {
    for (const size of ICON_SIZES) {
      const out = resolve(root, `public/icon/${size}.png`);
      await render(browser, iconPage(svg, size), size, size, out);
      written.push(out);
    }
    const tile = resolve(root, PROMO_TILE.path);
    await render(browser, promoPage(svg), PROMO_TILE.width, PROMO_TILE.height, tile);
    written.push(tile);
  } finally {
    await browser.close();
  }
  return written;
}

if (runAsScript(import.meta.filename)) {
  for (const file of await renderIcons()) process.stdout.write(`${file}\n`);
}
