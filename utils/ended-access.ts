/**
 * Which accounts' access this worker saw WordPress.com end, and when, in a counter rather than a clock: a
 * sign-in that was between its code exchange and storing its token when a revoke ended that account's access
 * holds a token WordPress.com may have ended with the others. It must not store that token unchecked.
 *
 * In memory only: a sign-in in flight does not outlive the worker either.
 */

/** Incremented by every ended access. */
let generation = 0;
/**
 * The accounts ended, with the generation each ending made and its time; `undefined`: an account that could not be
 * told.
 */
const endings: Array<{ generation: number; accountId: number | undefined; at: number; clientId?: string }> = [];
/** Endings dropped from the list were up to this generation: a sign-in older than that counts as raced. */
let forgottenUpTo = 0;

/** The moment to compare against later: take it before the code exchange is sent. */
export function accessGeneration(): number {
  return generation;
}

/**
 * WordPress.com confirmed it ended the app's access for this account (`undefined`: for an unknown one). Called by
 * `keepAccessEndedByPerson` (ended-by-person.ts), which also keeps it beyond this worker.
 */
export function noteAccessEnded(accountId: number | undefined, at = Date.now(), clientId?: string): void {
  generation += 1;
  endings.push({ generation, accountId, at, ...(clientId === undefined ? {} : { clientId }) });
  // Only sign-ins in flight compare against these; a handful is plenty.
  if (endings.length > 50) forgottenUpTo = endings.shift()?.generation ?? forgottenUpTo;
}

/**
 * Whether access was ended since `since` for this account. An unknown account on either side counts as a
 * match, because it may be the same one.
 */
export function accessEndedSince(since: number, accountId: number | undefined): boolean {
  if (since < forgottenUpTo) return true;
  return endings.some(
    (ending) =>
      ending.generation > since &&
      (ending.accountId === undefined || accountId === undefined || ending.accountId === accountId),
  );
}

/** The endings this worker saw, newest last: at once, before they are kept in storage (ended-by-person.ts). */
export function endingsSeen(): ReadonlyArray<{ accountId: number | undefined; at: number; clientId?: string }> {
  return endings;
}

/** Revokes under way in this worker. */
const revoking = new Set<Promise<unknown>>();

/**
 * Runs a revoke as one under way: until it ends, a health check waits (`revokesSettled`). Its disconnect may end the
 * account's other tokens before its answer arrives, and those are the revoke's to remove, with no "sign in again"
 * offer: the person ended them.
 */
export function asRevoke<T>(run: Promise<T>): Promise<T> {
  revoking.add(run);
  const settled = () => void revoking.delete(run);
  run.then(settled, settled);
  return run;
}

/** Once every revoke under way has ended (at once when none runs). */
export async function revokesSettled(): Promise<void> {
  while (revoking.size > 0) await Promise.allSettled([...revoking]);
}
