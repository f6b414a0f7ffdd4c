/**
 * The popup's first frame before its modules arrive: a classic script at the end of popup.html that puts the
 * frame the last popup kept (utils/first-frame.ts) into `#app`, so the cached profile is on screen while the
 * popup's own code is still loading. The popup's first render then draws over the same elements.
 *
 * Only a frame drawn by this very build's popup is used (its module URL is hashed by the build); without one,
 * or with a damaged one, nothing happens and the popup paints as it always did.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { buildFrame, FRAME_KEY, type KeptFrame } from '../utils/first-frame';

export default defineUnlistedScript(() => {
  try {
    const root = document.getElementById('app');
    // The popup's module, named on this script's tag by the build (scripts/popup-script-order.ts): its own tag
    // comes after this one, so the parser has not reached it yet.
    const popup = (document.currentScript as HTMLScriptElement | null)?.dataset.popupModule;
    // A page the worker served has the frame in its HTML already (utils/popup-route.ts).
    if (!root || root.firstChild || !popup) return;
    const kept = JSON.parse(localStorage.getItem(FRAME_KEY) ?? 'null') as Partial<KeptFrame> | null;
    if (kept?.drawnBy !== new URL(popup, location.href).href) return;
    const frame = buildFrame(kept.nodes, document);
    if (frame) root.append(frame);
  } catch {
    // No page storage, or nothing usable in it: the popup's own first render paints.
  }
});
