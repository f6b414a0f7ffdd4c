import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import { ConnectionFacts } from './ConnectionFacts';
import { accountName, connectionLabel } from './connection-words';

function ConnectionRow({
  connection,
  onUse,
  onRevoke,
}: {
  connection: ConnectionView;
  onUse: () => void;
  onRevoke: () => void;
}) {
  const { profile } = connection;
  const label = connectionLabel(connection);
  return (
    <li class="connection">
      <div class="connection-who">
        {/* Decorative: the name sits right beside it. */}
        {profile?.avatarUrl ? <img class="avatar" src={profile.avatarUrl} alt="" width={28} height={28} /> : null}
        <p class="connection-name">
          <strong>{accountName(connection)}</strong>
          {profile ? <span class="username"> @{profile.username}</span> : null}
        </p>
      </div>
      <ConnectionFacts connection={connection} />
      <div class="row-actions">
        <button
          type="button"
          class="secondary compact"
          onClick={onUse}
          aria-label={i18n.t('popup.useConnection', { connection: label })}
        >
          {i18n.t('popup.use')}
        </button>
        <button
          type="button"
          class="secondary compact"
          onClick={onRevoke}
          aria-label={i18n.t('popup.revokeConnection', { connection: label })}
        >
          {i18n.t('popup.revoke')}
        </button>
      </div>
    </li>
  );
}

/** The stored connections besides the active one: each can become the active one, or be revoked alone. */
export function OtherConnections({
  connections,
  select,
  revoke,
}: {
  connections: ConnectionView[];
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
            onUse={() => select(connection.id)}
            onRevoke={() => revoke(connection.id)}
          />
        ))}
      </ul>
    </section>
  );
}
