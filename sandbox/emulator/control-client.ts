/** A typed client of the emulator's control API (/__sandbox/…), for tests. */
import type { EmulatorBehaviour } from './behaviour.ts';
import { type EmulatorStats, emulatorStatsSchema } from './stats.ts';

export interface EmulatorControl {
  /** Forgets all codes, tokens, nonces and switches, and zeroes the counters. */
  reset(): Promise<void>;
  setBehaviour(behaviour: Partial<EmulatorBehaviour>): Promise<void>;
  /** Revokes every token, or only those of one user (username like `alicewrites`, or `alice`). */
  revokeTokens(username?: string): Promise<void>;
  stats(): Promise<EmulatorStats>;
}

export function emulatorControl(url: string): EmulatorControl {
  const call = async (path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/__sandbox/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Emulator control ${path} failed: HTTP ${response.status} ${text}`);
    return JSON.parse(text);
  };
  return {
    async reset() {
      await call('reset', {});
    },
    async setBehaviour(behaviour) {
      await call('behaviour', behaviour);
    },
    async revokeTokens(username) {
      await call('revoke-tokens', username === undefined ? {} : { username });
    },
    async stats() {
      return emulatorStatsSchema.parse(await call('stats'));
    },
  };
}
