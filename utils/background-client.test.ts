/**
 * The pages' side of the protocol trusts the worker's typed answers (zod stays in the worker) but still
 * refuses what is not an answer of ours, and ignores broadcasts that are not a state.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from './access-choices';
import { ask, looksLikeResponse, onStateChanged } from './background-client';
import { handleMessage } from './background-router';
import type { AppState } from './messages';
import { responseSchema } from './messages';

const STATE: AppState = { status: 'signed_out', connections: [], activeId: null, settings: DEFAULT_SETTINGS };
const popup = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };

/** The background answers every message with `answer` (as the polyfill does for a listener's promise). */
function background(answer: (message: unknown) => unknown) {
  fakeBrowser.runtime.onMessage.addListener(
    (message: unknown, _sender: unknown, sendResponse: (a: unknown) => void) => {
      void Promise.resolve(answer(message)).then(sendResponse);
      return true;
    },
  );
}

beforeEach(() => fakeBrowser.reset());

describe('ask', () => {
  test('the worker’s real answer arrives as it was sent', async () => {
    background((message) => handleMessage(message, popup));
    const response = await ask({ type: 'getState' });
    expect(response).toEqual({ ok: true, state: STATE });
    expect(responseSchema.safeParse(response).success).toBe(true);
  });

  test('a worker’s refusal arrives with its error', async () => {
    background(() => ({ ok: false, error: { code: 'bad_message', message: 'No.' } }));
    expect(await ask({ type: 'getState' })).toEqual({ ok: false, error: { code: 'bad_message', message: 'No.' } });
  });

  test.each([
    ['nothing', undefined],
    ['a string', 'ok'],
    ['ok without a state', { ok: true }],
    ['ok with a state that is not one', { ok: true, state: { status: 'signed_in' } }],
    ['a failure without an error', { ok: false }],
  ])('%s is an odd answer, not a crash', async (_, answer) => {
    background(() => answer);
    expect(await ask({ type: 'getState' })).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
  });

  test('no background at all is said so', async () => {
    expect(await ask({ type: 'getState' })).toMatchObject({ ok: false, error: { code: 'unexpected' } });
  });

  test('the structural check accepts what the schema accepts', () => {
    const answers = [
      { ok: true, state: STATE },
      { ok: false, error: { code: 'network', message: 'x' }, state: STATE },
    ];
    for (const answer of answers) {
      expect(responseSchema.safeParse(answer).success).toBe(true);
      expect(looksLikeResponse(answer)).toBe(true);
    }
  });
});

describe('onStateChanged', () => {
  test('a state broadcast reaches the listener; anything else is ignored', async () => {
    const listener = vi.fn();
    const stop = onStateChanged(listener);
    for (const message of [
      null,
      'stateChanged',
      { type: 'somethingElse', state: STATE },
      { type: 'stateChanged' },
      { type: 'stateChanged', state: { connections: 'many' } },
    ]) {
      await fakeBrowser.runtime.onMessage.trigger(message, {}, () => undefined);
    }
    expect(listener).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'stateChanged', state: STATE }, {}, () => undefined);
    expect(listener).toHaveBeenCalledExactlyOnceWith(STATE);
    stop();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'stateChanged', state: STATE }, {}, () => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
