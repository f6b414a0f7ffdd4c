/**
 * The background's tests' shared set-up: a configuration whose addresses reach nothing (a request that got as far
 * as the network fails as `network`), connections stored as a sign-in would store them, and messages asked as the
 * popup asks them, each answer checked against the protocol.
 */
import { expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SANDBOX_API_CLIENT_ID, SANDBOX_CLIENT_ID } from '../../sandbox/sandbox-config';
import { handleMessage } from '../background-router';
import type { Connection } from '../connection';
import { addConnection } from '../connection-list';
import { updateConnectionStore } from '../connection-store';
import { type BackgroundResponse, responseSchema } from '../messages';
import { fakeConnection } from './fixtures';

/** The sandbox's client ids, and WordPress.com, the proxy and Gravatar where nothing listens. */
export function stubUnreachableConfig(): void {
  vi.stubEnv('WXT_WPCOM_CLIENT_ID', SANDBOX_CLIENT_ID);
  vi.stubEnv('WXT_WPCOM_API_CLIENT_ID', SANDBOX_API_CLIENT_ID);
  vi.stubEnv('WXT_WPCOM_API_URL', 'http://127.0.0.1:1/rest');
  vi.stubEnv('WXT_TOKEN_PROXY_URL', 'http://127.0.0.1:1/token');
  vi.stubEnv('WXT_GRAVATAR_API_URL', 'http://127.0.0.1:1/v3');
}

export const pageSender = (page: 'popup' | 'options') => ({
  id: fakeBrowser.runtime.id,
  url: `chrome-extension://${fakeBrowser.runtime.id}/${page}.html`,
});

/** Stores these connections, one after the other, the last one active. */
export async function storeConnections(...connections: Connection[]): Promise<void> {
  for (const c of connections) await updateConnectionStore((current) => addConnection(current, c));
}

/**
 * Adds, straight into storage, a connection whose kind no version of the extension wrote beside the stored ones: the
 * next read of the store finds it damaged. Returns it (its token must appear nowhere after).
 */
export async function storeDamagedConnection(): Promise<Connection> {
  const { connections: raw } = await fakeBrowser.storage.local.get<{ connections: { connections: unknown[] } }>(
    'connections',
  );
  const damaged = { ...fakeConnection(), kind: 'x' } as unknown as Connection;
  await fakeBrowser.storage.local.set({ connections: { ...raw, connections: [...raw.connections, damaged] } });
  return damaged;
}

/** The background's answer to `message` from the popup (or `sender`), which every page can parse. */
export async function askBackground(message: unknown, sender = pageSender('popup')): Promise<BackgroundResponse> {
  const answer = await handleMessage(message, sender);
  expect(responseSchema.safeParse(answer).success).toBe(true);
  return answer;
}
