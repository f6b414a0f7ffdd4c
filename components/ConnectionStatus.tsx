import type { ComponentChildren } from 'preact';
import type { ConnectionView } from '../utils/connection';
import { accountName, healthWords, kindWords, scopeWords } from './connection-words';
import { CalendarDate, RelativeTime } from './TimeStamp';

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * The active connection's status, as Jetpack shows a site's: connected or not, whose, what it reaches,
 * since when, when WordPress.com last confirmed the token, and a way to check again now.
 */
export function ConnectionStatus({
  connection,
  checking,
  onCheck,
}: {
  connection: ConnectionView;
  checking: boolean;
  onCheck: () => void;
}) {
  const { profile, health } = connection;
  return (
    <section class="status" aria-labelledby="status-title" aria-busy={checking}>
      <h3 id="status-title" class="section-title">
        Connection
      </h3>
      <dl class="status-list">
        <Fact term="Status">
          <span class={health?.status === 'unreachable' ? 'warn-text' : undefined}>{healthWords(connection)}</span>
        </Fact>
        <Fact term="Account">
          {accountName(connection)}
          {profile ? ` (user ID ${profile.id})` : ''}
        </Fact>
        <Fact term="Reaches">{kindWords(connection)}</Fact>
        <Fact term="Scope">{scopeWords(connection)}</Fact>
        <Fact term="Since">
          <CalendarDate at={connection.obtainedAt} />
        </Fact>
        <Fact term="Last checked">{health ? <RelativeTime at={health.checkedAt} /> : 'Not yet'}</Fact>
      </dl>
      <button
        type="button"
        class="secondary compact"
        aria-busy={checking}
        aria-describedby="check-progress"
        onClick={onCheck}
      >
        {checking ? <span class="spinner" aria-hidden="true" /> : null}
        Check now
      </button>
      <p id="check-progress" role="status" class="muted small">
        {checking ? 'Checking the connection with WordPress.com…' : ''}
      </p>
    </section>
  );
}
