import type { ComponentChildren } from 'preact';
import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import { BusyButton } from './BusyButton';
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
  disabled = false,
  onCheck,
  children,
}: {
  connection: ConnectionView;
  checking: boolean;
  /** Another action of the popup runs (a revoke may remove this connection). */
  disabled?: boolean;
  onCheck: () => void;
  /** More actions on the connection, beside "Check now" (its Revoke). */
  children?: ComponentChildren;
}) {
  const { profile, health } = connection;
  const healthClass = health?.status === 'unreachable' ? 'health warn' : health ? 'health ok' : 'health';
  return (
    // Not aria-busy: screen readers may hold back a busy region's changes, "Checking…" among them. The button
    // carries it; the outcome is announced by the popup's status region (components/App.tsx).
    <section class="status" aria-labelledby="status-title">
      <h3 id="status-title" class="section-title">
        {i18n.t('popup.status.title')}
      </h3>
      <dl class="status-list">
        <Fact term={i18n.t('popup.status.status')}>
          <span class={healthClass}>{healthWords(connection)}</span>
        </Fact>
        <Fact term={i18n.t('popup.status.account')}>
          {profile
            ? i18n.t('popup.status.accountWithId', { name: accountName(connection), id: profile.id })
            : accountName(connection)}
        </Fact>
        <Fact term={i18n.t('popup.status.reaches')}>{kindWords(connection)}</Fact>
        <Fact term={i18n.t('popup.status.scope')}>{scopeWords(connection)}</Fact>
        <Fact term={i18n.t('popup.status.since')}>
          <CalendarDate at={connection.obtainedAt} />
        </Fact>
        <Fact term={i18n.t('popup.status.lastChecked')}>
          {health ? <RelativeTime at={health.checkedAt} /> : i18n.t('popup.status.notYet')}
        </Fact>
      </dl>
      <div class="status-actions">
        <BusyButton
          class="secondary compact"
          busy={checking}
          disabled={disabled}
          describedBy="check-progress"
          onClick={onCheck}
        >
          {i18n.t('popup.status.checkNow')}
        </BusyButton>
        {children}
      </div>
      <p id="check-progress" role="status" class="muted small">
        {checking ? i18n.t('popup.status.checking') : ''}
      </p>
    </section>
  );
}
