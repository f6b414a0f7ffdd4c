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

function moveFocus(toHeading: boolean): void {
  requestAnimationFrame(() => {
    const current = document.activeElement;
    if (!toHeading && current && current !== document.body && current.isConnected) return;
    document.querySelector<HTMLElement>('[data-focus-after-change]')?.focus();
  });
}
