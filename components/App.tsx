import { i18n } from '#i18n';
import { Alert } from './Alert';
import { BusyButton } from './BusyButton';
import { usePageLanguage } from './page-language';
import { RevokedNotice } from './RevokedNotice';
import { SignedIn } from './SignedIn';
import { SignedOut } from './SignedOut';
import { type ConnectView, useConnect } from './use-connect';

/**
 * No state to show yet: "Loading…", or, when the worker's first answer failed and no state was kept, the
 * alert above with a way to ask again (never a wait that cannot end).
 */
function NoStateYet({ view }: { view: ConnectView }) {
  if (!view.loadFailed) {
    return (
      <p role="status" class="loading">
        <span class="spinner" aria-hidden="true" />
        {i18n.t('popup.loading')}
      </p>
    );
  }
  return (
    <>
      {/* Held while asking again: the button keeps the focus, and a second failure finds it there. */}
      <BusyButton
        class="primary"
        busy={view.loading}
        held={view.loading}
        describedBy="load-progress"
        onClick={view.retry}
      >
        {i18n.t('popup.tryAgain')}
      </BusyButton>
      <p id="load-progress" role="status" class="muted small">
        {view.loading ? i18n.t('popup.loading') : ''}
      </p>
    </>
  );
}

export function App() {
  const view = useConnect();
  const { state, active, error, notice } = view;
  usePageLanguage(i18n.t('popup.title'));
  return (
    <>
      <header class="masterbar">
        <h1>{i18n.t('popup.title')}</h1>
      </header>
      <main>
        {error ? <Alert error={error} /> : null}
        {/* On the page before any notice, so that one's words are announced when they come. */}
        <div role="status">{notice ? <RevokedNotice {...notice} signedOut={!active} /> : null}</div>
        {/* Outlives the views: a check that removed the connection shown is still said. */}
        <p role="status" class="visually-hidden">
          {view.checkOutcome}
        </p>
        {state === undefined ? (
          <NoStateYet view={view} />
        ) : active ? (
          <SignedIn view={view} active={active} />
        ) : (
          <SignedOut view={view} />
        )}
      </main>
    </>
  );
}
