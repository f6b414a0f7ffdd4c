import { describe, expect, test } from 'vitest';
import { noEmptyPluginScript, withoutPluginScript } from './no-empty-plugin-script';

/** A page as WXT's `order: 'pre'` hook leaves it: its plugin script first in the head. */
const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <script type="module" src="virtual:wxt-html-plugins"></script>
    <title>WordPress.com Connect</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="./main.tsx"></script>
  </body>
</html>`;

type Hook = { order: 'pre'; handler: (html: string) => string };

describe('WXT’s plugin script, with no runtime plugins', () => {
  test('goes; the page’s own scripts stay', () => {
    const page = withoutPluginScript(PAGE);
    expect(page).not.toContain('virtual:wxt-html-plugins');
    expect(page).toContain('<script type="module" src="./main.tsx"></script>');
    expect(page).toContain('<head>\n    <title>WordPress.com Connect</title>');
  });

  test('a page without it is left as it is; one with it twice stops the build', () => {
    const without = withoutPluginScript(PAGE);
    expect(withoutPluginScript(without)).toBe(without);
    const twice = PAGE.replace('<title>', '<script type="module" src="virtual:wxt-html-plugins"></script><title>');
    expect(() => withoutPluginScript(twice)).toThrow(/at most one/);
  });

  test('stays when WXT has runtime plugins, and the hook runs before Vite reads the page, after WXT’s', () => {
    let plugins = 1;
    const plugin = noEmptyPluginScript(() => plugins);
    const hook = plugin.transformIndexHtml as Hook;
    expect(plugin.enforce).toBe('post');
    expect(hook.order).toBe('pre');
    expect(hook.handler(PAGE)).toBe(PAGE);
    plugins = 0;
    expect(hook.handler(PAGE)).not.toContain('virtual:wxt-html-plugins');
  });
});
