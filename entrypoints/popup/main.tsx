import { render } from 'preact';
import { App } from '../../components/App';
import { drawPendingFrame, keepFramesWith } from '../../components/state-snapshot';
import { ask } from '../../utils/background-client';
import { frameOf } from '../../utils/first-frame';
import { SERVED_PAGE_PARTS } from '../../utils/popup-page';
import './style.css';

/** How long the first render waits for the kept frame to be painted, at most (a hidden page runs no frames). */
const FRAME_WAIT_MS = 100;

const root = document.getElementById('app');
if (root) {
  // The next popup's first frame: this code's first render of the state the popup keeps, drawn off-screen and
  // unmounted at once (its effects never run). The endpoint console is left out: it always arrives later.
  keepFramesWith({
    // This build's popup script, as popup.html names it (hashed by the build): what the pre-paint compares.
    drawnBy: document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? '',
    draw() {
      const box = document.createElement('div');
      render(<App />, box);
      const nodes = frameOf(box, '.console');
      render(null, box);
      return nodes;
    },
    share(frame, drawnFor) {
      void ask(drawnFor ? { type: 'keepFrame', frame, drawnFor } : { type: 'keepFrame', frame });
    },
  });
  // A popup closed before its idle moment still leaves the frame of its last state for the next one.
  addEventListener('pagehide', drawPendingFrame);
  let mounted = false;
  const mount = () => {
    if (mounted) return;
    mounted = true;
    // The served page's show-when-parsed rule and end marker are the page's, not the app's, and Preact leaves a
    // root's unmatched elements in place: removed in the task that takes the frame over.
    for (const node of root.querySelectorAll(SERVED_PAGE_PARTS)) node.remove();
    render(<App />, root);
  };
  if (root.firstChild) {
    // The kept frame is in the page (popup-prepaint.js): it is painted first, then this render takes over its
    // elements. Rendering at once would hold that frame back until the render is done.
    requestAnimationFrame(() => setTimeout(mount));
    setTimeout(mount, FRAME_WAIT_MS);
  } else {
    mount();
  }
}
