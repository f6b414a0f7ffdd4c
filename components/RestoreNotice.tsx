import { i18n } from '#i18n';
import type { AppState } from '../utils/messages';
import { accessSummary } from './access-words';
import { BusyButton } from './BusyButton';
import { Sentence, slot } from './Sentence';
import { waitingWords } from './sign-in-words';
import type { ConnectView } from './use-connect';

export type Restore = NonNullable<AppState['restore']>;

/**
 * A health check found a connection's token no longer valid and removed it: say so, and offer to sign in
 * again with the same access in one click (or to forget the offer). No live region: one that arrives with its words
 * already in it is not reliably announced. The popup's status region says it (use-connect.ts), or, after
 * "Check now", the focus put on its first line.
 */
export function RestoreNotice({
  restore,
  signingIn,
  busy = false,
  dismissing = false,
  onSignIn,
  onDismiss,
}: {
  restore: Restore;
  signingIn: boolean;
  /** An action of the popup runs: a press would be dropped. */
  busy?: boolean;
  /** Its "Dismiss" runs: that button keeps the focus and shows the wait. */
  dismissing?: boolean;
  onSignIn: () => void;
  onDismiss: () => void;
}) {
  return (
    <section class="restore" aria-labelledby="restore-title">
      <p id="restore-title" tabIndex={-1}>
        <Sentence text={i18n.t('popup.restore.removed', [slot(0)])} parts={[<strong>{restore.label}</strong>]} />
      </p>
      <p class="small muted">{i18n.t('popup.restore.sameAccess', { summary: accessSummary(restore.access) })}</p>
      <div class="restore-actions">
        <BusyButton class="primary" busy={signingIn} disabled={busy} describedBy="restore-progress" onClick={onSignIn}>
          {i18n.t('popup.restore.signInAgain')}
        </BusyButton>
        <BusyButton class="secondary" busy={dismissing} held={dismissing} disabled={busy} onClick={onDismiss}>
          {i18n.t('popup.restore.dismiss')}
        </BusyButton>
      </div>
      <p id="restore-progress" role="status" class="muted small">
        {signingIn ? waitingWords() : ''}
      </p>
    </section>
  );
}

/** The notice for the popup's current state, when it holds an offer (signed in or signed out alike). */
export function RestoreOffer({ view }: { view: ConnectView }) {
  const restore = view.state?.restore;
  if (!restore) return null;
  return (
    <RestoreNotice
      restore={restore}
      signingIn={view.state?.status === 'signing_in' && view.restoring}
      busy={view.busy}
      dismissing={view.dismissing}
      onSignIn={view.signInAgain}
      onDismiss={view.dismissRestore}
    />
  );
}
