/**
 * `npm run zip` on a copy of this project with decoy secrets planted in it: the store zip is the built
 * extension and nothing else, the sources zip holds what a reviewer needs and no secret, and building
 * from the sources zip gives back the store zip byte for byte. A store build with a manifest key or an
 * http:// URL is refused before anything is zipped.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  SANDBOX_API_CLIENT_ID,
  SANDBOX_API_CLIENT_SECRET,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_KEY,
} from '../sandbox/sandbox-config';
import { readZip } from './zip-read';

const ROOT = resolve(import.meta.dirname, '..');
const DECOY = 'decoy-secret-3f9c1e7a';
/** Where a publisher might keep secrets next to the code. Hidden or not, none may reach either zip. */
const DECOYS: Record<string, string> = {
  '.env.production.local': `WPCOM_CLIENT_SECRET=${DECOY}\nWXT_WPCOM_CLIENT_SECRET=${DECOY}\n`,
  '.dev.vars': `WPCOM_CLIENT_SECRET=${DECOY}\n`,
  'extension-key.pem': `-----BEGIN PRIVATE KEY-----\n${DECOY}\n-----END PRIVATE KEY-----\n`,
  'utils/.env': `WPCOM_CLIENT_SECRET=${DECOY}\n`,
  'public/signing.key': DECOY,
};
const RELEASE_ENV = {
  WXT_WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
  WXT_WPCOM_API_CLIENT_ID: SANDBOX_API_CLIENT_ID,
  WXT_TOKEN_PROXY_URL: 'https://proxy.example.com/token',
};

let work: string;
let project: string;

/**
 * Runs WXT in `dir` as `npm run zip` would from a shell: with only the given WXT_ configuration, and
 * without Vitest's NODE_ENV=test (under which the Preact preset builds in development mode, with
 * absolute source paths in the output).
 */
