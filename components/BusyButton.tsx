import type { ComponentChildren } from 'preact';

/**
 * A button whose action takes a while: `aria-busy` and a spinner while it runs, and `aria-describedby`
 * pointing at the live region that says what is happening.
 */
export function BusyButton({
  busy,
  class: className,
  type = 'button',
  describedBy,
  disabled,
  onClick,
  children,
}: {
  busy: boolean;
  class: string;
  type?: 'button' | 'submit';
  describedBy?: string;
  disabled?: boolean;
  onClick?: () => void;
  children: ComponentChildren;
}) {
  return (
    <button
      type={type}
      class={className}
      disabled={disabled}
      aria-busy={busy}
      aria-describedby={describedBy}
      onClick={onClick}
    >
      {busy ? <span class="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
