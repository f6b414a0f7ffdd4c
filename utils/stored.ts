/**
 * Everything the extension keeps, one item each in `browser.storage` (a key in one area). Every read is parsed
 * with zod: absent → `undefined`; corrupt → the item is removed and a `storage_corrupt` notice is kept for the
 * next answer.
 *
 * The connections themselves (read entry by entry, so that one damaged connection costs only itself, and the
 * migration from the one-connection shape) live in `connection-store.ts`; this module holds the items and the
 * plain reads.
 *
 * The items are this module's own few lines rather than WXT's `storage.defineItem`, which reads every item it
 * defines as the worker starts (its `init` support), nine storage reads ahead of the first message's.
 */

import { browser } from 'wxt/browser';
import { z } from 'zod';
import { i18n } from '#i18n';
import { type AccessRequest, DEFAULT_SETTINGS, type Settings, sameAccess, settingsSchema } from './access';
import { ConnectError } from './errors';
import { type RestoreOffer, restoreOfferSchema } from './messages';
import { type PendingFlow, pendingFlowSchema } from './pending-flow';
import { forgetPagesSnapshotForSettings, forgetPopupPage } from './popup-route';
import type { KeptRestoreOffer } from './restore-offer';

type Area = 'local' | 'session';

export interface StoredItem {
  /** The stored value, `null` when there is none. */
  getValue(): Promise<unknown>;
  /** Stores `value`; `null` or `undefined` removes the item. */
  setValue(value: unknown): Promise<void>;
  removeValue(): Promise<void>;
}

/** One key in one storage area. Reads and writes go to the browser: nothing is cached here. */
function defineItem(area: Area, key: string): StoredItem {
  const store = () => browser.storage[area];
  return {
    async getValue() {
      return (await store().get(key))[key] ?? null;
    },
    async setValue(value) {
      if (value === null || value === undefined) await store().remove(key);
      else await store().set({ [key]: value });
    },
    async removeValue() {
      await store().remove(key);
    },
  };
}

/** Every connection (tokens included): `storage.local`, which no content script can read (we have none). */
export const connectionsItem = defineItem('local', 'connections');
/** What the options page saved. */
export const settingsItem = defineItem('local', 'settings');
/** The sign-in under way: memory-only, and hidden from content scripts. */
export const pendingFlowItem = defineItem('session', 'pendingFlow');
/** Until when WordPress.com asked us not to call an endpoint again (429 `Retry-After`), per connection. */
export const rateLimitsItem = defineItem('session', 'rateLimits');
/**
 * Public Gravatar profiles of the signed-in accounts, by email hash (`gravatar-cache.ts`). Only while the
 * option is on; pruned when an account's last connection goes.
 */
export const gravatarItem = defineItem('local', 'gravatar');
/**
 * The "sign in again" offer after a health check removed a connection whose token WordPress.com no longer
 * accepts. In `local` so it survives the browser restart whose start-up check usually finds it.
 */
export const restoreItem = defineItem('local', 'restore');
/** What the last sign-in, revoke or check has to tell the person, until a page has shown it (`kept-outcome.ts`). */
export const outcomeItem = defineItem('session', 'outcome');
/** Since when WordPress.com could not be reached: memory-only, it survives worker restarts, not the browser's. */
export const connectivityItem = defineItem('session', 'connectivity');
/**
 * Accounts whose access the person ended with a revoke, and when (`ended-by-person.ts`). In `local`: the browser's
 * restart, whose start-up check finds such a connection refused, must not make it look removed by WordPress.com.
 */
export const endedAccessItem = defineItem('local', 'endedAccess');
/**
 * What storage damage was found and not yet told to a page (`noteDamage`): which thing, never a value. Kept beside the
 * worker's memory, which the browser clears when it stops an idle worker, so the next worker still says it.
 */
