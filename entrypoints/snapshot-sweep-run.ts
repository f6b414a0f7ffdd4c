/**
 * The offscreen document's script (entrypoints/snapshot-sweep/index.html), which the background opens to reach the
 * pages' `localStorage` (utils/snapshot-sweep.ts): the popup's kept state and frame go unless they show the
 * connections named in `?for=` (none named: they go). An unlisted script, built on its own like the pre-paint
 * script, so the popup's and the options page's modules share no chunk with it.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { drawnForParam, forgetPagesSnapshotUnless } from '../utils/page-snapshot';

export default defineUnlistedScript({
  exclude: ['firefox'],
  main() {
    forgetPagesSnapshotUnless(localStorage, drawnForParam(new URLSearchParams(location.search).get('for')));
  },
});
