/**
 * A desktop for a headed browser where there is no screen: a virtual X display (Xvfb) with a window manager
 * (openbox), so that windows take and lose the focus as on a person's desktop, and real mouse clicks played with
 * xdotool (X input events, not DevTools or WebDriver ones: they move the focus as a hand on the mouse does). A
 * headless browser moves no window focus at all and has no toolbar to click, so what happens to the toolbar popup
 * when another window takes the focus can only be seen here (tests/e2e/desktop.test.ts,
 * tests/e2e-firefox/desktop.test.ts).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { canInstallWithApt, installWithApt } from './ensure-browser';

/** The programs, and Debian's packages that have them. */
const TOOLS = [
  { binary: '/usr/bin/Xvfb', aptPackage: 'xvfb' },
  { binary: '/usr/bin/openbox', aptPackage: 'openbox' },
  { binary: '/usr/bin/xdotool', aptPackage: 'xdotool' },
] as const;

export type ScreenPoint = { x: number; y: number };

/** Where to click, and how to ask whether the page saw the mouse over its target there (already listening). */
export type Aim = { point: ScreenPoint; seenOver: () => Promise<boolean> };

export interface VirtualDesktop {
  /** The X display, e.g. `:99`: the `DISPLAY` of a browser started on this desktop. */
  display: string;
  /** A real left click at a point of the screen. */
  click(point: ScreenPoint): void;
  /** Moves the mouse pointer to a point of the screen. */
  move(point: ScreenPoint): void;
  /**
   * A real click, once the page has seen the mouse over its target: a window still laying out (a toolbar popup
   * sized in steps, a panel sliding open, an info bar above a page) moves the target between the measure and the
   * click. `aim` measures again on each try, or gives null to try again later.
   */
  clickWhenOver(what: string, aim: () => Promise<Aim | null>): Promise<void>;
  /** Real key presses into the window with the focus, in xdotool's words (`ctrl+w`). */
  key(keys: string): void;
  close(): Promise<void>;
}

/** Installs what is missing (Debian, as root), as the e2e suites do for the browsers; else says what to install. */
export async function ensureDesktopTools(log: (line: string) => void = () => {}): Promise<void> {
  const missing = TOOLS.filter((tool) => !existsSync(tool.binary)).map((tool) => tool.aptPackage);
  if (missing.length === 0) return;
  if (!canInstallWithApt()) {
    throw new Error(
      `The desktop tests need a virtual display, a window manager and xdotool, and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.
Install them, then run the tests again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install ${missing.join(' ')}`,
    );
  }
  log(`${missing.join(', ')} not found: installing with apt-get (Debian, running as root)…`);
  await installWithApt(...missing);
}

/** The first line a child writes to `stream`, or an error when the child ends first or `ms` pass. */
function firstOutput(child: ChildProcess, stream: NodeJS.ReadableStream, what: string, ms = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${what} did not start: ${why}`));
    };
    const timer = setTimeout(() => fail(`nothing within ${ms / 1000} s`), ms);
    stream.on('data', (chunk: Buffer) => {
      text += String(chunk);
      if (!text.includes('\n')) return;
      clearTimeout(timer);
      resolve(text.trim());
    });
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? `exit ${code}`})`));
    child.once('error', (error) => fail(error.message));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill();
  });

/** Starts a 1280 × 800 virtual display on a free display number, with openbox on it. */
export async function startVirtualDesktop(): Promise<VirtualDesktop> {
  await ensureDesktopTools((line) => console.log(line));
  // `-displayfd 3`: Xvfb picks a free display number and writes it to fd 3 once it accepts connections.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const fd3 = xvfb.stdio[3] as NodeJS.ReadableStream;
  let display: string;
  try {
    display = `:${await firstOutput(xvfb, fd3, 'Xvfb')}`;
  } catch (error) {
    await stop(xvfb);
    throw error;
  }
  const env = { ...process.env, DISPLAY: display };
  // openbox runs its `--startup` command once it manages the screen; its output is ours.
  const windowManager = spawn('openbox', ['--startup', 'echo ready'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    await firstOutput(windowManager, windowManager.stdout as NodeJS.ReadableStream, 'openbox');
  } catch (error) {
    await Promise.all([stop(windowManager), stop(xvfb)]);
    throw error;
  }
  const xdotool = (...args: string[]) => {
    const result = spawnSync('xdotool', args, { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`xdotool ${args[0]}: ${result.stderr || result.error}`);
  };
  const click = ({ x, y }: ScreenPoint) =>
    xdotool('mousemove', String(Math.round(x)), String(Math.round(y)), 'click', '1');
  const move = ({ x, y }: ScreenPoint) => xdotool('mousemove', String(Math.round(x)), String(Math.round(y)));
  return {
    display,
    click,
    move,
    async clickWhenOver(what, aim) {
      for (let tries = 0; tries < 10; tries++) {
        const aimed = await aim();
        if (aimed) {
          // Two moves: a page sees no mousemove when the pointer is already where it is sent.
          move({ x: aimed.point.x + 1, y: aimed.point.y });
          move(aimed.point);
          if (await aimed.seenOver()) return click(aimed.point);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`The mouse never came over ${what}.`);
    },
    key(keys) {
      xdotool('key', keys);
    },
    async close() {
      await stop(windowManager);
      await stop(xvfb);
    },
  };
}
