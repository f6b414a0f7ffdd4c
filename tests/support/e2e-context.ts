/** What every end-to-end test reads, whichever browser it drives: the services' addresses, the emulator's switches, the proxy's log. */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { emulatorControl } from '../../sandbox/emulator/control-client';
import { faultRelayControl } from '../../sandbox/fault-relay-client';

export const services = () => inject('e2e');
export const emulator = () => emulatorControl(services().emulatorUrl);
/** The fault relay between the extension and the proxy: `setMode('refuse' | 'slow' | 'html' | 'html502' | 'pass')`. */
export const relay = () => faultRelayControl(services().relayControlUrl);

/** Lines the proxy logged since the suite started. */
export function proxyLog(): Array<{ method: string; path: string; status: number }> {
  return readFileSync(services().proxyLogFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}
