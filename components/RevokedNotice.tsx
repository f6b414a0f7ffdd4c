import { CONNECTED_APPS_URL } from '../utils/wpcom-links';

/** `revoked_ended`: WordPress.com ended the app's access too. `revoked_manual`: the person must do it. */
export type RevokedNoticeKind = 'revoked_manual' | 'revoked_ended';

/** What a revoke did, and where to finish the job on WordPress.com when it could not. */
export function RevokedNotice({ kind, signedOut }: { kind: RevokedNoticeKind; signedOut: boolean }) {
  return (
    <p role="status" class="notice">
      {signedOut
        ? 'You are signed out: this browser no longer holds your WordPress.com token. '
        : 'That connection is gone: this browser no longer holds its token. '}
      {kind === 'revoked_ended' ? (
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
  );
}
