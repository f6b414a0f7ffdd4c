/**
 * The console's styles (console.css), put in the page once as the console's chunk loads, before its first render:
 * they come with its code rather than inside popup.html, so the bytes the popup loads before its first paint do not
 * carry them (components/bundle-budget.test.ts). A string, not a style sheet file: nothing more to fetch.
 */
import css from './console.css?inline';

const STYLE_ID = 'console-style';

// No document in the unit tests that render the console's parts without a page.
if (globalThis.document && !document.getElementById(STYLE_ID)) {
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = css;
  document.head.append(style);
}
