/** Command-line helpers shared by the benchmarks. */
import process from 'node:process';

/** `--name N` as a whole number in [min, max], `fallback` when absent; anything else exits 64 with a message. */
export function intFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`bench: --${name} must be a whole number from ${min} to ${max}\n`);
    process.exit(64);
  }
  return value;
}
