import { i18n } from '#i18n';
import { Alert } from './Alert';
import { usePageLanguage } from './page-language';
import { RevokedNotice } from './RevokedNotice';
import { SignedIn } from './SignedIn';
import { SignedOut } from './SignedOut';
import { useConnect } from './use-connect';

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
        {notice ? <RevokedNotice kind={notice} signedOut={!active} /> : null}
        {/* Outlives the views: a check that removed the connection shown is still said. */}
        <p role="status" class="visually-hidden">
          {view.checkOutcome}
        </p>
        {state === undefined ? (
          <p role="status" class="loading">
            <span class="spinner" aria-hidden="true" />
            {i18n.t('popup.loading')}
          </p>
        ) : active ? (
          <SignedIn view={view} active={active} />
        ) : (
          <SignedOut view={view} />
        )}
      </main>
    </>
  );
}
