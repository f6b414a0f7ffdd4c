/**
 * Makes sure the browser `npm start` (and the e2e suites) drive is there before anything starts: found
 * (CHROME_PATH or /usr/bin/chromium; FIREFOX_PATH or /usr/bin/firefox-esr), or installed with apt on Debian as
 * root, or a message saying what to install.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { BrowserFamily } from '../utils/browser-differences';
import { chromiumPath } from './launch-chromium';
import { firefoxPath } from './launch-firefox';

interface BrowserPackage {
  name: string;
  /** Debian's package. */
  aptPackage: string;
  /** The variable that points at a binary elsewhere. */
  pathVariable: string;
  find: () => string | undefined;
  /** What to type to run the sandbox in it. */
  startCommand: string;
}

const PACKAGES: Record<BrowserFamily, BrowserPackage> = {
  chromium: {
    name: 'Chromium',
    aptPackage: 'chromium',
    pathVariable: 'CHROME_PATH',
    find: chromiumPath,
    startCommand: 'npm start',
  },
  firefox: {
    name: 'Firefox ESR',
    aptPackage: 'firefox-esr',
    pathVariable: 'FIREFOX_PATH',
    find: firefoxPath,
    startCommand: 'npm start -- --browser firefox',
  },
};

/** Why the browser is missing: not found, or apt-get could not install it, or its path variable names nothing. */
export type MissingBecause =
  | { kind: 'not_found' }
  | { kind: 'install_failed'; cause: unknown }
  | { kind: 'bad_path'; path: string };

/**
 * What to do about it. `rerun`: the command to type again (`npm test` from the e2e suites); by default the
 * sandbox's own.
 */
export function browserMissingMessage(
  family: BrowserFamily,
  because: MissingBecause = { kind: 'not_found' },
  rerun = PACKAGES[family].startCommand,
): string {
  const { name, aptPackage, pathVariable } = PACKAGES[family];
  const why =
    because.kind === 'install_failed'
      ? `${name} was not found, and installing it with apt-get failed (${because.cause instanceof Error ? because.cause.message : String(because.cause)}; its output is above).
Fix that, then run ${rerun} again, or point ${pathVariable} at a ${name} binary:`
      : because.kind === 'bad_path'
        ? `${pathVariable} is set to ${because.path}, which does not exist.
Point it at a ${name} binary, or unset it to use Debian's (${aptPackage}):`
        : `${name} was not found.
Install it, then run ${rerun} again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install ${aptPackage}
or point ${pathVariable} at a ${name} binary:`;
  return `${why}
  ${pathVariable}=/path/to/${aptPackage} ${rerun}`;
}

/** No such browser, and none could be installed here. */
export class BrowserMissingError extends Error {
  readonly code = 'browser_missing';

  constructor(
    readonly browser: BrowserFamily,
    because: MissingBecause = { kind: 'not_found' },
    rerun?: string,
  ) {
    super(
      browserMissingMessage(browser, because, rerun),
      because.kind === 'install_failed' ? { cause: because.cause } : {},
    );
    this.name = 'BrowserMissingError';
  }
}

/** True on Debian (and derivatives) when running as root: apt-get can install a browser without asking. */
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

/** `apt-get update`, then `apt-get install -y <packages>`, with the output shown. */
export async function installWithApt(...aptPackages: string[]): Promise<void> {
  await run('apt-get', ['update']);
  await run('apt-get', ['install', '-y', ...aptPackages]);
}

export interface EnsureBrowserOptions {
  find?: () => string | undefined;
  canInstall?: () => boolean;
  install?: () => Promise<void>;
  log?: (line: string) => void;
  /** The command the person runs, said again in a message (`npm test`); by default `npm start`'s. */
  rerun?: string;
}

/** Returns the browser binary's path, installing it first when that is possible; else `BrowserMissingError`. */
export async function ensureBrowser(family: BrowserFamily, options: EnsureBrowserOptions = {}): Promise<string> {
  const browser = PACKAGES[family];
  const {
    find = browser.find,
    canInstall = canInstallWithApt,
    install = () => installWithApt(browser.aptPackage),
    log = () => {},
  } = options;
  const { rerun } = options;
  const found = find();
  if (found) return found;
  // A path the person set on purpose is not silently replaced by Debian's browser.
  const chosen = process.env[browser.pathVariable];
  if (chosen) throw new BrowserMissingError(family, { kind: 'bad_path', path: chosen }, rerun);
  if (!canInstall()) throw new BrowserMissingError(family, { kind: 'not_found' }, rerun);
  log(`${browser.name} was not found: installing it with apt-get (Debian, running as root)…`);
  try {
    await install();
  } catch (error) {
    throw new BrowserMissingError(family, { kind: 'install_failed', cause: error }, rerun);
  }
  const installed = find();
  if (!installed) throw new BrowserMissingError(family, { kind: 'not_found' }, rerun);
  return installed;
}
