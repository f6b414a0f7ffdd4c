/** The pages' side of the message protocol: typed requests, answers parsed with zod. */
import { browser } from 'wxt/browser';
import {
  type AppState,
  type BackgroundRequest,
  type BackgroundResponse,
  responseSchema,
  stateChangedSchema,
} from './messages';

export async function ask(request: BackgroundRequest): Promise<BackgroundResponse> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    return { ok: false, error: { code: 'unexpected', message: 'The extension’s background did not answer.' } };
  }
  const parsed = responseSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  return { ok: false, error: { code: 'invalid_response', message: 'The extension’s background answered oddly.' } };
}

/** Calls `listener` with every state the background announces. Returns the unsubscribe function. */
export function onStateChanged(listener: (state: AppState) => void): () => void {
  const handle = (message: unknown) => {
    const parsed = stateChangedSchema.safeParse(message);
    if (parsed.success) listener(parsed.data.state);
    // Not ours to answer: return nothing so the background's answer wins.
  };
  browser.runtime.onMessage.addListener(handle);
  return () => browser.runtime.onMessage.removeListener(handle);
}