export const storageNoticeItem = defineItem('session', 'storageNotice');
/** The endpoint console's draft (endpoint and values typed) while the popup is closed (`console-draft.ts`). */
export const consoleDraftItem = defineItem('session', 'consoleDraft');
/**
 * The one-connection shape before connections v2, `connection` + `profile`: read by the migration, then removed.
 * Both in one call each way, so a read never sees half of a pair being written (a profile without its token, which
 * the migration would drop, the token arriving just after with it).
 */
export const legacySignIn = {
  async read(): Promise<[connection: unknown, profile: unknown]> {
    const { connection, profile } = await browser.storage.local.get(['connection', 'profile']);
    return [connection ?? null, profile ?? null];
  },
  async remove(): Promise<void> {
    await browser.storage.local.remove(['connection', 'profile']);
  },
};

type Item = Pick<StoredItem, 'getValue' | 'removeValue'>;

/** The damaged thing this worker noticed and no page has been told of yet. */
let damaged: StoredThing | undefined;
/** Whether this worker noted any damage: then what `storage.session` holds is its own, not an earlier worker's. */
let notedHere = false;
/** Whether this worker has read what an earlier one kept (once: what it notes itself is in its memory). */
let earlierRead = false;

/** What can be found damaged in storage: each is named in its own sentence (`detail.damaged.*`). */
const STORED_THINGS = [
  'connections',
  'settings',
  'signInAttempt',
  'signInOffer',
  'outcome',
  'rateLimits',
  'gravatar',
  'connectivity',
  'consoleDraft',
  'endedAccess',
  'legacySignIn',
  'legacyProfile',
] as const;
export type StoredThing = (typeof STORED_THINGS)[number];

const damageNotice = (what: StoredThing) => new ConnectError('storage_corrupt', i18n.t(`detail.damaged.${what}`));

/**
 * Records that damaged stored data was cleared, so the next answer to a page can say so: in this worker's memory, and
 * in `storage.session` for a worker started after this one stopped (`takeKeptStorageNotice`).
 */
export function noteDamage(what: StoredThing): ConnectError {
  damaged = what;
  notedHere = true;
  void storageNoticeItem.setValue(what).catch(() => undefined);
  return damageNotice(what);
}

/**
 * The damage this worker noticed since the last call, once; or else `earlier`, what a worker before it noticed
 * (`readEarlierStorageNotice`). With both, the earlier one is said by the next answer.
 */
export function takeStorageNotice(earlier?: StoredThing): ConnectError | undefined {
  const what = damaged ?? earlier;
  damaged = undefined;
  // Written before this removal (both in this worker's order): the kept copy goes with it.
  if (what) void storageNoticeItem.removeValue().catch(() => undefined);
  if (earlier && what !== earlier) noteDamage(earlier);
  return what && damageNotice(what);
}

/**
 * What a worker before this one noticed and stopped before any page was told (that a dropped connection may still be
 * live at Connected Apps is said once, never lost with the worker), taken from `storage.session`. Read by this
 * worker's first answer only: answers asked together (the popup and the options page) do not both say it, and later
 * ones read nothing (what this worker notes is in its memory). A storage area that fails costs the notice, not the
 * answer.
 */
