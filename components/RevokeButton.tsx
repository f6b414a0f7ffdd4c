import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import { BusyButton } from './BusyButton';
import { connectionLabel } from './connection-words';

/** Where the popup says a revoke is running (components/SignedIn.tsx). */
export const REVOKE_PROGRESS_ID = 'revoke-progress';

/**
 * "Revoke" for one connection. While its revoke runs it shows the wait and ignores presses (holding Enter revokes
 * nothing more); while another action runs it is disabled, as a press would be dropped.
 */
export function RevokeButton({
  connection,
  class: className,
  busy,
  revoking,
  onRevoke,
}: {
  connection: ConnectionView;
  class: string;
  /** An action of the popup runs (this revoke, or another). */
  busy: boolean;
  /** The connection a running revoke is ending. */
  revoking: string | undefined;
  onRevoke: () => void;
}) {
  const running = revoking === connection.id;
  return (
    <BusyButton
      class={className}
      busy={running}
      held={running}
      disabled={busy}
      label={i18n.t('popup.revokeConnection', { connection: connectionLabel(connection) })}
      describedBy={running ? REVOKE_PROGRESS_ID : undefined}
      onClick={onRevoke}
    >
      {i18n.t('popup.revoke')}
    </BusyButton>
  );
}
