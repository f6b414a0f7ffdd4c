/**
 * The offscreen document the background opens to reach the pages' `localStorage` (utils/snapshot-sweep.ts): the
 * popup's kept state and frame go unless they show the connections named in `?for=` (none named: they go).
 */
import { drawnForParam, forgetPagesSnapshotUnless } from '../../utils/page-snapshot';

forgetPagesSnapshotUnless(localStorage, drawnForParam(new URLSearchParams(location.search).get('for')));
