/** What every route module of the emulator shares. */
import type { Context } from 'hono';
import type { EmulatorClient } from './clients.ts';
import type { EmulatorStore } from './store.ts';

export interface EmulatorContext {
  store: EmulatorStore;
  clients: readonly EmulatorClient[];
  /** The emulator's own origin (`http://127.0.0.1:PORT`), for the URLs it hands out. */
  baseUrl(requestUrl: string): string;
  /** The caller's IP (the socket's address), when the server running the app knows it. */
  clientIp(c: Context): string | undefined;
}
