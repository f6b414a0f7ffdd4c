/**
 * Everything the extension keeps, one typed item each (WXT's storage: typed keys and areas, a
 * well-kept wrapper over browser.storage). Every read is parsed with zod: absent → `undefined`;
 * corrupt → the item is removed and a `storage_corrupt` error says so.
 */
import { storage } from 'wxt/utils/storage';
import type { z } from 'zod';
import { type Connection, connectionSchema } from './connection';
import { ConnectError } from './errors';
import { type PendingFlow, pendingFlowSchema } from './pending-flow';
import { type Profile, profileSchema } from './profile';

/** The token survives a browser restart: `storage.local`, which no content script can read (we have none). */
export const connectionItem = storage.defineItem<unknown>('local:connection');
/** The last `/me` answer, so a reopened popup paints at once. */
export const profileItem = storage.defineItem<unknown>('local:profile');
/** The sign-in under way: memory-only, and hidden from content scripts. */
export const pendingFlowItem = storage.defineItem<unknown>('session:pendingFlow');

interface Item {
  getValue(): Promise<unknown>;
  removeValue(): Promise<void>;
}

async function readParsed<T>(item: Item, schema: z.ZodType<T>, what: string) {
  const raw = await item.getValue();
  if (raw === null || raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  await item.removeValue();
  throw new ConnectError('storage_corrupt', `The stored ${what} was damaged and has been cleared.`);
}

export const readConnection = (): Promise<Connection | undefined> =>
  readParsed(connectionItem, connectionSchema, 'sign-in');
export const readProfile = (): Promise<Profile | undefined> => readParsed(profileItem, profileSchema, 'profile');
export const readPendingFlow = (): Promise<PendingFlow | undefined> =>
  readParsed(pendingFlowItem, pendingFlowSchema, 'sign-in attempt');

export const saveConnection = (value: Connection) => connectionItem.setValue(connectionSchema.parse(value));
export const saveProfile = (value: Profile) => profileItem.setValue(profileSchema.parse(value));
export const savePendingFlow = (value: PendingFlow) => pendingFlowItem.setValue(pendingFlowSchema.parse(value));

const OUR_KEYS = ['connection', 'profile', 'pendingFlow'];

/** Signs out locally: our keys leave every storage area, `sync` included, though we never write there. */
export async function wipeStoredSignIn(): Promise<void> {
  await storage.removeItems([
    ...OUR_KEYS.map((key) => `local:${key}` as const),
    ...OUR_KEYS.map((key) => `session:${key}` as const),
    ...OUR_KEYS.map((key) => `sync:${key}` as const),
  ]);
}
