import { i18n } from '#i18n';
import { CONNECTED_APPS_URL } from '../utils/wpcom-links';
import { counted } from './counted';
import { Sentence, slot } from './Sentence';

/**
 * `revoked_ended`: WordPress.com ended the revoked connection's access too (what else its disconnect ended, it does
 * not say). `revoked_manual`: the person must do it. `already_gone`: nothing to revoke: another page revoked it, or a
 * check removed it, before this page's revoke arrived.
 */
export type RevokedNoticeKind = 'revoked_manual' | 'revoked_ended' | 'already_gone';

/** What a revoke did; `othersRemoved`: the account's other connections that went with it (WordPress.com refused them). */
export interface Revocation {
  kind: RevokedNoticeKind;
  othersRemoved: number;
}

/**
 * What a revoke did, and where to finish the job on WordPress.com when it could not. Shown inside a status region
 * that is on the page before it (App.tsx): a region added with its words already in it is not reliably announced.
 */
export function RevokedNotice({ kind, othersRemoved, signedOut }: Revocation & { signedOut: boolean }) {
  const link = (
    <a href={CONNECTED_APPS_URL} target="_blank" rel="noreferrer">
      {i18n.t('popup.revoked.connectedApps')}
    </a>
  );
  if (kind === 'already_gone') return <p class="notice">{i18n.t('popup.revoked.alreadyGone')}</p>;
  return (
    <p class="notice">
      {signedOut ? i18n.t('popup.revoked.signedOut') : i18n.t('popup.revoked.connectionGone')}{' '}
      {kind === 'revoked_ended' ? (
        othersRemoved > 0 ? (
          `${i18n.t('popup.revoked.ended')} ${counted('popup.revoked.othersGone', othersRemoved)}`
        ) : (
          i18n.t('popup.revoked.ended')
        )
      ) : (
        <Sentence text={i18n.t('popup.revoked.removeApp', [slot(0)])} parts={[link]} />
      )}
    </p>
  );
}
