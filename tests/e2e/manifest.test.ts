/** The built extension asks for exactly what it needs, and a build without its registration fails clearly. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { SANDBOX_API_CLIENT_SECRET, SANDBOX_CLIENT_SECRET } from '../../sandbox/sandbox-config';
import { ICON_SIZES, pngSize } from '../../scripts/store-assets';
import { FORBIDDEN_MANIFEST_KEYS } from '../support/manifest-rules';
import { extensionTest, services } from './harness';

test('the manifest is MV3 with identity, storage and offscreen, and host permissions for exactly the configured origins', () => {
  const manifest = JSON.parse(readFileSync(resolve(services().extensionDir, 'manifest.json'), 'utf8'));
  // The e2e build's token URL is the fault relay in front of the proxy (global-setup.ts).
  const { emulatorUrl, relayUrl } = services();
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.permissions).toEqual(['identity', 'storage', 'offscreen']);
  expect([...manifest.host_permissions].sort()).toEqual(
    [`${new URL(emulatorUrl).origin}/*`, `${new URL(relayUrl).origin}/*`].sort(),
  );
  for (const key of FORBIDDEN_MANIFEST_KEYS) expect(manifest).not.toHaveProperty(key);
  expect(typeof manifest.key).toBe('string');
});

test('every icon the manifest declares is in the build, a PNG of the declared size, at every size we ship', () => {
  const dir = services().extensionDir;
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
  const declared = { icons: manifest.icons, 'action.default_icon': manifest.action?.default_icon };
  for (const [key, icons] of Object.entries(declared)) {
    expect(Object.keys(icons ?? {}).map(Number), key).toEqual([...ICON_SIZES]);
    for (const [size, path] of Object.entries(icons as Record<string, string>)) {
      const { width, height } = pngSize(readFileSync(resolve(dir, path)));
      expect({ key, path, width, height }).toEqual({ key, path, width: Number(size), height: Number(size) });
    }
  }
});

test('a build without a client ID or proxy URL fails with a message naming them', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, CONNECT_OUT_DIR: '.output/e2e-missing' };
  for (const name of ['WXT_WPCOM_CLIENT_ID', 'WXT_TOKEN_PROXY_URL']) delete env[name];
  const run = spawnSync(process.execPath, ['node_modules/wxt/bin/wxt.mjs', 'build'], { env, encoding: 'utf8' });
  expect(run.status).not.toBe(0);
  const output = `${run.stdout}${run.stderr}`;
  expect(output).toContain('WXT_WPCOM_CLIENT_ID is required');
  expect(output).toContain('WXT_TOKEN_PROXY_URL is required');
});

/** Every text file below `root`, by path. */
function textFiles(root: string, pattern: RegExp): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = resolve(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (pattern.test(entry.name)) files.push({ path: full, text: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return files;
}

test('the built extension holds no client secret', () => {
  const files = textFiles(services().extensionDir, /\.(js|html|css|json)$/);
  expect(files.length).toBeGreaterThan(3);
  for (const { path, text } of files) {
    // The sandbox proxy holds this secret for the very build under test: it must not be in the extension.
    expect(text.includes(SANDBOX_CLIENT_SECRET), path).toBe(false);
    expect(text.includes(SANDBOX_API_CLIENT_SECRET), path).toBe(false);
    expect(/client_secret/i.test(text), path).toBe(false);
  }
});

test('the pages render text from sites and APIs as text: no raw HTML anywhere in their code', () => {
  // (Preact itself supports dangerouslySetInnerHTML, so the built chunks mention it: the sources are checked.)
  const sources = ['components', 'entrypoints', 'utils'].flatMap((dir) => textFiles(resolve(dir), /\.(ts|tsx)$/));
  expect(sources.length).toBeGreaterThan(20);
  for (const { path, text } of sources.filter((file) => !/\.test\.tsx?$/.test(file.path))) {
    expect(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|dangerouslySetInnerHTML/.test(text), path).toBe(false);
  }
});

extensionTest('the running worker listens to no other extension and no web page', async ({ h }) => {
  const [worker] = h.context.serviceWorkers();
  if (!worker) throw new Error('The extension has no running service worker.');
  const listening = await worker.evaluate(() => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: Record<string, { hasListeners(): boolean }> } })
      .chrome;
    return {
      onMessage: runtime.onMessage?.hasListeners() ?? false,
      onMessageExternal: runtime.onMessageExternal?.hasListeners() ?? false,
      onConnectExternal: runtime.onConnectExternal?.hasListeners() ?? false,
    };
  });
  // Only our own pages may message the worker (and the router also checks who sent each message).
  expect(listening).toEqual({ onMessage: true, onMessageExternal: false, onConnectExternal: false });
});
