/** Command-line arguments of `npm start`: `--headless`, `--browser chromium|firefox` and `--help`, nothing else. */
import type { BrowserFamily } from '../utils/browser-differences';

export const START_USAGE = `Usage: npm start [-- [--headless] [--browser chromium|firefox]]

Starts the local WordPress.com emulator and the token proxy, builds the extension against them
and opens it in Chromium (the default) or in Firefox ESR.

Options:
  --headless                   run the browser without a window (the default when there is no
                               display: neither DISPLAY nor WAYLAND_DISPLAY is set)
  --browser chromium|firefox   which browser to build for and open (default chromium)
  --help                       show this help`;

export type StartArgs = { kind: 'help' } | { kind: 'run'; headless: boolean; browser: BrowserFamily };

/** An argument `npm start` does not know, or a value it does not take; the message names it. */
export class StartArgsError extends Error {
  readonly code = 'invalid_argument';

  constructor(
    readonly argument: string,
    message = `unknown argument "${argument}"`,
  ) {
    super(message);
    this.name = 'StartArgsError';
  }
}

const BROWSERS: readonly BrowserFamily[] = ['chromium', 'firefox'];

function browserOf(value: string | undefined): BrowserFamily {
  const found = BROWSERS.find((browser) => browser === value);
  if (found) return found;
  throw new StartArgsError(
    `--browser ${value ?? ''}`.trim(),
    value === undefined
      ? '--browser needs a value: chromium or firefox'
      : `unknown browser "${value}" (chromium or firefox)`,
  );
}

/** Whether a browser window could be shown: an X11 or Wayland display is set. */
export function hasDisplay(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Parses `process.argv.slice(2)`. `--help` wins over anything else; otherwise the first bad argument throws. */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  if (argv.some((argument) => argument === '--help' || argument === '-h')) return { kind: 'help' };
  let headless = false;
  let browser: BrowserFamily = 'chromium';
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (argument === '--headless') headless = true;
    else if (argument === '--browser') browser = browserOf(argv[++i]);
    else if (argument.startsWith('--browser=')) browser = browserOf(argument.slice('--browser='.length));
    else throw new StartArgsError(argument);
  }
  return { kind: 'run', headless, browser };
}
