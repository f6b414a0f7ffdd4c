/**
 * A Vite plugin for the build: the style sheets of the named HTML pages go into the page itself, in `<style>`
 * elements where their `<link rel="stylesheet">` were, so the page's first frame waits for no style sheet
 * file. An extension page's files are each served by the browser process, and a style sheet blocks rendering
 * until it has arrived: on a busy machine those round trips were a third of the popup's time to its first
 * frame (bench/results.md). A style sheet that another page still links stays a file for that page.
 *
 * The extension's content security policy restricts scripts, not styles: inline `<style>` is allowed.
 */
import type { Plugin } from 'vite';

/** `pages`: the HTML files as the build names them before WXT moves them, e.g. `entrypoints/popup/index.html`. */
export function inlinePageCss(pages: readonly string[]): Plugin {
  return {
    name: 'connect:inline-page-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = Object.values(bundle).filter(
        (file) => file.type === 'asset' && file.fileName.endsWith('.html'),
      ) as Array<{ fileName: string; source: string | Uint8Array }>;
      const text = (source: string | Uint8Array) =>
        typeof source === 'string' ? source : new TextDecoder().decode(source);
      const inlined = new Set<string>();
      for (const page of html.filter((file) => pages.includes(file.fileName))) {
        page.source = text(page.source).replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
          const href = /\bhref="\/([^"]+\.css)"/.exec(tag)?.[1];
          const sheet = href ? bundle[href] : undefined;
          if (!href || sheet?.type !== 'asset') return tag;
          inlined.add(href);
          // `</style` cannot occur in a built style sheet; guard anyway so the page's markup stays whole.
          return `<style>${text(sheet.source).replaceAll('</style', '<\\/style')}</style>`;
        });
      }
      // A sheet no other page links is no longer needed as a file.
      for (const href of inlined) {
        if (!html.some((file) => text(file.source).includes(`/${href}"`))) delete bundle[href];
      }
    },
  };
}
