/**
 * The pages' side of the message protocol: typed requests, typed answers.
 *
 * The worker parses every request with zod and builds every answer from parsed data, so a page trusts the
 * answers of its own extension and imports no schema (`import type` only: zod stays out of the pages'
 * bundles). What a page checks is only the shape it needs not to crash: an answer that is not one of ours
 * becomes an error, and a broadcast that is not a `stateChanged` carrying a state is ignored.
 */

import { i18n } from '#i18n';
import type { AppState, BackgroundRequest, BackgroundResponse } from './messages';
import { browser } from './page-browser';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Enough of an AppState for the pages to render it: its connections and settings are there. */
export function looksLikeAppState(value: unknown): value is AppState {
  return (
    isRecord(value) && typeof value.status === 'string' && Array.isArray(value.connections) && isRecord(value.settings)
  );
}

/** An answer of the worker's: `ok` with a state, or not `ok` with an error (and maybe a state). */
export function looksLikeResponse(value: unknown): value is BackgroundResponse {
  if (!isRecord(value)) return false;
  if (value.state !== undefined && !looksLikeAppState(value.state)) return false;
  if (value.ok === true) return value.state !== undefined;
  return value.ok === false && isRecord(value.error) && typeof value.error.code === 'string';
}

export async function ask(request: BackgroundRequest): Promise<BackgroundResponse> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    return { ok: false, error: { code: 'unexpected', message: i18n.t('detail.backgroundSilent') } };
  }
  if (looksLikeResponse(raw)) return raw;
  return { ok: false, error: { code: 'invalid_response', message: i18n.t('detail.backgroundOdd') } };
}

/** Calls `listener` with every state the background announces. Returns the unsubscribe function. */
export function onStateChanged(listener: (state: AppState) => void): () => void {
  const handle = (message: unknown) => {
    if (isRecord(message) && message.type === 'stateChanged' && looksLikeAppState(message.state)) {
      listener(message.state);
    }
    // Not ours to answer: return nothing so the background's answer wins.
  };
  browser.runtime.onMessage.addListener(handle);
  return () => browser.runtime.onMessage.removeListener(handle);
}
