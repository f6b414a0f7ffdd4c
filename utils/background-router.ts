/**
 * The background's one message handler: checks who sent the message and what it says, runs it,
 * and answers with the new state. Other senders and malformed payloads get a `bad_message` error
 * and change nothing.
 */

import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { buildAppState, readAppState } from './app-state';
import { checkConnectionsHealth } from './connection-health';
import { selectStoredConnection, withConnectionStore } from './connection-store';
import { keepConsoleDraft, readConsoleDraft } from './console-draft';
import { callEndpoint } from './endpoint-call';
import { ConnectError, toErrorInfo } from './errors';
import { clearGravatarCache } from './gravatar-cache';
import { dismissOutcome } from './kept-outcome';
import {
  type AppState,
  type BackgroundRequest,
  type BackgroundResponse,
  parseRequest,
  type StateChanged,
} from './messages';
import { drawnForOf } from './page-snapshot';
import { reopenPopupAfter, sentByPopup, windowOfSignIn } from './popup-reopen';
import { keepPopupPage, keepPopupState, readPopupPageAhead } from './popup-route';
import { refreshProfile } from './profile-refresh';
import { revoke } from './revoke';
import { forgetAbandonedFlow, signIn } from './sign-in';
import { clearRestoreOffer, saveSettings } from './stored';

interface Sender {
  id?: string | undefined;
  url?: string | undefined;
}

/** Only the extension's own pages (popup, options) may talk to the background. */
function isOwnPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

type Extra = Omit<Extract<BackgroundResponse, { ok: true }>, 'ok' | 'state' | 'notice'> & { notice?: ConnectError };

/**
 * An answer has room for one notice, and a page shows one at a time. The one it brings (more access than shown, a
 * profile that comes later) goes first, and is kept for a later page too (kept-outcome.ts); storage damage found on
 * the way is then not taken, and waits for the next answer a page reads (that a dropped connection may still be live
 * at Connected Apps is said once, never lost).
 */
async function stateAnswer(
  { notice: given, ...extra }: Extra = {},
  { leaveStorageNotice = false } = {},
): Promise<BackgroundResponse> {
  const { state, notice } =
    given || leaveStorageNotice ? { state: await buildAppState(), notice: given } : await readAppState();
  return { ok: true, state, ...extra, ...(notice ? { notice: toErrorInfo(notice) } : {}) };
}

/** Tells every open page; nobody listening is fine. (Leaves storage notices to the answers.) */
export async function broadcastState(state?: AppState): Promise<void> {
  const message: StateChanged = { type: 'stateChanged', state: state ?? (await buildAppState()) };
  await browser.runtime.sendMessage(message).catch(() => undefined);
}

async function run(request: BackgroundRequest, sender: Sender): Promise<BackgroundResponse> {
  switch (request.type) {
    case 'getState':
      // Storage only, no network: the popup paints at once, then asks for a refresh or a check.
      return stateAnswer();
    case 'signIn': {
      // Asked before the sign-in starts, so before its window can take the focus. A second click joins the sign-in
      // under way, whose first click brings the popup back; a sign-in begun on the options page brings none.
      const startedIn = signIn.pending || !sentByPopup(sender.url) ? undefined : windowOfSignIn();
      const flow = signIn(request.access);
      // The popup that comes back is served with the new state in it, so its first frame shows the profile.
      if (startedIn) {
        readPopupPageAhead();
        void reopenPopupAfter(flow, startedIn, { prepare: () => keepPopupState(buildAppState()) });
      }
      void broadcastState();
      const { notice, gravatar } = await flow;
      // The new connection is answered at once; its Gravatar profile follows in a broadcast.
      void gravatar.then(() => broadcastState());
      // Storage damage found on the way is left for the popup that comes back (its first answer): the popup that
      // asked has closed in most sign-ins, as WordPress.com's window took the focus, and this answer goes nowhere.
      return stateAnswer(notice ? { notice } : {}, { leaveStorageNotice: true });
    }
    case 'refreshProfile':
      await refreshProfile();
      return stateAnswer();
    case 'selectConnection':
      await selectStoredConnection(request.id);
      return stateAnswer();
    case 'revoke': {
      const { remote, othersRemoved } = await revoke(request.id);
      return stateAnswer({ revocation: remote, othersRemoved });
    }
    case 'checkHealth': {
      // A connection found to reach more than it was shown with is said to the page that asked.
      const { notice } = await checkConnectionsHealth({ force: request.force === true });
      return stateAnswer(notice ? { notice } : {});
    }
    case 'saveSettings':
      await saveSettings(request.settings);
      // Off means no Gravatar data is kept either, from now on.
      if (!request.settings.showGravatar) await clearGravatarCache();
      return stateAnswer();
    case 'dismissRestore':
      await clearRestoreOffer();
      return stateAnswer();
    case 'dismissOutcome':
      // Sent by a page that has just shown an answer's notice, and not read: a storage notice waiting behind that one
      // stays for an answer a page does read.
      await dismissOutcome(request.id);
      return { ok: true, state: await buildAppState() };
    case 'keepFrame': {
      // The popup does not read this answer: a storage notice stays for an answer it does read. The state it
      // carries names the connections the page is bound to.
      const state = buildAppState();
      await keepPopupPage(request.frame, request.drawnFor, state.then(drawnForOf));
      return { ok: true, state: await state };
    }
    case 'callEndpoint':
      // The console shows its call's answer only: storage damage found on the way waits for an answer a page shows.
      return stateAnswer(
        { call: await callEndpoint(request.connectionId, request.endpoint, request.params) },
        { leaveStorageNotice: true },
      );
    // The console's draft: like keepFrame, a storage notice stays for an answer a page shows.
    case 'keepConsoleDraft':
      await withConnectionStore((store) => keepConsoleDraft(store, request.draft));
      return { ok: true, state: await buildAppState() };
    case 'readConsoleDraft': {
      const draft = await withConnectionStore((store) => readConsoleDraft(store, request.connectionId));
      return { ok: true, state: await buildAppState(), ...(draft ? { draft } : {}) };
    }
  }
}

/** Requests that change nothing the pages show. */
const QUIET_REQUESTS: ReadonlySet<BackgroundRequest['type']> = new Set([
  'getState',
  'keepFrame',
  'keepConsoleDraft',
  'readConsoleDraft',
]);

export async function handleMessage(message: unknown, sender: Sender): Promise<BackgroundResponse> {
  if (!isOwnPage(sender)) {
    return {
      ok: false,
      error: toErrorInfo(new ConnectError('bad_message', i18n.t('detail.notOwnPage'))),
    };
  }
  const request = parseRequest(message);
  if (!request.success) {
    return { ok: false, error: toErrorInfo(new ConnectError('bad_message', i18n.t('detail.malformedRequest'))) };
  }
  if (request.data.type !== 'signIn') forgetAbandonedFlow();
  // Reading, or keeping the popup's frame or the console's draft, changes nothing the pages show: no broadcast.
  const mutates = !QUIET_REQUESTS.has(request.data.type);
  try {
    return await run(request.data, sender);
  } catch (error) {
    // A failure answer has no room for a storage notice: it waits for the next answer.
    const state = await buildAppState().catch(() => undefined);
    return { ok: false, error: toErrorInfo(error), ...(state ? { state } : {}) };
  } finally {
    if (mutates) void broadcastState();
  }
}
