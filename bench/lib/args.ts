/** Command-line helpers shared by the benchmarks. */
import process from 'node:process';
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The options of a bench command, with `--help` (prints `usage`, exits 0). An unknown option, a value where none is
 * taken or none where one is: what was wrong and `usage` on stderr, exit 64, not a stack trace.
 */
export function benchFlags<const O extends Options>(command: string, usage: string, options: O) {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs<{ options: O; strict: true }>({ options, strict: true }).values;
  } catch (error) {
    process.stderr.write(`${command}: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    process.exit(64);
  }
}

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
