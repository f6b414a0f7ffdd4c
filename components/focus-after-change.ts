/**
 * After "Use", "Revoke", a sign-in or "Try again" the button pressed is gone, and focus would fall back to the
 * page. It moves to the first element marked `data-focus-after-change` (the active profile's heading, or the
 * sign-in heading) instead, unless focus already sits somewhere meaningful. A revoked connection's elements are
 * never handed to the next one (components/SignedIn.tsx keys the card by connection), so its focused Revoke
 * does not survive as the next connection's.
 */
export function focusAfterChange(): void {
  moveFocus(false);
}

/** The same, also when the button pressed stayed: a change the person should hear about ("Add connection" done). */
export function focusHeadingAfterChange(): void {
  moveFocus(true);
}

/**
 * For a change the person did not ask for (the answer to the popup's own refresh or check, another page's change):
 * call it before the change is drawn. If the change removes the element that has the focus (a Revoke or "Check now"
 * of a connection that went), focus goes to the heading, not to the page; otherwise it stays where it is.
 */
export function focusIfRemoved(): void {
  const before = document.activeElement;
  if (!before || before === document.body) return;
  requestAnimationFrame(() => {
    const now = document.activeElement;
    if (before.isConnected || (now && now !== document.body && now.isConnected)) return;
    document.querySelector<HTMLElement>('[data-focus-after-change]')?.focus();
  });
}

/**
 * After "Check now" removed the connection it was about and WordPress.com's refusal brought an offer to sign in again:
 * focus goes to that offer, which comes first in the popup, so its "Sign in again" is the next Tab (not the saved
 * access's "Log in" further down). Elsewhere as `focusAfterChange` when there is no offer.
 */
export function focusRestoreOffer(): void {
  requestAnimationFrame(() => {
    const offer = document.getElementById('restore-title');
    if (offer) offer.focus();
    else moveFocus(false);
  });
}

function moveFocus(toHeading: boolean): void {
  requestAnimationFrame(() => {
    const current = document.activeElement;
    if (!toHeading && current && current !== document.body && current.isConnected) return;
    document.querySelector<HTMLElement>('[data-focus-after-change]')?.focus();
  });
}