export async function readEarlierStorageNotice(): Promise<StoredThing | undefined> {
  if (earlierRead || notedHere) return undefined;
  earlierRead = true;
  const kept = await storageNoticeItem.getValue().catch(() => undefined);
  // Noted here meanwhile: what is kept is this worker's now, and in its memory.
  if (kept === null || kept === undefined || notedHere) return undefined;
  await storageNoticeItem.removeValue().catch(() => undefined);
  const what = z.enum(STORED_THINGS).safeParse(kept);
  return what.success ? what.data : undefined;
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
/**
 * Fields added later (`showGravatar`) may be left out: they take their defaults. The popup frame served or kept
 * goes: it was drawn with the old settings (Gravatar's details, when they were on).
 */
export async function saveSettings(value: z.input<typeof settingsSchema>): Promise<void> {
  await settingsItem.setValue(settingsSchema.parse(value));
  forgetPopupPage();
  forgetPagesSnapshotForSettings();
}

/** A damaged flow fails the sign-in it belongs to (`storage_corrupt`). */
export const readPendingFlow = (): Promise<PendingFlow | undefined> =>
  readParsed(pendingFlowItem, pendingFlowSchema, 'signInAttempt', true);
export async function savePendingFlow(value: PendingFlow): Promise<void> {
  await pendingFlowItem.setValue(pendingFlowSchema.parse(value));
}

/** The offer as kept: the pages' offer, and whose account it is (restore-offer.ts), which pages are not told. */
const keptRestoreOfferSchema = z.lazy(() =>
  restoreOfferSchema.unwrap().extend({ accountId: z.number().int().nonnegative().optional() }),
);

const readKeptRestoreOffer = () => readParsed(restoreItem, keptRestoreOfferSchema, 'signInOffer');

export async function readRestoreOffer(): Promise<RestoreOffer | undefined> {
  const kept = await readKeptRestoreOffer();
  if (!kept) return undefined;
  const { accountId: _, ...offer } = kept;
  return offer;
}
export async function saveRestoreOffer(value: KeptRestoreOffer): Promise<void> {
  await restoreItem.setValue(keptRestoreOfferSchema.parse(value));
}
/**
 * Removes the offer when it is for this account (and `matches` it): the person ended that account's access (an "All
 * sites" revoke WordPress.com confirmed, for the offers that app would recreate), or revoked its last connection. An
 * offer kept before accounts were noted in it stays.
 */
export async function clearRestoreOfferOf(
  accountId: number,
  matches: (offer: RestoreOffer) => boolean = () => true,
): Promise<void> {
  const offer = await readKeptRestoreOffer();
  if (offer?.accountId === accountId && matches(offer)) await restoreItem.removeValue();
}
export async function clearRestoreOffer(): Promise<void> {
  await restoreItem.removeValue();
}
/**
 * After a sign-in with `access` to account `accountId` (undefined: `/me` did not say whose): the offer has done its
 * job when it is to sign that account in again, or names no account, or, whose account unknown, asks for that access
 * (its "Sign in again" was pressed, most likely). An offer for another account stays: signing in as Alice is not what
 * Bob's removed connection asked for, and the offer is the only word of that removal.
 */
export async function clearRestoreOfferAfterSignIn(
  accountId: number | undefined,
  access: AccessRequest,
): Promise<void> {
  const offer = await readKeptRestoreOffer();
  if (!offer) return;
  const done =
    offer.accountId === undefined ||
    offer.accountId === accountId ||
    (accountId === undefined && sameAccess(offer.access, access));
  if (done) await restoreItem.removeValue();
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
  'outcome',
  'consoleDraft',
  'endedAccess',
  'storageNotice',
  'connection',
  'profile',
];

/**
 * After the person ends their last connection, nothing of them stays: every key of ours leaves every storage
 * area, `sync` included though we never write there (the "sign in again" offer with their name, the Gravatar
 * cache, the session's notes, the legacy keys), except the settings, a sign-in under way in another window, and
 * the connections, which only the connection store's queue writes (an empty store has none already). Ending one
 * connection is `removeStoredConnection` (connection-store.ts); this is what `revoke` adds when that one was the
 * last, within the store's queue (`withConnectionStore`), so that no connection, or Gravatar answer, is written
 * meanwhile.
 */
export async function forgetSignedOut(): Promise<void> {
  forgetPopupPage();
  const [local, session] = await Promise.allSettled([
    browser.storage.local.remove(OUR_KEYS.filter((key) => key !== 'settings' && key !== 'connections')),
    browser.storage.session.remove(OUR_KEYS.filter((key) => key !== 'pendingFlow')),
    // We never write there: a sync area that refuses (turned off by policy, past its write quota) stops nothing, and
    // the revoke goes on to end the access at WordPress.com.
    browser.storage.sync.remove(OUR_KEYS),
  ]);
  for (const area of [local, session]) if (area.status === 'rejected') throw area.reason;
}
