import { i18n } from '#i18n';
import { AccessLine } from './AccessLine';
import { RestoreOffer } from './RestoreNotice';
import { SignInButton } from './SignInButton';
import type { ConnectView } from './use-connect';

/**
 * Signed out: the way to connect. When a health check has just removed the last connection, the offer to
 * sign in again with its access comes first, and "Log in with WordPress.com" (the saved access) stays below.
 */
export function SignedOut({ view }: { view: ConnectView }) {
  const state = view.state;
  if (!state) return null;
  const signingIn = state.status === 'signing_in';
  return (
    <section class="signed-out" aria-labelledby="signed-out-title">
      <RestoreOffer view={view} />
      <h2 id="signed-out-title" tabIndex={-1} data-focus-after-change>
        {state.restore ? i18n.t('popup.signedOut.titleAfterRestore') : i18n.t('popup.signedOut.title')}
      </h2>
      {state.restore ? null : <p class="muted">{i18n.t('popup.signedOut.intro')}</p>}
      <SignInButton
        signingIn={signingIn && !view.restoring}
        disabled={view.busy}
        onClick={view.signIn}
        progressId="signin-progress"
      >
        {i18n.t('popup.signedOut.logIn')}
      </SignInButton>
      <AccessLine settings={state.settings} signingInWith={state.signingInWith} />
    </section>
  );
}
