/**
 * A Vite plugin for the build: WXT puts `<script type="module" src="virtual:wxt-html-plugins">` into every HTML page,
 * which starts WXT's runtime plugins. This extension has none (its modules, the polyfill and i18n, add none), so the
 * script builds to an empty module, and each page still asked for it, one more request after its own module, before
 * the page's modules could run and before its load event (when Chrome shows a toolbar popup). Where WXT has runtime
 * plugins (`runtimePlugins()` > 0), the script stays.
 *
 * WXT's hook runs with `order: 'pre'` (before Vite reads a page's scripts); this one too, from a plugin placed after
 * WXT's (`enforce: 'post'`), so it runs after it.
 */
import type { Plugin } from 'vite';

const PLUGIN_SCRIPT = /<script\b[^>]*\ssrc="virtual:wxt-html-plugins"[^>]*><\/script>\s*/g;

/** The page without WXT's plugin script. Throws when it is there more than once (not the page WXT makes). */
export function withoutPluginScript(html: string): string {
  const found = html.match(PLUGIN_SCRIPT) ?? [];
  if (found.length > 1) throw new Error('expected at most one virtual:wxt-html-plugins script');
  return html.replace(PLUGIN_SCRIPT, '');
}

/** `runtimePlugins`: how many runtime plugins WXT has, read when a page is built (after WXT resolved its config). */
export function noEmptyPluginScript(runtimePlugins: () => number): Plugin {
  return {
    name: 'connect:no-empty-plugin-script',
    apply: 'build',
    // After WXT's plugins (`enforce`), and like WXT's hook before Vite reads the page's scripts (`order`).
    enforce: 'post',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => (runtimePlugins() === 0 ? withoutPluginScript(html) : html),
    },
  };
}
