import type { AppState } from '../utils/messages';
import type { Profile } from '../utils/profile';

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

export function ProfileCard({
  state,
  refreshing,
  revoke,
}: {
  state: AppState;
  refreshing: boolean;
  revoke: () => void;
}) {
  const { profile, connection } = state;
  return (
    <section class="profile" aria-labelledby="profile-name">
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
              <h2 id="profile-name">{profile.displayName}</h2>
              <p class="username">@{profile.username}</p>
              <p class="email">{profile.email}</p>
            </div>
          </div>
          <VerifiedStatus profile={profile} />
        </>
      ) : (
        <h2 id="profile-name">{refreshing ? 'Loading your profile…' : 'Signed in'}</h2>
      )}
      {connection ? (
        <p class="muted small">
          Signed in since {new Date(connection.obtainedAt).toLocaleString()} · access:{' '}
          {connection.scope.includes('auth') ? 'profile only' : connection.scope.join(', ')}
        </p>
      ) : null}
      <p role="status" class="muted small">
        {refreshing && profile ? 'Checking for updates…' : ''}
      </p>
      <button type="button" class="secondary" onClick={revoke}>
        Revoke access
      </button>
    </section>
  );
}
