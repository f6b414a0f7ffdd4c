import type { ConnectionView } from '../utils/connection';
import type { Profile } from '../utils/profile';
import { ConnectionFacts } from './ConnectionFacts';
import { connectionLabel } from './connection-words';

function VerifiedStatus({ profile }: { profile: Profile }) {
  if (profile.verified) {
    return <p class="badge ok">Verified</p>;
  }
  return (
    <div class="unverified">
      <p class="badge warn">Not verified</p>
      <p class="small">
        WordPress.com has not confirmed this account’s email address yet, so be wary of trusting the information in this
        profile.
      </p>
    </div>
  );
}

/** The active connection: whose it is, whether WordPress.com verified them, what it reaches, and its Revoke. */
export function ProfileCard({
  connection,
  refreshing,
  onRevoke,
}: {
  connection: ConnectionView;
  refreshing: boolean;
  onRevoke: () => void;
}) {
  const { profile } = connection;
  return (
    <section class="profile" aria-labelledby="profile-name">
      <p class="eyebrow">Active connection</p>
      {profile ? (
        <>
          <div class="profile-head">
            {profile.avatarUrl ? (
              <img
                class="avatar"
                src={profile.avatarUrl}
                alt={`Avatar of ${profile.displayName}`}
                width={64}
                height={64}
              />
            ) : null}
            <div class="who">
              <h2 id="profile-name" tabIndex={-1} data-focus-after-change>
                {profile.displayName}
              </h2>
              <p class="username">@{profile.username}</p>
              <p class="email">{profile.email}</p>
            </div>
          </div>
          <VerifiedStatus profile={profile} />
        </>
      ) : (
        <h2 id="profile-name" tabIndex={-1} data-focus-after-change>
          {refreshing ? 'Loading your profile…' : 'Signed in'}
        </h2>
      )}
      <ConnectionFacts connection={connection} />
      <p role="status" class="muted small">
        {refreshing && profile ? 'Checking for updates…' : ''}
      </p>
      <button type="button" class="secondary" onClick={onRevoke} aria-label={`Revoke ${connectionLabel(connection)}`}>
        Revoke
      </button>
    </section>
  );
}
