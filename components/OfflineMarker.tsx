import type { ConnectionView } from '../utils/connection';
import { ClockTime } from './TimeStamp';

/** While WordPress.com cannot be reached: the profile shown is the one kept, and this says from when. */
export function OfflineMarker({ active }: { active: ConnectionView }) {
  const fetchedAt = active.profile?.fetchedAt;
  return (
    <p role="status" class="offline">
      {fetchedAt === undefined ? (
        'Offline — WordPress.com cannot be reached'
      ) : (
        <>
          Offline — last updated <ClockTime at={fetchedAt} />
        </>
      )}
    </p>
  );
}
