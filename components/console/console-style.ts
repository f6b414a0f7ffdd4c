/**
 * The console's styles (console.css), put in the page once as the console's chunk loads, before its first render:
 * they come with its code rather than inside popup.html, so the bytes the popup loads before its first paint do not
 * carry them (components/bundle-budget.test.ts). A string, not a style sheet file: nothing more to fetch.
 */
import css from './console.css?inline';

const STYLE_ID = 'console-style';

export function addConsoleStyle(page: Document | undefined = globalThis.document): void {
  if (!page || page.getElementById(STYLE_ID)) return;
  const style = page.createElement('style');
  style.id = STYLE_ID;
  style.textContent = css;
  page.head.append(style);
}

addConsoleStyle();
