import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import { AccessLine } from './AccessLine';
import { LazyEndpointConsole } from './LazyEndpointConsole';
import { OfflineMarker } from './OfflineMarker';
import { OtherConnections } from './OtherConnections';
import { ProfileCard } from './ProfileCard';
import { RestoreOffer } from './RestoreNotice';
import { REVOKE_PROGRESS_ID } from './RevokeButton';
import { SignInButton } from './SignInButton';
import type { ConnectView } from './use-connect';

/** The signed-in popup: the active connection, the others, a way to add one, and the endpoint console. */
export function SignedIn({ view, active }: { view: ConnectView; active: ConnectionView }) {
  const state = view.state;
  if (!state) return null;
  const others = state.connections.filter((connection) => connection.id !== active.id);
  const signingIn = state.status === 'signing_in';
  return (
    <>
      <div role="status">{state.offline ? <OfflineMarker active={active} /> : null}</div>
      <RestoreOffer view={view} />
      {/* One card per connection: after a revoke no element of the ended one (its focused Revoke) serves the next. */}
      <ProfileCard
        key={active.id}
        connection={active}
        refreshing={view.refreshing}
        checking={view.checking}
        busy={view.busy}
        revoking={view.revoking}
        onCheck={view.checkNow}
        onRevoke={() => view.revoke(active.id)}
      />
      <p id={REVOKE_PROGRESS_ID} role="status" class="muted small">
        {view.revoking ? i18n.t('popup.revoking') : ''}
      </p>
      <OtherConnections
        connections={others}
        busy={view.busy}
        revoking={view.revoking}
        selecting={view.selecting}
        select={view.select}
        revoke={view.revoke}
      />
      <div class="add-connection">
        <SignInButton
          signingIn={signingIn && !view.restoring}
          disabled={view.busy}
          onClick={view.signIn}
          progressId="add-progress"
          quiet
        >
          {i18n.t('popup.addConnection')}
        </SignInButton>
        <AccessLine settings={state.settings} signingInWith={state.signingInWith} />
      </div>
      {/* A new connection starts a fresh console: its endpoints and its site differ. Its code loads after the profile paints. */}
      <LazyEndpointConsole key={active.id} connection={active} call={view.call} drafts={view.drafts} held={view.busy} />
    </>
  );
}
