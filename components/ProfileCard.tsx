import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import type { GravatarProfile, Profile } from '../utils/profile';
import { ConnectionStatus } from './ConnectionStatus';
import { GravatarDetails } from './GravatarDetails';
import { profileAvatar } from './gravatar-words';
import { RevokeButton } from './RevokeButton';
import { VerifiedStatus } from './VerifiedStatus';

/** Picture, name, username and email: whose connection this is. */
function ProfileHead({ profile, gravatar }: { profile: Profile; gravatar: GravatarProfile | undefined }) {
  const avatar = profileAvatar(profile, gravatar);
  return (
    <div class="profile-head">
      {/* Lazy: Chrome shows a toolbar popup only once its page has loaded, and an eager image from Gravatar would be
          part of that load, so a slow Gravatar would hold the whole popup back. Its circle is drawn meanwhile. */}
      {avatar ? <img class="avatar" src={avatar.src} alt={avatar.alt} width={64} height={64} loading="lazy" /> : null}
      <div class="who">
        {/* `elementtiming`: when the name is first painted can be read in any popup, a toolbar popup included. */}
        <h2 id="profile-name" tabIndex={-1} data-focus-after-change elementtiming="profile-name">
          {profile.displayName}
        </h2>
        <p class="username">@{profile.username}</p>
        <p class="email">{profile.email}</p>
      </div>
    </div>
  );
}

/**
 * The active connection: whose it is, whether WordPress.com verified them, their Gravatar profile, the
 * connection's status with "Check now", and its Revoke.
 */
export function ProfileCard({
  connection,
  refreshing,
  checking,
  busy,
  revoking,
  onCheck,
  onRevoke,
}: {
  connection: ConnectionView;
  refreshing: boolean;
  checking: boolean;
  /** An action of the popup runs: the card's actions wait (components/use-connect.ts `busy`). */
  busy: boolean;
  revoking: string | undefined;
  onCheck: () => void;
  onRevoke: () => void;
}) {
  const { profile, gravatar } = connection;
  return (
    <section class="profile" aria-labelledby="profile-name">
      <p class="eyebrow">{i18n.t('popup.profile.eyebrow')}</p>
      {profile ? (
        <>
          <ProfileHead profile={profile} gravatar={gravatar} />
          <VerifiedStatus profile={profile} />
          {gravatar ? <GravatarDetails gravatar={gravatar} wpcomName={profile.displayName} /> : null}
        </>
      ) : (
        <h2 id="profile-name" tabIndex={-1} data-focus-after-change>
          {refreshing ? i18n.t('popup.profile.loading') : i18n.t('popup.profile.signedIn')}
        </h2>
      )}
      <p role="status" class="muted small">
        {refreshing && profile ? i18n.t('popup.profile.checkingForUpdates') : ''}
      </p>
      <ConnectionStatus connection={connection} checking={checking} disabled={busy} onCheck={onCheck}>
        <RevokeButton
          connection={connection}
          class="secondary compact danger"
          busy={busy}
          revoking={revoking}
          onRevoke={onRevoke}
        />
      </ConnectionStatus>
    </section>
  );
}
