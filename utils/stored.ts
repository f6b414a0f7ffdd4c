/**
 * Everything the extension keeps, one typed item each (WXT's storage: typed keys and areas, a
 * well-kept wrapper over browser.storage). Every read is parsed with zod: absent → `undefined`;
 * corrupt → the item is removed and a `storage_corrupt` notice is kept for the next answer.
 *
 * The connections themselves (and the migration from the one-connection shape) live in
 * `connection-store.ts`; this module holds the items and the plain reads.
 */

import { storage } from 'wxt/utils/storage';
import type { z } from 'zod';
import { i18n } from '#i18n';
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from './access';
import { ConnectError } from './errors';
import { type RestoreOffer, restoreOfferSchema } from './messages';
import { type PendingFlow, pendingFlowSchema } from './pending-flow';

/** Every connection (tokens included): `storage.local`, which no content script can read (we have none). */
export const connectionsItem = storage.defineItem<unknown>('local:connections');
/** What the options page saved. */
export const settingsItem = storage.defineItem<unknown>('local:settings');
/** The sign-in under way: memory-only, and hidden from content scripts. */
export const pendingFlowItem = storage.defineItem<unknown>('session:pendingFlow');
/** Until when WordPress.com asked us not to call an endpoint again (429 `Retry-After`), per connection. */
export const rateLimitsItem = storage.defineItem<unknown>('session:rateLimits');
/**
 * Public Gravatar profiles of the signed-in accounts, by email hash (`gravatar-cache.ts`). Only while the
 * option is on; pruned when an account's last connection goes.
 */
export const gravatarItem = storage.defineItem<unknown>('local:gravatar');
/**
 * The "sign in again" offer after a health check removed a connection whose token WordPress.com no longer
 * accepts. In `local` so it survives the browser restart whose start-up check usually finds it.
 */
export const restoreItem = storage.defineItem<unknown>('local:restore');
/** Since when WordPress.com could not be reached: memory-only, it survives worker restarts, not the browser's. */
export const connectivityItem = storage.defineItem<unknown>('session:connectivity');
/** The one-connection shape before connections v2: read once by the migration, then removed. */
export const legacyConnectionItem = storage.defineItem<unknown>('local:connection');
export const legacyProfileItem = storage.defineItem<unknown>('local:profile');

interface Item {
  getValue(): Promise<unknown>;
  removeValue(): Promise<void>;
}

let damage: ConnectError | undefined;

/** What can be found damaged in storage: each is named in its own sentence (`detail.damaged.*`). */
export type StoredThing =
  | 'connections'
  | 'settings'
  | 'signInAttempt'
  | 'signInOffer'
  | 'rateLimits'
  | 'gravatar'
  | 'connectivity'
  | 'legacySignIn'
  | 'legacyProfile';

/** Records that damaged stored data was cleared, so the next answer to a page can say so. */
export function noteDamage(what: StoredThing): ConnectError {
  damage = new ConnectError('storage_corrupt', i18n.t(`detail.damaged.${what}`));
  return damage;
}

/** The damage noticed since the last call, once. */
export function takeStorageNotice(): ConnectError | undefined {
  const notice = damage;
  damage = undefined;
  return notice;
}

/** Absent → undefined. Damaged → removed, noted, and thrown as `storage_corrupt` when `strict`, else undefined. */
export async function readParsed<T>(item: Item, schema: z.ZodType<T>, what: StoredThing, strict = false) {
  const raw = await item.getValue();
  if (raw === null || raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  await item.removeValue();
  const error = noteDamage(what);
  if (strict) throw error;
  return undefined;
}

export async function readSettings(): Promise<Settings> {
  return (await readParsed(settingsItem, settingsSchema, 'settings')) ?? DEFAULT_SETTINGS;
}
/** Fields added later (`showGravatar`) may be left out: they take their defaults. */
export async function saveSettings(value: z.input<typeof settingsSchema>): Promise<void> {
  await settingsItem.setValue(settingsSchema.parse(value));
}

/** A damaged flow fails the sign-in it belongs to (`storage_corrupt`). */
export const readPendingFlow = (): Promise<PendingFlow | undefined> =>
  readParsed(pendingFlowItem, pendingFlowSchema, 'signInAttempt', true);
export async function savePendingFlow(value: PendingFlow): Promise<void> {
  await pendingFlowItem.setValue(pendingFlowSchema.parse(value));
}

export const readRestoreOffer = (): Promise<RestoreOffer | undefined> =>
  readParsed(restoreItem, restoreOfferSchema, 'signInOffer');
export async function saveRestoreOffer(value: RestoreOffer): Promise<void> {
  await restoreItem.setValue(restoreOfferSchema.parse(value));
}
export async function clearRestoreOffer(): Promise<void> {
  await restoreItem.removeValue();
}

/** Every key this extension has ever written (the legacy ones included). */
const OUR_KEYS = [
  'connections',
  'settings',
  'pendingFlow',
  'rateLimits',
  'gravatar',
  'restore',
  'connectivity',
  'connection',
  'profile',
];

/**
 * Forgets everything: our keys leave every storage area, `sync` included, though we never write there.
 * (Ending one connection is `removeStoredConnection` in connection-store.ts.)
 */
export async function wipeAllStored(): Promise<void> {
  await storage.removeItems([
    ...OUR_KEYS.map((key) => `local:${key}` as const),
    ...OUR_KEYS.map((key) => `session:${key}` as const),
    ...OUR_KEYS.map((key) => `sync:${key}` as const),
  ]);
}
