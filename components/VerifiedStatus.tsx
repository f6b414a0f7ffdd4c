import type { Profile } from '../utils/profile';

/** What `email_verified` adds, when WordPress.com sent it. */
function EmailConfirmation({ emailVerified }: { emailVerified: boolean | undefined }) {
  if (emailVerified === undefined) return null;
  return (
    <p>
      {emailVerified
        ? 'WordPress.com also reports the email address shown here as confirmed.'
        : 'WordPress.com also reports the email address shown here as not confirmed yet.'}
    </p>
  );
}

/**
 * Whether WordPress.com verified the account (its `verified`: the person confirmed their email address
 * with WordPress.com), with WordPress.com's caution when it did not, and what it means on request.
 * Wording note: the e2e tests find "Verified" and "Not verified" as whole texts, and /be wary of trusting/.
 */
export function VerifiedStatus({ profile }: { profile: Profile }) {
  return (
    <div class={profile.verified ? 'verification' : 'verification unverified'}>
      {profile.verified ? (
        <p class="badge ok">Verified</p>
      ) : (
        <>
          <p class="badge warn">Not verified</p>
          <p class="small">
            WordPress.com has not confirmed this email address, so be wary of trusting the name and email shown here.
          </p>
        </>
      )}
      <details class="small explain">
        <summary>What does this mean?</summary>
        <p>
          WordPress.com marks an account as verified once its owner has confirmed their email address with
          WordPress.com, by following the link WordPress.com emailed them.
        </p>
        <EmailConfirmation emailVerified={profile.emailVerified} />
        <p>
          {profile.verified
            ? 'It shows the address reaches this person; it does not vouch for the name, which anyone can choose.'
            : 'Until then, the name and address could have been typed by anyone.'}
        </p>
      </details>
    </div>
  );
}
