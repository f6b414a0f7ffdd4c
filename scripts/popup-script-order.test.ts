import { describe, expect, test } from 'vitest';
import { orderPopupScripts } from './popup-script-order';

/** popup.html as Vite builds it: the module script and its preloads in the head. */
const BUILT = `<!DOCTYPE html>
<html lang="en">
  <head>
    <title>WordPress.com Connect</title>
    <script type="module" crossorigin src="/chunks/popup-X1.js"></script>
    <link rel="modulepreload" crossorigin href="/chunks/a-Y2.js">
    <link rel="modulepreload" crossorigin href="/chunks/b-Z3.js">
    <style>body{margin:0}</style>
  </head>
  <body>
    <div id="app"></div>
    <script src="/popup-prepaint.js"></script>
  </body>
</html>`;

describe('the popup page’s script order', () => {
  test('the pre-paint script comes first, named with the module; the preloads and the module follow it', () => {
    const page = orderPopupScripts(BUILT);
    const head = page.slice(0, page.indexOf('</head>'));
    expect(head).not.toMatch(/<script|modulepreload/);
    expect(head).toContain('<style>body{margin:0}</style>');
    const body = page.slice(page.indexOf('<body>'));
    const order = [
      '<div id="app"></div>',
      '<script src="/popup-prepaint.js" data-popup-module="/chunks/popup-X1.js"></script>',
      '<link rel="modulepreload" crossorigin href="/chunks/a-Y2.js">',
      '<link rel="modulepreload" crossorigin href="/chunks/b-Z3.js">',
      '<script type="module" crossorigin src="/chunks/popup-X1.js"></script>',
    ].map((tag) => body.indexOf(tag));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('a page not as expected stops the build', () => {
    expect(() => orderPopupScripts(BUILT.replace('<script src="/popup-prepaint.js"></script>', ''))).toThrow(
      /pre-paint/,
    );
    expect(() => orderPopupScripts(BUILT.replace(/<script type="module"[^>]*><\/script>/, ''))).toThrow(/module/);
    expect(() =>
      orderPopupScripts(BUILT.replace('</head>', '<script type="module" src="/chunks/other.js"></script></head>')),
    ).toThrow(/module/);
  });
});
