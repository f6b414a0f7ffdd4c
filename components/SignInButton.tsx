import type { ComponentChildren } from 'preact';
import { BusyButton } from './BusyButton';
import { waitingWords } from './sign-in-words';

/** A sign-in button that shows it is waiting for the WordPress.com window, and says so to screen readers. */
export function SignInButton({
  signingIn,
  disabled = false,
  onClick,
  progressId,
  quiet = false,
  children,
}: {
  signingIn: boolean;
  /** Another action of the popup runs: a press would be dropped. */
  disabled?: boolean;
  onClick: () => void;
  progressId: string;
  /** A secondary look, where signing in is not the page's main action ("Add connection"). */
  quiet?: boolean;
  children: ComponentChildren;
}) {
  return (
    <>
      <BusyButton
        class={quiet ? 'secondary wide' : 'primary'}
        busy={signingIn}
        disabled={disabled}
        describedBy={progressId}
        onClick={onClick}
      >
        {children}
      </BusyButton>
      <p id={progressId} role="status" class="muted small">
        {signingIn ? waitingWords() : ''}
      </p>
    </>
  );
}
