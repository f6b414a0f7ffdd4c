/** The popup's whole state: what the background says, the failure to show, and the actions. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ask, onStateChanged } from '../utils/background-client';
import type { AppState, BackgroundRequest, BackgroundResponse } from '../utils/messages';

type ErrorInfo = Extract<BackgroundResponse, { ok: false }>['error'];

export interface ConnectView {
  state: AppState | undefined;
  error: ErrorInfo | undefined;
  notice: 'revoked_manual' | 'revoked_ended' | undefined;
  refreshing: boolean;
  signIn(): void;
  revoke(): void;
}

export function useConnect(): ConnectView {
  const [state, setState] = useState<AppState>();
  const [error, setError] = useState<ErrorInfo>();
  const [notice, setNotice] = useState<ConnectView['notice']>();
  const [refreshing, setRefreshing] = useState(false);
  const busy = useRef(false);

  const apply = useCallback((response: BackgroundResponse) => {
    if (response.state) setState(response.state);
    if (!response.ok) setError(response.error);
    else if (response.notice) setError(response.notice);
    return response;
  }, []);

  useEffect(() => {
    const stop = onStateChanged(setState);
    void ask({ type: 'getState' }).then((response) => {
      apply(response);
      if (response.ok && response.state.status === 'signed_in') {
        setRefreshing(true);
        void ask({ type: 'refreshProfile' })
          .then(apply)
          .finally(() => setRefreshing(false));
      }
    });
    return stop;
  }, [apply]);

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
    error,
    notice,
    refreshing,
    signIn: () => {
      setState((current) => (current ? { ...current, status: 'signing_in' } : current));
      void act({ type: 'signIn' });
    },
    revoke: () => {
      void act({ type: 'revoke' }).then((response) => {
        if (response?.ok && response.revocation === 'manual') setNotice('revoked_manual');
        if (response?.ok && response.revocation === 'ended') setNotice('revoked_ended');
      });
    },
  };
}
