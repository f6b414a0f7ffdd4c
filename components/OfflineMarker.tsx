import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import { Sentence, slot } from './Sentence';
import { ClockTime } from './TimeStamp';

/**
 * While WordPress.com cannot be reached: the profile shown is the one kept, and this says from when. Shown inside a
 * status region that is on the page before it (SignedIn.tsx), so that it is announced when it comes.
 */
export function OfflineMarker({ active }: { active: ConnectionView }) {
  const fetchedAt = active.profile?.fetchedAt;
  return (
    <p class="offline">
      <span class="offline-dot" aria-hidden="true" />
      <span>
        {fetchedAt === undefined ? (
          i18n.t('popup.offline.unreachable')
        ) : (
          <Sentence text={i18n.t('popup.offline.lastUpdated', [slot(0)])} parts={[<ClockTime at={fetchedAt} />]} />
        )}
      </span>
    </p>
  );
}
