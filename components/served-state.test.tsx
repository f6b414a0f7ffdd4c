/**
 * The popup served with the state in it (utils/popup-page.ts `pageWithState`): its first render draws that state,
 * before the worker has answered anything, and takes it only once.
 */
import { expect, test } from 'vitest';
import type { BackgroundResponse } from '../utils/messages';
import { SERVED_STATE_ID } from '../utils/popup-page';
import { takeServedState } from './served-state';
import { later, renderPopup, settle } from './testing/popup-dom';
import { ALICE_LOGIN_VIEW, signedIn } from './testing/views';

const alice = signedIn([ALICE_LOGIN_VIEW]);

/** The data block the worker writes into the page it serves. */
function serve(json: string): HTMLElement {
  const block = document.createElement('script');
  block.setAttribute('type', 'application/json');
  block.id = SERVED_STATE_ID;
  block.textContent = json;
  document.body.append(block);
  return block;
}

test("the first render draws the served state, with the worker's answer still on its way", async () => {
  const block = serve(JSON.stringify(alice));
  const answer = later<BackgroundResponse>();
  const p = renderPopup(() => answer.promise);
  expect(p.root.querySelector('#profile-name')?.textContent?.trim()).toBe('Alice Example');
  expect(p.text()).not.toContain('Loading');
  // Taken once: the frame the popup keeps for the next one is drawn from the state it keeps, not from this.
  expect(block.isConnected).toBe(false);
  expect(takeServedState()).toBeUndefined();
  answer.resolve({ ok: true, state: { ...alice, connections: [], activeId: null, status: 'signed_out' } });
  await settle(() => expect(p.root.querySelector('#profile-name')).toBeNull());
  p.close();
});

test('a served block that is not a signed-in state is not drawn, and goes all the same', () => {
  for (const json of ['{', '"text"', JSON.stringify({ ...alice, connections: [], activeId: null })]) {
    const block = serve(json);
    expect(takeServedState(), json).toBeUndefined();
    expect(block.isConnected).toBe(false);
  }
  expect(takeServedState()).toBeUndefined();
});
