import type { ConnectionView } from '../utils/connection';
import { AccessLine } from './AccessLine';
import { EndpointConsole } from './console/EndpointConsole';
import { OtherConnections } from './OtherConnections';
import { ProfileCard } from './ProfileCard';
import { SignInButton } from './SignInButton';
import type { ConnectView } from './use-connect';

/** The signed-in popup: the active connection, the others, a way to add one, and the endpoint console. */
export function SignedIn({ view, active }: { view: ConnectView; active: ConnectionView }) {
  const state = view.state;
  if (!state) return null;
  const others = state.connections.filter((connection) => connection.id !== active.id);
  return (
    <>
      <ProfileCard connection={active} refreshing={view.refreshing} onRevoke={() => view.revoke(active.id)} />
      <OtherConnections connections={others} select={view.select} revoke={view.revoke} />
      <div class="add-connection">
        <SignInButton signingIn={state.status === 'signing_in'} onClick={view.signIn} progressId="add-progress">
          Add connection
        </SignInButton>
        <AccessLine settings={state.settings} />
      </div>
      {/* A new connection starts a fresh console: its endpoints and its site differ. */}
      <EndpointConsole key={active.id} connection={active} call={view.call} />
    </>
  );
}
