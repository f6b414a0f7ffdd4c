import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import { BusyButton } from './BusyButton';
import { ConnectionFacts } from './ConnectionFacts';
import { accountName, connectionLabel } from './connection-words';
import { RevokeButton } from './RevokeButton';

function ConnectionRow({
  connection,
  busy,
  revoking,
  selecting,
  onUse,
  onRevoke,
}: {
  connection: ConnectionView;
  busy: boolean;
  revoking: string | undefined;
  selecting: string | undefined;
  onUse: () => void;
  onRevoke: () => void;
}) {
  const { profile } = connection;
  const label = connectionLabel(connection);
  return (
    <li class="connection">
      <div class="connection-who">
        {/* Decorative: the name sits right beside it. Lazy, so it does not hold the popup back; Gravatar's own only,
            as on the card (gravatar-words.ts `profileAvatar`). */}
        {connection.gravatar?.avatarUrl ? (
          <img class="avatar" src={connection.gravatar.avatarUrl} alt="" width={28} height={28} loading="lazy" />
        ) : null}
        <p class="connection-name">
          <strong>{accountName(connection)}</strong>
          {profile ? <span class="username"> @{profile.username}</span> : null}
        </p>
      </div>
      <ConnectionFacts connection={connection} />
      <div class="row-actions">
        {/* Held, not disabled, while its own "Use" runs: the focus the press put on it stays there. */}
        <BusyButton
          class="secondary compact"
          busy={selecting === connection.id}
          held={selecting === connection.id}
          disabled={busy}
          label={i18n.t('popup.useConnection', { connection: label })}
          onClick={onUse}
        >
          {i18n.t('popup.use')}
        </BusyButton>
        <RevokeButton
          connection={connection}
          class="secondary compact"
          busy={busy}
          revoking={revoking}
          onRevoke={onRevoke}
        />
      </div>
    </li>
  );
}

/** The stored connections besides the active one: each can become the active one, or be revoked alone. */
export function OtherConnections({
  connections,
  busy,
  revoking,
  selecting,
  select,
  revoke,
}: {
  connections: ConnectionView[];
  /** An action of the popup runs: "Use" and "Revoke" wait (components/use-connect.ts `busy`). */
  busy: boolean;
  revoking: string | undefined;
  /** The connection a running "Use" is making the active one. */
  selecting: string | undefined;
  select: (id: string) => void;
  revoke: (id: string) => void;
}) {
  if (connections.length === 0) return null;
  return (
    <section class="others" aria-labelledby="others-title">
      <h2 id="others-title" class="section-title">
        {i18n.t('popup.others.title')}
      </h2>
      <ul class="connections">
        {connections.map((connection) => (
          <ConnectionRow
            key={connection.id}
            connection={connection}
            busy={busy}
            revoking={revoking}
            selecting={selecting}
            onUse={() => select(connection.id)}
            onRevoke={() => revoke(connection.id)}
          />
        ))}
      </ul>
    </section>
  );
}
