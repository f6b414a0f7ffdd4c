import type { ComponentChildren } from 'preact';
import { i18n } from '#i18n';

/** A sign-in button that shows it is waiting for the WordPress.com window, and says so to screen readers. */
export function SignInButton({
  signingIn,
  onClick,
  progressId,
  children,
}: {
  signingIn: boolean;
  onClick: () => void;
  progressId: string;
  children: ComponentChildren;
}) {
  return (
    <>
      <button type="button" class="primary" onClick={onClick} aria-busy={signingIn} aria-describedby={progressId}>
        {signingIn ? <span class="spinner" aria-hidden="true" /> : null}
        {children}
      </button>
      <p id={progressId} role="status" class="muted small">
        {signingIn ? i18n.t('popup.waitingForApproval') : ''}
      </p>
    </>
  );
}
