/**
 * Chromium: the background service worker has no `localStorage`, where the popup keeps its first frame. When a
 * connection ends while no popup is open (a health check at browser start, a revocation answered after
 * the popup closed), an offscreen document of ours (entrypoints/snapshot-sweep/) removes a kept frame that shows
 * other connections, and is closed again. An open popup keeps its own: every change is broadcast to it.
 */
import { browser } from 'wxt/browser';
import type { DrawnFor } from './page-snapshot';

const SWEEP_PATH = '/snapshot-sweep.html';
const POPUP_PATH = '/popup.html';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
interface ContextsApi {
  getContexts?(filter: { documentUrls?: string[]; contextTypes?: string[] }): Promise<unknown[]>;
}

const chromeApi = () => (globalThis as { chrome?: { offscreen?: OffscreenApi; runtime?: ContextsApi } }).chrome;

let sweeps: Promise<void> = Promise.resolve();

/** Whether a popup page is open (it keeps its own snapshot from the states broadcast to it). */
async function popupOpen(runtime: ContextsApi | undefined): Promise<boolean> {
  if (!runtime?.getContexts) return false;
  const contexts = await runtime.getContexts({ documentUrls: [browser.runtime.getURL(POPUP_PATH)] });
  return contexts.length > 0;
}

async function sweep(offscreen: OffscreenApi, runtime: ContextsApi | undefined, now?: DrawnFor): Promise<void> {
  if (await popupOpen(runtime)) return;
  const query = now ? `?${new URLSearchParams({ for: JSON.stringify(now) })}` : '';
  const options = {
    url: browser.runtime.getURL(`${SWEEP_PATH}${query}`),
    reasons: ['LOCAL_STORAGE'],
    justification: "Removes the popup's kept first frame once it shows a connection that has ended.",
  };
  try {
    await offscreen.createDocument(options);
  } catch {
    // One offscreen document at a time: one left open by an earlier worker goes first.
    await offscreen.closeDocument().catch(() => undefined);
    await offscreen.createDocument(options);
  }
  // The document has run its script when it is created (it resolves once loaded).
  await offscreen.closeDocument();
}

/**
 * Asks for the popup's kept state and frame to go unless they show `now` (without `now`, at once). One at a time;
 * never rejects: a sweep that cannot run leaves the popup's own checks to apply.
 */
export function sweepPagesSnapshot(now?: DrawnFor): Promise<void> {
  const api = chromeApi();
  const offscreen = api?.offscreen;
  if (!offscreen) return sweeps;
  sweeps = sweeps.then(() => sweep(offscreen, api?.runtime, now)).catch(() => undefined);
  return sweeps;
}
