/**
 * The options page when the worker did not answer its first request: no form, an alert and "Try again"; pressed,
 * the alert goes while it asks, and once the form shows, focus is on the page's heading (the button is gone). And
 * its two actions run one at a time, the other one disabled meanwhile, each said while it runs.
 */
import { afterEach, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../utils/access-choices';
import type { BackgroundResponse } from '../../utils/messages';
import { later, type RenderedPopup, renderPopup, settle } from '../testing/popup-dom';
import { OptionsApp } from './OptionsApp';

let page: RenderedPopup | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

test('"Try again" shows the form and puts focus on the heading', async () => {
  let answering = false;
  const ready: BackgroundResponse = {
    ok: true,
    state: { status: 'signed_out', connections: [], activeId: null, settings: DEFAULT_SETTINGS },
  };
  const shown = renderPopup(
    () => (answering ? ready : { ok: false, error: { code: 'unexpected', message: 'The background did not answer.' } }),
    <OptionsApp />,
  );
  page = shown;
  await settle(() => shown.button('Try again'));
  expect(shown.root.querySelector('form')).toBeNull();
  expect(shown.root.querySelector('[role="alert"]')).not.toBeNull();

  answering = true;
  shown.button('Try again').focus();
  shown.click(shown.button('Try again'));
  await settle(() => expect(shown.root.querySelector('form')).not.toBeNull());
  await settle(() => expect(document.activeElement?.tagName).toBe('H1'));
  expect(shown.root.querySelector('[role="alert"]')).toBeNull();
});

test('while “Sign in with this access” waits, Save is disabled, and the other way round', async () => {
  const signedOut: BackgroundResponse = {
    ok: true,
    state: { status: 'signed_out', connections: [], activeId: null, settings: DEFAULT_SETTINGS },
  };
  const signIn = later<BackgroundResponse>();
  const save = later<BackgroundResponse>();
  const shown = renderPopup(
    (request) =>
      request.type === 'signIn' ? signIn.promise : request.type === 'saveSettings' ? save.promise : signedOut,
    <OptionsApp />,
  );
  page = shown;
  await settle(() => shown.button('Save'));
  shown.click(shown.button('Sign in with this access'));
  await settle(() => expect(shown.button('Save').disabled).toBe(true));
  expect(shown.button('Sign in with this access').disabled).toBe(false);
  signIn.resolve(signedOut);
  await settle(() => expect(shown.button('Save').disabled).toBe(false));

  shown.click(shown.button('Save'));
  await settle(() => expect(shown.button('Sign in with this access').disabled).toBe(true));
  expect(shown.button('Save').disabled).toBe(false);
  // The save is said while it runs, in the region the button points at, then what came of it.
  expect(shown.statuses()).toEqual(['Saving…']);
  expect(shown.button('Save').getAttribute('aria-describedby')).toBe('options-progress');
  save.resolve(signedOut);
  await settle(() => expect(shown.button('Sign in with this access').disabled).toBe(false));
  expect(shown.statuses()).toEqual(['Saved']);
  expect(shown.sent.filter((request) => request.type !== 'getState').map((request) => request.type)).toEqual([
    'signIn',
    'saveSettings',
  ]);
});
