/**
 * What the last sign-in, revoke or connection check has to tell the person, kept until a page has shown it. A real
 * toolbar popup closes when it loses the focus (a click elsewhere during a revoke's slow calls) and is gone by the
 * time WordPress.com's window closes, and the answer to its request goes nowhere; so the worker keeps the outcome in
 * `storage.session` (one, the newest) until a page says it has shown it (`dismissOutcome`), and the next popup
 * shows it. Kept: a sign-in's failure or its success's notice (more access than asked, a profile that comes
 * later), what a revoke did at WordPress.com, a check that found a connection reaching more than it was shown with.
 * Not kept: a window the person closed themselves (`user_cancelled`), and a clean sign-in, which the reopened
 * popup shows by itself (after a sign-in the worker opens it again where it can: utils/popup-reopen.ts). A sign-in
 * starting forgets the last outcome. It is not shown once it is older than a sign-in's ten minutes.
 */
import { z } from 'zod';
import { toErrorInfo } from './errors';
import { errorInfoSchema, type Outcome, outcomeIdSchema, revocationSchema } from './messages';
import { FLOW_LIFETIME_MS } from './pending-flow';
import { outcomeItem, readParsed } from './stored';

/** The outcome as `storage.session` keeps it (exported for the stored-data property test). */
export const storedOutcomeSchema = z.lazy(() =>
  z.union([
    z.strictObject({ id: outcomeIdSchema, at: z.number().int().positive(), problem: errorInfoSchema }),
    z.strictObject({ id: outcomeIdSchema, at: z.number().int().positive(), revocation: revocationSchema }),
  ]),
);

type Told = { problem: unknown } | { revocation: z.infer<typeof revocationSchema> };

/** One step at a time: a dismissal or an expiry reads and then removes, and no newer outcome may land between. */
let queue: Promise<unknown> = Promise.resolve();
function queued<T>(step: () => Promise<T>): Promise<T> {
  const run = queue.then(step, step);
  queue = run.catch(() => undefined);
  return run;
}

function keep(told: Told, now: number): Promise<void> {
  return queued(() => write(told, now));
}

async function write(told: Told, now: number): Promise<void> {
  const stored =
    'problem' in told
      ? { id: crypto.randomUUID(), at: now, problem: toErrorInfo(told.problem) }
      : { id: crypto.randomUUID(), at: now, revocation: told.revocation };
  await outcomeItem.setValue(storedOutcomeSchema.parse(stored));
}

/** A sign-in's failure, its success's notice, or a check's notice, for the next page to show. */
export function keepProblem(problem: unknown, now = Date.now()): Promise<void> {
  return toErrorInfo(problem).code === 'user_cancelled' ? forgetOutcome() : keep({ problem }, now);
}

/** What a revoke did at WordPress.com, for the next page to show. */
export const keepRevocation = (revocation: z.infer<typeof revocationSchema>, now = Date.now()): Promise<void> =>
  keep({ revocation }, now);

/** No outcome kept (a sign-in starts: whatever it ends with replaces the last one's). */
export const forgetOutcome = (): Promise<void> => queued(() => outcomeItem.removeValue());

/**
 * The kept outcome, unless none is kept or it is older than a sign-in's flow (then it goes). A wait WordPress.com
 * asked for (`retryAfterSeconds`) is what is left of it now, 0 once it has passed ("Try again now", not "Wait a
 * minute").
 */
export const readOutcome = (now = Date.now()): Promise<Outcome | undefined> => queued(() => readFresh(now));

async function readFresh(now: number): Promise<Outcome | undefined> {
  const stored = await readParsed(outcomeItem, storedOutcomeSchema, 'outcome');
  if (!stored) return undefined;
  if (Math.abs(now - stored.at) > FLOW_LIFETIME_MS) {
    await outcomeItem.removeValue();
    return undefined;
  }
  if ('revocation' in stored) return { id: stored.id, revocation: stored.revocation };
  const { retryAfterSeconds, ...problem } = stored.problem;
  if (retryAfterSeconds === undefined) return { id: stored.id, problem: stored.problem };
  const left = Math.ceil(retryAfterSeconds - Math.max(0, now - stored.at) / 1000);
  return { id: stored.id, problem: { ...problem, retryAfterSeconds: Math.max(0, left) } };
}

/** A page showed the outcome `id`: it goes, unless a newer one has replaced it meanwhile. */
export function dismissOutcome(id: string): Promise<void> {
  return queued(async () => {
    const stored = await readParsed(outcomeItem, storedOutcomeSchema, 'outcome');
    if (stored?.id === id) await outcomeItem.removeValue();
  });
}
