/** What every route module of the emulator shares. */
import type { EmulatorClient } from './clients.ts';
import type { EmulatorStore } from './store.ts';

export interface EmulatorContext {
  store: EmulatorStore;
  clients: readonly EmulatorClient[];
  /** The emulator's own origin (`http://127.0.0.1:PORT`), for the URLs it hands out. */
  baseUrl(requestUrl: string): string;
}
