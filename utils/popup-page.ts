/**
 * The popup page with its kept first frame already in the HTML: what the worker serves for `popup.html` while it
 * is running (utils/popup-route.ts), so the cached profile paints from the page itself, as a static page would,
 * with no script to wait for; or, when no popup has drawn a frame for the connections yet, with the state in it, which
 * the popup's first render draws (`pageWithState`). Pure: the page as built (the template), the frame or the state, and
 * the page's address in; HTML out.
 */
import { frameHtml, type KeptFrame } from './first-frame';
import type { AppState } from './messages';

/** A frame as received: its nodes are checked as they are written (`frameHtml`). */
export type ReceivedFrame = Pick<KeptFrame, 'drawnBy'> & { nodes: unknown };

/** The empty root the build writes into popup.html; the frame goes inside it. */
const APP_ROOT = '<div id="app"></div>';
/**
 * The popup's module script tag (its address in group 1), hashed by the build: it names the code that drew a
 * frame. Also read by the build's script-order plugin (scripts/popup-script-order.ts).
 */
export const MODULE_SCRIPT = /<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/g;
/** The pre-paint script's address in the extension (entrypoints/popup-prepaint.ts). */
export const PREPAINT_SRC = '/popup-prepaint.js';
/** The pre-paint script: with the frame in the HTML it has nothing to do, and the parser would wait for it. */
const PREPAINT_SCRIPT = new RegExp(`<script src="${PREPAINT_SRC.replaceAll('.', '\\.')}"[^>]*></script>\\s*`);

/**
 * The policy the served page carries. The browser's minimum policy for extension pages applies to it anyway (no
 * inline or remote script); this adds what a page built from data should also refuse: plug-ins and `<base>`.
 */
export const SERVED_PAGE_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * The frame shows whole or not at all. Chromium's parser yields after a time budget (10 ms), so on a busy machine a
 * frame can be rendered while the parser is still short of the name: the title bar alone, then the profile. This
 * rule, first in the root, hides the root until the marker after the frame is parsed; the popup removes both when
 * its first render takes the frame over (entrypoints/popup/main.tsx).
 */
export const SHOW_WHEN_PARSED = '<style>#app:not(:has(>template[data-frame-end])){visibility:hidden}</style>';
/** The marker after the frame: once it is parsed, the whole frame is. */
export const FRAME_END = '<template data-frame-end></template>';
/** Both of them, as the popup finds them in its root to remove them (Preact leaves unmatched root elements). */
export const SERVED_PAGE_PARTS = ':scope > style, :scope > template[data-frame-end]';

/**
 * `template` with `frame` in its root, or undefined when the two do not belong together: a frame drawn by another
 * build's popup, a template that is not the popup page as built (no root, or more than one; not one module script),
 * or a frame that is not one (`frameHtml`).
 */
export function pageWithFrame(template: string, frame: ReceivedFrame, pageUrl: string): string | undefined {
  const scripts = [...template.matchAll(MODULE_SCRIPT)];
  const src = scripts.length === 1 ? scripts[0]?.[1] : undefined;
  if (src === undefined || new URL(src, pageUrl).href !== frame.drawnBy) return undefined;
  const at = template.indexOf(APP_ROOT);
  if (at < 0 || template.indexOf(APP_ROOT, at + 1) >= 0) return undefined;
  const html = frameHtml(frame.nodes);
  if (html === undefined) return undefined;
  // Sliced, not `replace`d: a frame's text may hold `$&` and the like, which `replace` would expand.
  const inside = at + APP_ROOT.indexOf('</div>');
  return (
    template.slice(0, inside) +
    SHOW_WHEN_PARSED +
    html +
    FRAME_END +
    template.slice(inside).replace(PREPAINT_SCRIPT, '')
  );
}

/** The id of the data block with the state in a page from `pageWithState` (read by components/served-state.ts). */
export const SERVED_STATE_ID = 'served-state';

/**
 * `template` with `state` in a JSON data block before its root: for a popup opened when no popup has drawn a frame
 * for these connections, such as the one that comes back after a sign-in (utils/popup-reopen.ts). The popup's module
 * draws that state in its first render, which comes before the page's load event, and Chrome shows a toolbar popup
 * only after that event: the first frame a person sees has the profile, not "Loading…" while the worker answers.
 * A data block is never run; every `<` is escaped, so no text in the state can end the element. Undefined when the
 * template is not the popup page as built (no root, or more than one).
 */
export function pageWithState(template: string, state: AppState): string | undefined {
  const at = template.indexOf(APP_ROOT);
  if (at < 0 || template.indexOf(APP_ROOT, at + 1) >= 0) return undefined;
  const json = JSON.stringify(state).replaceAll('<', '\\u003c');
  const block = `<script type="application/json" id="${SERVED_STATE_ID}">${json}</script>`;
  return template.slice(0, at) + block + template.slice(at).replace(PREPAINT_SCRIPT, '');
}
