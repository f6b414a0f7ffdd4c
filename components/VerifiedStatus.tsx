import { i18n } from '#i18n';
import type { Profile } from '../utils/profile';

/** What `email_verified` adds, when WordPress.com sent it: agreeing with `verified`, or not (said as such). */
function EmailConfirmation({ verified, emailVerified }: { verified: boolean; emailVerified: boolean | undefined }) {
  if (emailVerified === undefined) return null;
  if (emailVerified === verified)
    return (
      <p>{emailVerified ? i18n.t('popup.verified.emailConfirmed') : i18n.t('popup.verified.emailNotConfirmed')}</p>
    );
  return (
    <p>
      {emailVerified ? i18n.t('popup.verified.emailConfirmedOnly') : i18n.t('popup.verified.emailNotConfirmedOnly')}
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
        <p class="badge ok">{i18n.t('popup.verified.verified')}</p>
      ) : (
        <>
          <p class="badge warn">{i18n.t('popup.verified.notVerified')}</p>
          <p class="small caution">{i18n.t('popup.verified.caution')}</p>
        </>
      )}
      <details class="small explain">
        <summary>{i18n.t('popup.verified.whatDoesItMean')}</summary>
        <p>{i18n.t('popup.verified.meaning')}</p>
        <EmailConfirmation verified={profile.verified} emailVerified={profile.emailVerified} />
        {/* That the address reaches the person is not said while WordPress.com's other field says it is not confirmed. */}
        {profile.verified && profile.emailVerified === false ? null : (
          <p>{profile.verified ? i18n.t('popup.verified.vouchesForAddress') : i18n.t('popup.verified.untilThen')}</p>
        )}
      </details>
    </div>
  );
}
