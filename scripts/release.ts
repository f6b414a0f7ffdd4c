/**
 * What `npm run zip` (`wxt zip`, for any browser) packs, and what it refuses to pack.
 *
 * The store zip is the built extension. The sources zip is what a reviewer rebuilds it from (AMO asks
 * for it whenever code is bundled): an allowlist of what the build reads, so a file elsewhere in a working copy
 * (a key, a `.env.*`, notes) never rides along; and in a git working copy, a file inside the allowlist that is not
 * committed (untracked or ignored: a `utils/debug.log`, a key dropped into `public/`) stops the zip
 * (`uncommittedSourceProblems`). Hidden files are never included (WXT's
 * `dotSources` stays off), and secrets are excluded by name as well. `scripts/store-zip.test.ts` zips a
 * copy of the project with decoy secrets planted in it and rebuilds the extension from the sources zip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserFamily, DEFAULT_GECKO_ID } from '../utils/browser-differences';
import { parseExtensionEnv } from '../utils/extension-env';

/** Everything `npm ci && npm run build` needs, relative to the project root. */
export const SOURCES_INCLUDE = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'env.d.ts',
  'wxt.config.ts',
  'README.md',
  'SECURITY.md',
  'LICENSE*',
  'assets/**',
  'components/**',
  'entrypoints/**',
  'locales/**',
  'public/**',
  'utils/**',
  // wxt.config.ts imports these files.
  'scripts/release.ts',
  'scripts/inline-page-css.ts',
  'scripts/popup-script-order.ts',
  'scripts/no-empty-plugin-script.ts',
];

/**
 * Never in the sources zip, even inside an included folder; WXT adds node_modules, test files and the
 * output folder. Test helpers (`utils/testing/`) are not part of the build.
 */
export const SOURCES_EXCLUDE = [
  '**/testing/**',
  '**/.env*',
  '**/.dev.vars*',
  '**/*.pem',
  '**/*.key',
  '**/*.crx',
  '**/*.zip',
];

/**
 * Never in the store zip: WXT's production build writes no source maps, and this keeps it so; keys that
 * someone drops into public/ (which is copied into the build as it is) stay out too.
 */
export const STORE_EXCLUDE = ['**/*.map', '**/*.pem', '**/*.key', '**/*.crx'];

/**
 * Why this environment must not produce a store upload for `family`: the Chrome Web Store refuses a manifest with a
 * `key` (it keeps the ID itself; a Firefox manifest never carries one); AMO keeps an add-on's ID for ever, and the
 * redirect URI WordPress.com must know comes from it, so a Firefox upload needs the publisher's own
 * `WXT_GECKO_ID`, never the sandbox's; and a published build must talk to WordPress.com, Gravatar and the proxy over
 * https only (`http://` is accepted for the sandbox).
 */
export function releaseProblems(
  env: Record<string, string | undefined>,
  family: BrowserFamily = 'chromium',
  mode = 'production',
): string[] {
  const problems: string[] = [];
  // A development build (Preact's debug hooks, JSX with this machine's source paths) is no store build, and would not
  // be what a reviewer rebuilds from the sources zip; nor is one with the bench's pages in it.
  if (mode !== 'production') problems.push(`The build's mode is "${mode}": zip a production build (no --mode).`);
  if (env.NODE_ENV !== undefined && env.NODE_ENV !== 'production') {
    problems.push('NODE_ENV is set to something other than "production" (here or in a .env file): unset it to zip.');
  }
  if (env.CONNECT_BENCH !== undefined) {
    problems.push("CONNECT_BENCH is set: the benchmark's pages would ship in the zip. Unset it to zip.");
  }
  if (family === 'chromium' && env.WXT_EXTENSION_KEY) {
    problems.push('WXT_EXTENSION_KEY is set: the Chrome Web Store refuses a manifest with a "key". Unset it to zip.');
  }
  if (family === 'firefox' && (!env.WXT_GECKO_ID || env.WXT_GECKO_ID === DEFAULT_GECKO_ID)) {
    problems.push(
      "WXT_GECKO_ID is unset or the sandbox's: AMO keeps an add-on's ID for ever, and its redirect URI comes from it. Set your own to zip.",
    );
  }
  const config = parseExtensionEnv(env);
  const urls = {
    WXT_WPCOM_OAUTH_URL: config.WXT_WPCOM_OAUTH_URL,
    WXT_WPCOM_API_URL: config.WXT_WPCOM_API_URL,
    WXT_GRAVATAR_API_URL: config.WXT_GRAVATAR_API_URL,
    WXT_WPCOM_CONNECTED_APPS_URL: config.WXT_WPCOM_CONNECTED_APPS_URL,
    WXT_TOKEN_PROXY_URL: config.WXT_TOKEN_PROXY_URL,
  };
  for (const [name, url] of Object.entries(urls)) {
    if (new URL(url).protocol !== 'https:') problems.push(`${name} must be an https:// URL in a store build.`);
  }
  return problems;
}

/**
 * Files the sources zip would take (inside `SOURCES_INCLUDE`) that are not committed: untracked, or ignored by
 * .gitignore (`git ls-files --others` without `--exclude-standard` lists both). Checked in a git working copy only; an
 * unpacked sources zip (a reviewer's rebuild) has no history to compare with.
 */
export function uncommittedSourceProblems(root: string): string[] {
  if (!existsSync(join(root, '.git'))) return [];
  const pathspecs = SOURCES_INCLUDE.map((pattern) => pattern.replace(/\/\*\*$/, ''));
  const listed = spawnSync('git', ['ls-files', '-z', '--others', '--', ...pathspecs], { cwd: root, encoding: 'utf8' });
  if (listed.error || listed.status !== 0) return ['git ls-files failed: the sources to zip could not be checked.'];
  const files = listed.stdout.split('\0').filter(Boolean);
  if (files.length === 0) return [];
  const named = files.slice(0, 5).join(', ') + (files.length > 5 ? `, and ${files.length - 5} more` : '');
  return [`Files not committed would go into the sources zip (${named}): commit or remove them to zip.`];
}

/** Throws one Error listing every problem; the `zip:start` hook calls it, so no zip is written. */
export function assertRelease(problems: string[]): void {
  if (problems.length > 0) throw new Error(`Not zipping a store build:\n  ${problems.join('\n  ')}`);
}
