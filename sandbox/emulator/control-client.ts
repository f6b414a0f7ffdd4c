/** A typed client of the emulator's control API (/__sandbox/…), for tests. */
import { z } from 'zod';
import type { EmulatorBehaviour } from './behaviour.ts';
import { type EmulatorStats, emulatorStatsSchema } from './stats.ts';

export interface MintCodesOptions {
  /** 1 to 500000. */
  count: number;
  /** Username or short key (`alice`, `bob`); default alice. */
  user?: string;
  /** Default: the emulator's first registered client. */
  clientId?: string;
  /** Default: the client's first registered redirect URI. */
  redirectUri?: string;
  /** How long the codes stay usable, at most one hour; default the emulator's code lifetime. */
  ttlMs?: number;
}

const mintedCodesSchema = z.object({ codes: z.array(z.string()) });

export interface EmulatorControl {
  /** Forgets all codes, tokens, nonces and switches, and zeroes the counters. */
  reset(): Promise<void>;
  setBehaviour(behaviour: Partial<EmulatorBehaviour>): Promise<void>;
  /** Revokes every token, or only those of one user (username like `alicewrites`, or `alice`). */
  revokeTokens(username?: string): Promise<void>;
  stats(): Promise<EmulatorStats>;
  /** Real single-use authorization codes (login grants), as the consent page would issue them, without the page. */
  mintCodes(options: MintCodesOptions): Promise<string[]>;
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
    async mintCodes(options) {
      return mintedCodesSchema.parse(await call('mint-codes', options)).codes;
    },
  };
}
