/**
 * Keeps the signed-in accounts' Gravatar profiles: asked after a sign-in and on a refresh, never before, and
 * only while the option is on. A Gravatar failure never fails what called it: it only leaves the cache as it was.
 */
import { withConnectionStore } from './connection-store';
import { extensionConfig } from './extension-config';
import {
  applyGravatarOutcome,
  isGravatarDue,
  isGravatarHeld,
  readGravatarCache,
  updateGravatarCache,
} from './gravatar-cache';
import { accountHashes, gravatarHash } from './gravatar-hash';
import { readGravatarAnswer } from './gravatar-profile-parse';
import { fetchGravatarAnswer } from './gravatar-request';
import { readSettings } from './stored';

/**
 * `off`: the option is off, or the account has no connection any more (a revoke while its `/me` was out: nothing
 * sent about someone who is gone). `cached`: the cached answer is fresh or a 429's wait is pending, for any
 * account: Gravatar limits the client (nothing sent). `found` / `absent` / `rate_limited`: Gravatar's answer, cached
 * (unless the option was turned off, or the account's last connection went, while it was out). `failed`: no usable
 * answer (network, 5xx, garbage); the cache is unchanged and the next refresh tries again.
 */
export type GravatarRefresh = 'off' | 'cached' | 'found' | 'absent' | 'rate_limited' | 'failed';

const inFlight = new Map<string, Promise<GravatarRefresh>>();

async function lookUp(hash: string): Promise<GravatarRefresh> {
  // A revoke removes the account's cache entry, which would make it look due: asked first, so its hash is not sent.
  if (!(await withConnectionStore(accountHashes)).has(hash)) return 'off';
  const cache = await readGravatarCache();
  if (isGravatarHeld(cache, Date.now()) || !isGravatarDue(cache[hash], Date.now())) return 'cached';
  let outcome: ReturnType<typeof readGravatarAnswer>;
  try {
    const answer = await fetchGravatarAnswer(extensionConfig().WXT_GRAVATAR_API_URL, hash);
    outcome = readGravatarAnswer(answer, hash, Date.now());
  } catch {
    // Network or timeout. Not marked offline: Gravatar is asked right after WordPress.com answered, and a
    // blocked Gravatar (content blockers list it) must not make the popup say WordPress.com is unreachable.
    return 'failed';
  }
  if (outcome.type === 'unreadable') return 'failed';
  // The account's last connection may have gone while the request was out (a revoke, a refused token, the cap):
  // then nothing is kept. The check and the write are one step of the connection store's queue, which every
  // connection write goes through and whose writes prune the cache before their step ends (connection-store.ts
  // `writeStore`): a write that removes the account comes either before this step (the hash is not among the
  // accounts: nothing is written) or after it (its prune removes what was written here), never in between.
  // A check made before the cache's update, outside that queue, leaves a gap for a revoke and its prune; one that
  // reads the store from inside the cache's queue could deadlock (it would wait for a store write that waits,
  // for its prune, on the cache's queue). The queues are only ever nested store → cache.
  await withConnectionStore(async (store) => {
    const accounts = await accountHashes(store);
    await updateGravatarCache(async (cache) => {
      // The option may have been turned off while the request was out: then nothing is kept either.
      if (!accounts.has(hash) || !(await readSettings()).showGravatar) return cache;
      const entry = applyGravatarOutcome(cache[hash], outcome, Date.now());
      return entry ? { ...cache, [hash]: entry } : cache;
    });
  });
  return outcome.type;
}

/** Refreshes the Gravatar profile of this email when it is due. Never throws. */
export async function refreshGravatar(email: string): Promise<GravatarRefresh> {
  try {
    if (email.trim() === '' || !(await readSettings()).showGravatar) return 'off';
    const hash = await gravatarHash(email);
    // A sign-in and a refresh asking at once share one request.
    let pending = inFlight.get(hash);
    if (!pending) {
      pending = lookUp(hash).finally(() => inFlight.delete(hash));
      inFlight.set(hash, pending);
    }
    return await pending;
  } catch {
    return 'failed';
  }
}
