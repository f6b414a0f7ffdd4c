/**
 * The state the worker wrote into the popup page it served (utils/popup-page.ts `pageWithState`): the popup that
 * comes back after a sign-in has no state of its own kept yet, and its first render draws this one, so the first
 * frame a person sees shows the profile rather than "Loading…" until the worker answers.
 */
import type { AppState } from '../utils/messages';
import { SERVED_STATE_ID } from '../utils/popup-page';
import { signedInStateOf } from './state-snapshot';

/**
 * The served state, taken once: the element goes as it is read, so a later render (the frame the popup keeps for the
 * next one, drawn from the state it keeps) never starts from it again. Undefined when there is none, or it is not a
 * signed-in state.
 */
export function takeServedState(
  page: Pick<Document, 'getElementById'> | undefined = globalThis.document,
): AppState | undefined {
  const element = page?.getElementById(SERVED_STATE_ID);
  if (!element) return undefined;
  element.remove();
  return signedInStateOf(element.textContent);
}
