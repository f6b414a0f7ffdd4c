/**
 * After "Use" or "Revoke" the button pressed is gone, and focus would fall back to the page. It moves to
 * the first element marked `data-focus-after-change` (the active profile's heading, or the sign-in
 * heading) instead, unless focus already sits somewhere meaningful.
 */
export function focusAfterChange(): void {
  requestAnimationFrame(() => {
    const current = document.activeElement;
    if (current && current !== document.body && current.isConnected) return;
    document.querySelector<HTMLElement>('[data-focus-after-change]')?.focus();
  });
}
