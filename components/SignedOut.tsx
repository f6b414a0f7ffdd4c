import type { Settings } from '../utils/access';
import { AccessLine } from './AccessLine';
import { SignInButton } from './SignInButton';

export function SignedOut({
  signingIn,
  settings,
  signIn,
}: {
  signingIn: boolean;
  settings: Settings;
  signIn: () => void;
}) {
  return (
    <section class="signed-out" aria-labelledby="signed-out-title">
      <h2 id="signed-out-title" tabIndex={-1} data-focus-after-change>
        Connect your WordPress.com account
      </h2>
      <p class="muted">
        See your profile and whether your account is verified. Your password never passes through this extension.
      </p>
      <SignInButton signingIn={signingIn} onClick={signIn} progressId="signin-progress">
        Log in with WordPress.com
      </SignInButton>
      <AccessLine settings={settings} />
    </section>
  );
}
