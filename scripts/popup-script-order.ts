/**
 * A Vite plugin for the build: in popup.html, the pre-paint script (entrypoints/popup-prepaint.ts) is the first
 * file the page asks for, and the popup's module script and its module preloads follow it at the end of the body.
 * Vite puts those in the head, where the browser asks for them first; the pre-paint script, which draws the kept
 * frame, then waited behind them (about 10 ms a popup, measured in turns: bench/results/extension-diagnosis.md).
 * Module scripts run after parsing wherever they stand, so moving them changes nothing else.
 *
 * The pre-paint script gets the module's address in `data-popup-module`: a frame is used only if this build's
 * popup drew it, and the module's own tag is not parsed yet when the pre-paint script runs.
 */
import type { Plugin } from 'vite';
import { MODULE_SCRIPT, PREPAINT_SRC } from '../utils/popup-page';

/** The pre-paint script's tag as popup.html has it (entrypoints/popup/index.html). */
const PREPAINT = `<script src="${PREPAINT_SRC}"></script>`;

/** The popup page as Vite built it → the same page in the order above. Throws if the page is not as expected. */
export function orderPopupScripts(html: string): string {
  const modules = [...html.matchAll(MODULE_SCRIPT)];
  const [module] = modules;
  if (modules.length !== 1 || !module?.[1]) throw new Error('popup.html: expected one module script');
  if (html.split(PREPAINT).length !== 2) throw new Error('popup.html: expected one pre-paint script');
  const preloads = html.match(/<link rel="modulepreload"[^>]*>/g) ?? [];
  let page = html.replace(module[0], '');
  for (const preload of preloads) page = page.replace(preload, '');
  // Only cosmetic: the blank lines the moved tags leave in the head.
  page = page.replace(/\n\s*\n/g, '\n');
  const prepaint = `<script src="${PREPAINT_SRC}" data-popup-module="${module[1]}"></script>`;
  return page.replace(PREPAINT, () => [prepaint, ...preloads, module[0]].join('\n    '));
}

/** `page`: the popup's HTML file as the build names it before WXT moves it (`entrypoints/popup/index.html`). */
export function popupScriptOrder(page: string): Plugin {
  return {
    name: 'connect:popup-script-order',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const file = bundle[page];
      if (file?.type !== 'asset') return;
      const text = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
      file.source = orderPopupScripts(text);
    },
  };
}
