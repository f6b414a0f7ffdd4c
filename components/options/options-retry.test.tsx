/**
 * The options page when the worker did not answer its first request: no form, an alert and "Try again"; pressed,
 * the alert goes while it asks, and once the form shows, focus is on the page's heading (the button is gone).
 */
import { afterEach, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../utils/access-choices';
import type { BackgroundResponse } from '../../utils/messages';
import { type RenderedPopup, renderPopup, settle } from '../testing/popup-dom';
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
