/**
 * `npm start`: the WordPress.com emulator and the token proxy on their sandbox ports, the extension
 * built against them and loaded in Chromium (or, with `--browser firefox`, in Firefox ESR), until Ctrl-C or
 * until the browser is closed.
 */
import path from 'node:path';
import process from 'node:process';
import { buildExtension } from './build-extension';
import { USERS } from './emulator/index';
import { ensureBrowser } from './ensure-browser';
import { SANDBOX_EMULATOR_PORT, SANDBOX_PROXY_PORT } from './sandbox-config';
import { createShutdown } from './shutdown';
import { hasDisplay, parseStartArgs, START_USAGE, type StartArgs, StartArgsError } from './start-args';
import { startSandboxBrowser } from './start-browser';
import { formatProxyRequest, formatStartSummary } from './start-output';
import { startSandboxServers } from './start-servers';

const say = (text: string) => process.stdout.write(`${text}\n`);
const complain = (text: string) => process.stderr.write(`${text}\n`);
const shutdown = createShutdown();

function parseArgsOrExit(): StartArgs {
  try {
    return parseStartArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof StartArgsError)) throw error;
    complain(`npm start: ${error.message}\n\n${START_USAGE}`);
    process.exit(2);
  }
}

/** Stops everything that was started, then exits with `code`. Safe to call more than once. */
async function stopAndExit(code: number): Promise<void> {
  if (!shutdown.stopping) say('Stopping…');
  for (const { label, error } of await shutdown.run()) {
    complain(`${label} did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(code);
}

/**
 * Where the sandbox build goes: `.output/sandbox` on the default ports, a folder of its own on others, so that a second
 * `npm start` on other ports does not rebuild the folder a running browser has loaded.
 */
function sandboxOutDir(args: { emulatorPort?: number; proxyPort?: number }): string {
  if (args.emulatorPort === undefined && args.proxyPort === undefined) return '.output/sandbox';
  return `.output/sandbox-${args.emulatorPort ?? SANDBOX_EMULATOR_PORT}-${args.proxyPort ?? SANDBOX_PROXY_PORT}`;
}

/** How long a stop waits for a browser still starting: its launch, Firefox's add-on install, then its close. */
const BROWSER_START_STOP_MS = 45_000;

let firstSignalAt: number | undefined;

/** Ctrl-C can arrive twice at once (the terminal, and tsx relaying it): only a later, second one forces the exit. */
function onStopSignal(): void {
  if (firstSignalAt === undefined) {
    firstSignalAt = Date.now();
    void stopAndExit(0);
  } else if (Date.now() - firstSignalAt > 1_000) {
    complain('Stopping at once.');
    process.exit(130);
  }
}

async function main(): Promise<void> {
  const parsed = parseArgsOrExit();
  if (parsed.kind === 'help') {
    say(START_USAGE);
    return;
  }
  // A browser window needs a display; without one (a server, CI, SSH) the browser runs headless, and says so.
  const args = parsed.headless || hasDisplay(process.env) ? parsed : { ...parsed, headless: true };
  if (args.headless && !parsed.headless)
    say('No display (DISPLAY and WAYLAND_DISPLAY are unset): the browser runs headless.');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onStopSignal);

  await ensureBrowser(args.browser, { log: say });

  say('Starting the WordPress.com emulator and the token proxy…');
  const { emulator, proxy, close } = await startSandboxServers({
    log: (entry) => say(formatProxyRequest(entry)),
    ...(args.emulatorPort === undefined ? {} : { emulatorPort: args.emulatorPort }),
    ...(args.proxyPort === undefined ? {} : { proxyPort: args.proxyPort }),
  });
  shutdown.add('The emulator and the proxy', close);

  say('Building the extension…');
  // A stop while it builds ends the `wxt build` child too, which would otherwise go on writing the build folder.
  const building = new AbortController();
  shutdown.add('The extension build', async () => building.abort());
  const extensionDir = await buildExtension(
    {
      oauthUrl: emulator.oauthUrl,
      apiUrl: emulator.apiUrl,
      gravatarUrl: emulator.gravatarUrl,
      proxyTokenUrl: `${proxy.url}/token`,
    },
    sandboxOutDir(args),
    { browser: args.browser, signal: building.signal },
  );
  if (shutdown.stopping) return;

  const name = args.browser === 'firefox' ? 'Firefox' : 'Chromium';
  say(`Starting ${name}…`);
  const launching = startSandboxBrowser(args.browser, extensionDir, {
    headless: args.headless,
    onClosed: () => {
      if (!shutdown.stopping) say(`${name} was closed.`);
      void stopAndExit(0);
    },
  });
  // A stop while the browser starts waits for it to have started, then closes it and removes its profile folder,
  // which only the launch knows (Firefox's add-on install alone may take 30 s).
  shutdown.addStarting(name, launching, { timeoutMs: BROWSER_START_STOP_MS });
  const browser = await launching;
  if (shutdown.stopping) return;

  if (browser.warning) complain(`Warning: ${browser.warning}`);
  say(
    formatStartSummary({
      browser: args.browser,
      extensionId: browser.extensionId,
      redirectUri: browser.redirectUri,
      emulatorUrl: emulator.url,
      proxyUrl: proxy.url,
      popupUrl: browser.popupUrl,
      extensionDir: path.resolve(extensionDir),
      headless: args.headless,
      users: USERS,
    }),
  );
}

main().catch((error: unknown) => {
  // A step ended by the stop (the build) is not a failure to report.
  if (!shutdown.stopping) complain(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  void stopAndExit(1);
});
