/** One console call at a time: running, its answer, or why there is none. */
import { useCallback, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { BackgroundResponse, CallResult, ErrorInfo } from '../../utils/messages';

export type CallFn = (
  connectionId: string,
  endpoint: string,
  params: Record<string, string>,
) => Promise<BackgroundResponse>;

export interface EndpointCall {
  running: boolean;
  result: CallResult | undefined;
  /** How many answers came so far: each one a view of its own. */
  calls: number;
  /** The call failed before any answer (or the parameters were refused). */
  error: ErrorInfo | undefined;
  run(endpoint: string, params: Record<string, string>): Promise<void>;
  /** Forgets a failure that no longer applies (another endpoint was chosen). */
  clearError(): void;
}

/** Calls go out for `connectionId`, the connection the console shows. */
export function useEndpointCall(connectionId: string, call: CallFn): EndpointCall {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<CallResult>();
  const [calls, setCalls] = useState(0);
  const [error, setError] = useState<ErrorInfo>();
  const inFlight = useRef(false);

  const run = useCallback(
    async (endpoint: string, params: Record<string, string>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setRunning(true);
      setError(undefined);
      try {
        const response = await call(connectionId, endpoint, params);
        if (!response.ok) {
          setResult(undefined);
          setError(response.error);
        } else if (response.call) {
          setResult(response.call);
          setCalls((count) => count + 1);
        } else {
          setResult(undefined);
          setError({ code: 'invalid_response', message: i18n.t('console.noResult') });
        }
      } finally {
        inFlight.current = false;
        setRunning(false);
      }
    },
    [connectionId, call],
  );

  const clearError = useCallback(() => setError(undefined), []);
  return { running, result, calls, error, run, clearError };
}
