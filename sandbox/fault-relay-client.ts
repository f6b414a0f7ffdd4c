/** A typed client of the fault relay's control port (`fault-relay.ts`), for tests. */
import { type RelayMode, type RelayStats, relayStatsSchema } from './fault-relay';

export interface FaultRelayControl {
  /** Switches the relay: `slow` holds each request `delayMs` (default 60 s). Resolves once the switch is done. */
  setMode(mode: RelayMode, options?: { delayMs?: number }): Promise<RelayStats>;
  /** Back to `pass` (listening again if it was refusing), counters zeroed. */
  reset(): Promise<void>;
  stats(): Promise<RelayStats>;
}

export function faultRelayControl(controlUrl: string): FaultRelayControl {
  const call = async (path: string, body?: unknown): Promise<RelayStats> => {
    const response = await fetch(`${controlUrl}/__relay/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Fault relay control ${path} failed: HTTP ${response.status} ${text}`);
    return relayStatsSchema.parse(JSON.parse(text));
  };
  return {
    setMode: (mode, options = {}) => call('mode', { mode, ...options }),
    async reset() {
      await call('reset', {});
    },
    stats: () => call('stats'),
  };
}