function wxt(dir: string, args: string[], config: Record<string, string>) {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(WXT_|CONNECT_|VITEST|NODE_ENV$)/.test(name)) env[name] = value;
  }
  const run = spawnSync(process.execPath, [resolve(dir, 'node_modules/wxt/bin/wxt.mjs'), ...args], {
    cwd: dir,
    env: { ...env, ...config },
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The project as `git clone` plus uncommitted work would have it: tracked and untracked, not ignored. */
function copyProject(to: string) {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(resolve(ROOT, file))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(resolve(ROOT, file), join(to, file));
  }
  symlinkSync(resolve(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
}

function zips(dir: string) {
  const output = join(dir, '.output');
  const names = readdirSync(output).filter((name) => name.endsWith('.zip'));
  const store = names.find((name) => name.endsWith('-chrome.zip'));
  const sources = names.find((name) => name.endsWith('-sources.zip'));
  if (!store || !sources) throw new Error(`expected a chrome zip and a sources zip, found ${names.join(', ')}`);
  return { store: readZip(readFileSync(join(output, store))), sources: readZip(readFileSync(join(output, sources))) };
}

function expectNoSecrets(entries: Map<string, Buffer>) {
  for (const [name, content] of entries) {
    expect(
      name.split('/').some((part) => part.startsWith('.')),
      name,
    ).toBe(false);
    expect(/\.(pem|key|crx)$|\.dev\.vars/.test(name), name).toBe(false);
    const text = content.toString('latin1');
    expect(text.includes(DECOY), name).toBe(false);
    expect(text.includes(SANDBOX_CLIENT_SECRET), name).toBe(false);
    expect(text.includes(SANDBOX_API_CLIENT_SECRET), name).toBe(false);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wpcom-connect-zip-'));
  project = join(work, 'project');
  copyProject(project);
  for (const [file, content] of Object.entries(DECOYS)) writeFileSync(join(project, file), content);
  const zipped = wxt(project, ['zip'], RELEASE_ENV);
  if (zipped.status !== 0) throw new Error(`wxt zip failed:\n${zipped.output}`);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Unpacks `sources` into `folder`, builds there as a reviewer would, and compares the output with `submitted`. */
function expectRebuiltFrom(
  sources: Map<string, Buffer>,
  folder: string,
  buildArgs: string[],
  config: Record<string, string>,
  outputDir: string,
  submitted: Map<string, Buffer>,
) {
  const rebuilt = join(work, folder);
  for (const [name, content] of sources) {
    mkdirSync(dirname(join(rebuilt, name)), { recursive: true });
    writeFileSync(join(rebuilt, name), content);
  }
  symlinkSync(resolve(ROOT, 'node_modules'), join(rebuilt, 'node_modules'), 'dir');
  const built = wxt(rebuilt, ['build', ...buildArgs], config);
  expect(built.status, built.output).toBe(0);
  const out = join(rebuilt, outputDir);
  const files = (readdirSync(out, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(out.length + 1))
    .sort();
  expect(files).toEqual([...submitted.keys()].sort());
  for (const file of files)
    expect(readFileSync(join(out, file)).equals(submitted.get(file) as Buffer), file).toBe(true);
}

describe('npm run zip', () => {
  test('the store zip: a manifest without a key, its icons, the built code; no maps, tests or secrets', () => {
    const { store } = zips(project);
    const manifest = JSON.parse(store.get('manifest.json')?.toString('utf8') ?? 'null');
    expect(manifest).toMatchObject({ manifest_version: 3, permissions: ['identity', 'storage', 'offscreen'] });
    expect(manifest).not.toHaveProperty('key');
    expect(manifest.host_permissions).toContain('https://proxy.example.com/*');
    for (const path of [...Object.values(manifest.icons), ...Object.values(manifest.action.default_icon)]) {
      expect(store.has(path as string), String(path)).toBe(true);
    }
    expect([...store.keys()].filter((name) => /\.map$|\.(test|spec)\.|(^|\/)tests?\/|\.tsx?$/.test(name))).toEqual([]);
    expectNoSecrets(store);
  });

  test('store/permissions.md justifies every permission and host permission of the built manifest', () => {
    const manifest = JSON.parse(zips(project).store.get('manifest.json')?.toString('utf8') ?? 'null');
    const doc = readFileSync(resolve(ROOT, 'store/permissions.md'), 'utf8');
    for (const permission of manifest.permissions) expect(doc, permission).toContain(`### \`${permission}\``);
    expect(manifest.host_permissions.length).toBe(3);
    for (const host of manifest.host_permissions) {
      // The proxy's origin is the publisher's; the listing names it by its role.
      const heading = host === 'https://proxy.example.com/*' ? '### `<proxy origin>/*`' : `### \`${host}\``;
      expect(doc, host).toContain(heading);
    }
  });

  test('the sources zip: package.json and the lockfile, no node_modules, output, tests or secrets', () => {
    const { sources } = zips(project);
    for (const file of ['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md']) {
      expect(sources.has(file), file).toBe(true);
    }
    const names = [...sources.keys()];
    expect(names.filter((name) => /^(node_modules|\.output|\.wxt|sandbox|proxy|tests|bench)\//.test(name))).toEqual([]);
    expect(names.filter((name) => /\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)testing\//.test(name))).toEqual([]);
    expectNoSecrets(sources);
  });

  test('building from the sources zip alone gives the store zip, byte for byte', () => {
    const { store, sources } = zips(project);
    expectRebuiltFrom(sources, 'from-sources', [], RELEASE_ENV, '.output/chrome-mv3', store);
  }, 120_000);

  test('Firefox too (AMO is the store that asks for the sources): its add-on zip, rebuilt byte for byte', () => {
    const firefoxEnv = { ...RELEASE_ENV, WXT_GECKO_ID: 'connect@example.com' };
    const zipped = wxt(project, ['zip', '-b', 'firefox'], {
      ...firefoxEnv,
      CONNECT_OUT_DIR: '.output/firefox-release',
    });
    expect(zipped.status, zipped.output).toBe(0);
    const output = join(project, '.output/firefox-release');
    const named = (ending: string) => readdirSync(output).find((name) => name.endsWith(ending)) ?? ending;
    const addon = readZip(readFileSync(join(output, named('-firefox.zip'))));
    const sources = readZip(readFileSync(join(output, named('-sources.zip'))));
    expectNoSecrets(addon);
    expectRebuiltFrom(sources, 'from-sources-firefox', ['-b', 'firefox'], firefoxEnv, '.output/firefox-mv3', addon);
  }, 180_000);

  test('a store build with a manifest key, an http:// URL, a development NODE_ENV or the bench pages is refused, and nothing is zipped', () => {
    const refused = wxt(project, ['zip'], {
      ...RELEASE_ENV,
      CONNECT_OUT_DIR: '.output/refused',
      WXT_EXTENSION_KEY: SANDBOX_EXTENSION_KEY,
      WXT_WPCOM_API_URL: 'http://127.0.0.1:8790/rest',
      NODE_ENV: 'development',
      CONNECT_BENCH: '1',
    });
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('WXT_EXTENSION_KEY is set');
    expect(refused.output).toContain('WXT_WPCOM_API_URL must be an https:// URL');
    expect(refused.output).toContain('NODE_ENV is set');
    expect(refused.output).toContain('CONNECT_BENCH is set');
    expect(readdirSync(join(project, '.output/refused')).filter((name) => name.endsWith('.zip'))).toEqual([]);
  }, 120_000);
});
