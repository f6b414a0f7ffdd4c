/**
 * Makes sure a Chromium binary is there before anything starts: found (CHROME_PATH or
 * /usr/bin/chromium), or installed with apt on Debian as root, or a message saying what to install.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './launch-chromium';

export const CHROMIUM_MISSING_MESSAGE = `Chromium was not found.
Install it, then run npm start again:
  Debian/Ubuntu:  sudo apt-get install chromium
or point CHROME_PATH at a Chromium binary:
  CHROME_PATH=/path/to/chromium npm start`;

/** No Chromium, and none could be installed here. */
export class ChromiumMissingError extends Error {
  readonly code = 'chromium_missing';

  constructor(options?: { cause?: unknown }) {
    super(CHROMIUM_MISSING_MESSAGE, options);
    this.name = 'ChromiumMissingError';
  }
}

/** True on Debian (and derivatives) when running as root: apt-get can install Chromium without asking. */
export function canInstallWithApt(): boolean {
  return existsSync('/etc/debian_version') && process.getuid?.() === 0;
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** `apt-get update`, then `apt-get install -y chromium`, with the output shown. */
export async function installChromiumWithApt(): Promise<void> {
  await run('apt-get', ['update']);
  await run('apt-get', ['install', '-y', 'chromium']);
}

export interface EnsureChromiumOptions {
  find?: () => string | undefined;
  canInstall?: () => boolean;
  install?: () => Promise<void>;
  log?: (line: string) => void;
}

/** Returns the Chromium binary's path, installing it first when that is possible; else `ChromiumMissingError`. */
export async function ensureChromium(options: EnsureChromiumOptions = {}): Promise<string> {
  const {
    find = chromiumPath,
    canInstall = canInstallWithApt,
    install = installChromiumWithApt,
    log = () => {},
  } = options;
  const found = find();
  if (found) return found;
  if (!canInstall()) throw new ChromiumMissingError();
  log('Chromium was not found: installing it with apt-get (Debian, running as root)…');
  try {
    await install();
  } catch (error) {
    throw new ChromiumMissingError({ cause: error });
  }
  const installed = find();
  if (!installed) throw new ChromiumMissingError();
  return installed;
}
