import { Alert } from './Alert';
import { ProfileCard } from './ProfileCard';
import { SignedOut } from './SignedOut';
import { useConnect } from './use-connect';

export function App() {
  const view = useConnect();
  const { state, error } = view;
  return (
    <main>
      <header>
        <h1>WordPress.com Connect</h1>
      </header>
      {error ? <Alert error={error} /> : null}
      {state === undefined ? (
        <p role="status" class="muted">
          Loading…
        </p>
      ) : state.status === 'signed_in' ? (
        <ProfileCard state={state} refreshing={view.refreshing} revoke={view.revoke} />
      ) : (
        <SignedOut signingIn={state.status === 'signing_in'} notice={view.notice} signIn={view.signIn} />
      )}
    </main>
  );
}
