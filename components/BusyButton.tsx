import type { ComponentChildren } from 'preact';

/**
 * A button whose action takes a while: `aria-busy` and a spinner while it runs, and `aria-describedby`
 * pointing at the live region that says what is happening.
 *
 * `disabled`: another action runs, so a press would be dropped. A button whose own action runs (`busy`) is never
 * disabled by it: it keeps the focus and shows the wait.
 *
 * `held`: its action runs and must not run twice. It is marked unavailable (`aria-disabled`) and ignores clicks,
 * but is not `disabled`: a disabled button drops the keyboard focus to the page in the middle of the wait.
 */
export function BusyButton({
  busy,
  held = false,
  class: className,
  type = 'button',
  label,
  describedBy,
  disabled,
  onClick,
  children,
}: {
  busy: boolean;
  held?: boolean;
  class: string;
  type?: 'button' | 'submit';
  /** The accessible name, when the words shown are not enough ("Revoke" of which connection). */
  label?: string;
  describedBy?: string | undefined;
  disabled?: boolean;
  onClick?: () => void;
  children: ComponentChildren;
}) {
  return (
    <button
      type={type}
      class={className}
      disabled={disabled === true && !busy}
      aria-disabled={held ? 'true' : undefined}
      aria-busy={busy}
      aria-label={label}
      aria-describedby={describedBy}
      onClick={held ? undefined : onClick}
    >
      {busy ? <span class="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
