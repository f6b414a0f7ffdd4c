/**
 * fast-check settings shared by every property test: 10 000 cases, `FC_SEED=<seed>` replays a failure
 * (fast-check prints the seed and path when one fails), and a failure's shrinking stops after
 * `shrinkLimitMs`, reporting the smallest case found so far rather than running for many minutes.
 */
import fc from 'fast-check';

export const NUM_RUNS = 10_000;

export function propertySettings(shrinkLimitMs = 90_000) {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return {
    numRuns: NUM_RUNS,
    plugins: [fc.interruptAfterTimeLimit(shrinkLimitMs, { failOnInterrupt: true })],
    ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
  };
}
