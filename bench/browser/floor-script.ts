/**
 * The floor page's one script (`npm run bench` only): what any extension page must do before it can paint
 * something it stored, under Manifest V3's content security policy, which allows no inline script (not even one
 * allowed by its hash: Chromium refuses such a manifest; bench/results/extension-diagnosis.md). It is the popup's
 * pre-paint path with nothing of the popup's view: one classic script file at the end of the body, reading the
 * frame the popup kept in `localStorage` (the same key, the same parse), then one heading. With no kept frame it
 * draws nothing, and the probe, which waits for "Floor", times out: the floor is timed only with a real frame.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { FRAME_KEY } from '../../utils/first-frame';

export default defineUnlistedScript(() => {
  const kept = JSON.parse(localStorage.getItem(FRAME_KEY) ?? 'null') as { nodes?: unknown } | null;
  if (!Array.isArray(kept?.nodes)) return;
  const heading = document.createElement('h2');
  heading.id = 'profile-name';
  heading.textContent = 'Floor';
  document.getElementById('app')?.append(heading);
});
