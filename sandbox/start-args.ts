/**
 * Command-line arguments of `npm start`: `--headless`, `--browser chromium|firefox`, `--emulator-port N`,
 * `--proxy-port N` and `--help`, nothing else.
 */
import type { BrowserFamily } from '../utils/browser-differences';
import { SANDBOX_EMULATOR_PORT, SANDBOX_PROXY_PORT } from './sandbox-config';

export const START_USAGE = `Usage: npm start [-- [--headless] [--browser chromium|firefox] [--emulator-port N] [--proxy-port N]]

Starts the local WordPress.com emulator and the token proxy, builds the extension against them
and opens it in Chromium (the default) or in Firefox ESR.

Options:
  --headless                   run the browser without a window (the default when there is no
                               display: neither DISPLAY nor WAYLAND_DISPLAY is set)
  --browser chromium|firefox   which browser to build for and open (default chromium)
  --emulator-port N            the emulator's port on 127.0.0.1 (default 8790)
  --proxy-port N               the token proxy's port on 127.0.0.1 (default 8787)
  --help                       show this help`;

export type StartArgs =
  | { kind: 'help' }
  | { kind: 'run'; headless: boolean; browser: BrowserFamily; emulatorPort?: number; proxyPort?: number };

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

function portOf(flag: string, value: string | undefined): number {
  if (value === undefined) throw new StartArgsError(flag, `${flag} needs a value: a port number from 1 to 65535`);
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65_535)) {
    throw new StartArgsError(`${flag} ${value}`, `${flag} must be a port number from 1 to 65535, not "${value}"`);
  }
  return port;
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
  const ports: { emulatorPort?: number; proxyPort?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    const [flag = '', inline] =
      argument.startsWith('--') && argument.includes('=') ? argument.split(/=(.*)/s) : [argument];
    const value = () => (inline === undefined ? argv[++i] : inline);
    if (argument === '--headless') headless = true;
    else if (flag === '--browser') browser = browserOf(value());
    else if (flag === '--emulator-port') ports.emulatorPort = portOf(flag, value());
    else if (flag === '--proxy-port') ports.proxyPort = portOf(flag, value());
    else throw new StartArgsError(argument);
  }
  const emulatorPort = ports.emulatorPort ?? SANDBOX_EMULATOR_PORT;
  if (emulatorPort === (ports.proxyPort ?? SANDBOX_PROXY_PORT)) {
    // Named by the flag that was given (both, when both were).
    const given = [
      ...(ports.emulatorPort === undefined ? [] : ['--emulator-port']),
      ...(ports.proxyPort === undefined ? [] : ['--proxy-port']),
    ];
    throw new StartArgsError(
      given.join(' '),
      `${given.join(' and ')}: the emulator and the proxy need two ports, not both ${emulatorPort}`,
    );
  }
  return { kind: 'run', headless, browser, ...ports };
}
