/** Builds the extension for Chromium or Firefox against given WordPress.com, Gravatar and proxy URLs (a child `wxt build`). */

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { BrowserFamily } from '../utils/browser-differences';
import { CONNECTED_APPS_PATH } from './emulator/connected-apps-page';
import { SANDBOX_API_CLIENT_ID, SANDBOX_CLIENT_ID, SANDBOX_EXTENSION_KEY, SANDBOX_GECKO_ID } from './sandbox-config';

export interface ExtensionTargets {
  oauthUrl: string;
  apiUrl: string;
  gravatarUrl: string;
  proxyTokenUrl: string;
}

/** Loopback addresses nothing answers on (port 9): for a build whose addresses are never called (its size, its files). */
export const UNCALLED_TARGETS: ExtensionTargets = {
  oauthUrl: 'http://127.0.0.1:9/oauth2',
  apiUrl: 'http://127.0.0.1:9/rest',
  gravatarUrl: 'http://127.0.0.1:9/gravatar',
  proxyTokenUrl: 'http://127.0.0.1:9/token',
};

export interface BuildOptions {
  /** `WXT_REQUEST_TIMEOUT_MS`: the deadline of each request the extension makes; unset keeps the default (15 s). */
  requestTimeoutMs?: number;
  /** Default Chromium. */
  browser?: BrowserFamily;
  /** Ends the build (its `wxt build` child) when aborted: `npm start` stopped while it builds. */
  signal?: AbortSignal;
}

/** WXT's target and output folder for each engine (MV3 for both: wxt.config.ts). */
const WXT_TARGET: Record<BrowserFamily, { flag: string; dir: string }> = {
  chromium: { flag: 'chrome', dir: 'chrome-mv3' },
  firefox: { flag: 'firefox', dir: 'firefox-mv3' },
};

const ROOT = resolve(import.meta.dirname, '..');

/** Returns the folder of the unpacked build (`<outBase>/chrome-mv3` or `<outBase>/firefox-mv3`). */
export async function buildExtension(
  targets: ExtensionTargets,
  outBase = '.output',
  options: BuildOptions = {},
): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // What ships, for the sandbox, the benches and the browser tests alike: under Vitest (NODE_ENV=test), WXT and Vite
    // would otherwise make a development build (JSX with source paths, Preact's debug hooks).
    NODE_ENV: 'production',
    CONNECT_OUT_DIR: outBase,
    WXT_WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
    WXT_WPCOM_API_CLIENT_ID: SANDBOX_API_CLIENT_ID,
    WXT_WPCOM_OAUTH_URL: targets.oauthUrl,
    WXT_WPCOM_API_URL: targets.apiUrl,
    WXT_GRAVATAR_API_URL: targets.gravatarUrl,
    // The emulator's stand-in for WordPress.com's page (sandbox/emulator/connected-apps-page.ts).
    WXT_WPCOM_CONNECTED_APPS_URL: `${new URL(targets.oauthUrl).origin}${CONNECTED_APPS_PATH}`,
    WXT_TOKEN_PROXY_URL: targets.proxyTokenUrl,
    WXT_EXTENSION_KEY: SANDBOX_EXTENSION_KEY,
    WXT_GECKO_ID: SANDBOX_GECKO_ID,
  };
  const target = WXT_TARGET[options.browser ?? 'chromium'];
  if (options.requestTimeoutMs !== undefined) env.WXT_REQUEST_TIMEOUT_MS = String(options.requestTimeoutMs);
  const child = spawn(process.execPath, [resolve(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', target.flag], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // An abort ends the child (SIGTERM) and is reported here as an error event; the close below says what happened.
  child.on('error', () => undefined);
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (...ended) => done(ended)),
  );
  if (options.signal?.aborted) throw new Error('the extension build was stopped.');
  if (code === null) throw new Error(`wxt build was ended by ${signal ?? 'a signal'}.`);
  if (code !== 0) throw new Error(`wxt build failed (exit ${code}):\n${output}`);
  return resolve(ROOT, outBase, target.dir);
}
