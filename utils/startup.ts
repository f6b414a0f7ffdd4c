/** What the worker does when the browser starts: check every stored connection's token once. */
import { broadcastState } from './background-router';
import { checkConnectionsHealth } from './connection-health';

/** Never throws: a failed check leaves everything as it was (and marks offline when nothing got through). */
export async function onBrowserStartup(): Promise<void> {
  try {
    await checkConnectionsHealth({ force: true });
  } catch {
    // Storage trouble is reported with the next answer to a page.
  }
  await broadcastState().catch(() => undefined);
}
