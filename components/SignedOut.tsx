import { CONNECTED_APPS_URL } from '../utils/revoke';
import type { ConnectView } from './use-connect';

export function SignedOut({
  signingIn,
  notice,
  signIn,
}: { signingIn: boolean } & Pick<ConnectView, 'notice' | 'signIn'>) {
  return (
    <section class="signed-out" aria-labelledby="signed-out-title">
      <h2 id="signed-out-title">Connect your WordPress.com account</h2>
      <p class="muted">
        See your profile and whether your account is verified. Your password never passes through this extension.
      </p>
      {notice ? (
        <p role="status" class="notice">
          You are signed out: this browser no longer holds your WordPress.com token.{' '}
          {notice === 'revoked_ended' ? (
            'WordPress.com has ended the app’s access too.'
          ) : (
            <>
              To remove the app from your account as well, visit{' '}
              <a href={CONNECTED_APPS_URL} target="_blank" rel="noreferrer">
                Connected Apps on WordPress.com
              </a>
              .
            </>
          )}
        </p>
      ) : null}
      <button type="button" class="primary" onClick={signIn} aria-busy={signingIn} aria-describedby="signin-progress">
        {signingIn ? <span class="spinner" aria-hidden="true" /> : null}
        Log in with WordPress.com
      </button>
      <p id="signin-progress" role="status" class="muted small">
        {signingIn ? 'Waiting for you to approve in the WordPress.com window…' : ''}
      </p>
    </section>
  );
}
