import type { ComponentChildren } from 'preact';
import { i18n } from '#i18n';

/** A sign-in button that shows it is waiting for the WordPress.com window, and says so to screen readers. */
export function SignInButton({
  signingIn,
  onClick,
  progressId,
  quiet = false,
  children,
}: {
  signingIn: boolean;
  onClick: () => void;
  progressId: string;
  /** A secondary look, where signing in is not the page's main action ("Add connection"). */
  quiet?: boolean;
  children: ComponentChildren;
}) {
  return (
    <>
      <button
        type="button"
        class={quiet ? 'secondary wide' : 'primary'}
        onClick={onClick}
        aria-busy={signingIn}
        aria-describedby={progressId}
      >
        {signingIn ? <span class="spinner" aria-hidden="true" /> : null}
        {children}
      </button>
      <p id={progressId} role="status" class="muted small">
        {signingIn ? i18n.t('popup.waitingForApproval') : ''}
      </p>
    </>
  );
}
