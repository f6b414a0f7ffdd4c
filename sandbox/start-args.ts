/** Command-line arguments of `npm start`: `--headless` and `--help`, nothing else. */

export const START_USAGE = `Usage: npm start [-- --headless]

Starts the local WordPress.com emulator and the token proxy, builds the extension against them
and opens it in Chromium.

Options:
  --headless  run Chromium without a window
  --help      show this help`;

export type StartArgs = { kind: 'help' } | { kind: 'run'; headless: boolean };

/** An argument `npm start` does not know; the message names it. */
export class StartArgsError extends Error {
  readonly code = 'invalid_argument';

  constructor(readonly argument: string) {
    super(`unknown argument "${argument}"`);
    this.name = 'StartArgsError';
  }
}

/** Parses `process.argv.slice(2)`. `--help` wins over anything else; otherwise the first unknown argument throws. */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  if (argv.some((argument) => argument === '--help' || argument === '-h')) return { kind: 'help' };
  const unknown = argv.find((argument) => argument !== '--headless');
  if (unknown !== undefined) throw new StartArgsError(unknown);
  return { kind: 'run', headless: argv.includes('--headless') };
}
