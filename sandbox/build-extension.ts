/** Builds the Chromium extension against given WordPress.com, Gravatar and proxy URLs (a child `wxt build`). */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { SANDBOX_CLIENT_ID, SANDBOX_EXTENSION_KEY } from './sandbox-config';

export interface ExtensionTargets {
  oauthUrl: string;
  apiUrl: string;
  gravatarUrl: string;
  proxyTokenUrl: string;
}

export interface BuildOptions {
  /** `WXT_REQUEST_TIMEOUT_MS`: the deadline of each request the extension makes; unset keeps the default (15 s). */
  requestTimeoutMs?: number;
}

const ROOT = resolve(import.meta.dirname, '..');

/** Returns the folder of the unpacked build (`<outBase>/chrome-mv3`). */
export async function buildExtension(
  targets: ExtensionTargets,
  outBase = '.output',
  options: BuildOptions = {},
): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONNECT_OUT_DIR: outBase,
    WXT_WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
    WXT_WPCOM_OAUTH_URL: targets.oauthUrl,
    WXT_WPCOM_API_URL: targets.apiUrl,
    WXT_GRAVATAR_API_URL: targets.gravatarUrl,
    WXT_TOKEN_PROXY_URL: targets.proxyTokenUrl,
    WXT_EXTENSION_KEY: SANDBOX_EXTENSION_KEY,
  };
  if (options.requestTimeoutMs !== undefined) env.WXT_REQUEST_TIMEOUT_MS = String(options.requestTimeoutMs);
  const child = spawn(process.execPath, [resolve(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`wxt build failed (exit ${code}):\n${output}`);
  return resolve(ROOT, outBase, 'chrome-mv3');
}
