import { Alert } from './Alert';
import { RevokedNotice } from './RevokedNotice';
import { SignedIn } from './SignedIn';
import { SignedOut } from './SignedOut';
import { useConnect } from './use-connect';

export function App() {
  const view = useConnect();
  const { state, active, error, notice } = view;
  return (
    <main>
      <header>
        <h1>WordPress.com Connect</h1>
      </header>
      {error ? <Alert error={error} /> : null}
      {notice ? <RevokedNotice kind={notice} signedOut={!active} /> : null}
      {state === undefined ? (
        <p role="status" class="muted">
          Loading…
        </p>
      ) : active ? (
        <SignedIn view={view} active={active} />
      ) : (
        <SignedOut view={view} />
      )}
    </main>
  );
}
