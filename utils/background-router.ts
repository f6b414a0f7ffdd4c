/**
 * The background's one message handler: checks who sent the message and what it says, runs it,
 * and answers with the new state. Other senders and malformed payloads get a `bad_message` error.
 */
import { browser } from 'wxt/browser';
import { readAppState } from './app-state';
import { ConnectError, toErrorInfo } from './errors';
import { type AppState, type BackgroundResponse, requestSchema, type StateChanged } from './messages';
import { refreshProfile } from './profile-refresh';
import { revoke } from './revoke';
import { signIn } from './sign-in';

interface Sender {
  id?: string | undefined;
  url?: string | undefined;
}

/** Only the extension's own pages (popup, options) may talk to the background. */
function isOwnPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

async function stateAnswer(extra: { revocation?: 'ended' | 'manual' | 'none' } = {}): Promise<BackgroundResponse> {
  const { state, notice } = await readAppState();
  return { ok: true, state, ...extra, ...(notice ? { notice: toErrorInfo(notice) } : {}) };
}

/** Tells every open page; nobody listening is fine. */
export async function broadcastState(state?: AppState): Promise<void> {
  const message: StateChanged = { type: 'stateChanged', state: state ?? (await readAppState()).state };
  await browser.runtime.sendMessage(message).catch(() => undefined);
}

async function run(type: string): Promise<BackgroundResponse> {
  switch (type) {
    case 'signIn': {
      const flow = signIn();
      void broadcastState();
      await flow;
      return stateAnswer();
    }
    case 'refreshProfile':
      await refreshProfile();
      return stateAnswer();
    case 'revoke':
      return stateAnswer({ revocation: await revoke() });
    default:
      return stateAnswer();
  }
}

export async function handleMessage(message: unknown, sender: Sender): Promise<BackgroundResponse> {
  if (!isOwnPage(sender)) {
    return { ok: false, error: toErrorInfo(new ConnectError('bad_message', 'Only this extension’s pages may ask.')) };
  }
  const request = requestSchema.safeParse(message);
  if (!request.success) {
    return { ok: false, error: toErrorInfo(new ConnectError('bad_message', 'The request was malformed.')) };
  }
  const mutates = request.data.type !== 'getState';
  try {
    return await run(request.data.type);
  } catch (error) {
    const state = await readAppState().then(
      (reading) => reading.state,
      () => undefined,
    );
    return { ok: false, error: toErrorInfo(error), ...(state ? { state } : {}) };
  } finally {
    if (mutates) void broadcastState();
  }
}
