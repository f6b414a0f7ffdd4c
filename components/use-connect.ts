/** The popup's whole state: what the background says, the failure to show, and the actions. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ask, onStateChanged } from '../utils/background-client';
import type { ConnectionView } from '../utils/connection';
import type { AppState, BackgroundRequest, BackgroundResponse, ErrorInfo } from '../utils/messages';
import { activeConnection } from './active-connection';
import { focusAfterChange } from './focus-after-change';
import type { RevokedNoticeKind } from './RevokedNotice';

export interface ConnectView {
  state: AppState | undefined;
  /** The connection the popup shows and the console calls with. */
  active: ConnectionView | undefined;
  error: ErrorInfo | undefined;
  notice: RevokedNoticeKind | undefined;
  refreshing: boolean;
  /** Starts a sign-in with the access saved on the options page. */
  signIn(): void;
  select(id: string): void;
  revoke(id: string): void;
  /** Calls a catalogue endpoint with the active connection; the console shows the answer. */
  call(endpoint: string, params: Record<string, string>): Promise<BackgroundResponse>;
}

export function useConnect(): ConnectView {
  const [state, setState] = useState<AppState>();
  const [error, setError] = useState<ErrorInfo>();
  const [notice, setNotice] = useState<RevokedNoticeKind>();
  const [refreshing, setRefreshing] = useState(false);
  const busy = useRef(false);

  const apply = useCallback((response: BackgroundResponse) => {
    if (response.state) setState(response.state);
    if (!response.ok) setError(response.error);
    else if (response.notice) setError(response.notice);
    return response;
  }, []);

  const refresh = useCallback(() => {
    setRefreshing(true);
    void ask({ type: 'refreshProfile' })
      .then(apply)
      .finally(() => setRefreshing(false));
  }, [apply]);

  useEffect(() => {
    const stop = onStateChanged(setState);
    // The cached state paints first; the profile refresh follows in the background.
    void ask({ type: 'getState' }).then((response) => {
      apply(response);
      if (response.ok && activeConnection(response.state)) refresh();
    });
    return stop;
  }, [apply, refresh]);

  const act = useCallback(
    async (request: BackgroundRequest) => {
      // A flow is running: further clicks are ignored (the background would join them anyway).
      if (busy.current) return;
      busy.current = true;
      setError(undefined);
      setNotice(undefined);
      try {
        return apply(await ask(request));
      } finally {
        busy.current = false;
      }
    },
    [apply],
  );

  return {
    state,
    active: activeConnection(state),
    error,
    notice,
    refreshing,
    signIn: () => {
      setState((current) => (current ? { ...current, status: 'signing_in' } : current));
      void act({ type: 'signIn' }).then((response) => {
        // A failure that brought no state must not leave the button waiting.
        if (response && !response.state) {
          setState(
            (current) => current && { ...current, status: current.connections.length ? 'signed_in' : 'signed_out' },
          );
        }
      });
    },
    select: (id) => {
      void act({ type: 'selectConnection', id }).then((response) => {
        focusAfterChange();
        if (response?.ok) refresh();
      });
    },
    revoke: (id) => {
      void act({ type: 'revoke', id }).then((response) => {
        if (response?.ok && response.revocation === 'manual') setNotice('revoked_manual');
        if (response?.ok && response.revocation === 'ended') setNotice('revoked_ended');
        focusAfterChange();
      });
    },
    call: async (endpoint, params) => {
      const response = await ask({ type: 'callEndpoint', endpoint, params });
      if (response.state) setState(response.state);
      // The console shows its own failures, unless this one ended the active connection (a token found
      // invalid): then the console starts afresh or goes, and the popup's alert says why.
      const problem = response.ok ? response.call?.problem : response.error;
      if (problem && response.state && response.state.activeId !== state?.activeId) setError(problem);
      return response;
    },
  };
}
