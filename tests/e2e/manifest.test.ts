/** The built extension asks for exactly what it needs, and a build without its registration fails clearly. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { services } from './harness';

test('the manifest is MV3 with identity and storage, and host permissions for exactly the configured origins', () => {
  const manifest = JSON.parse(readFileSync(resolve(services().extensionDir, 'manifest.json'), 'utf8'));
  // The e2e build's token URL is the fault relay in front of the proxy (global-setup.ts).
  const { emulatorUrl, relayUrl } = services();
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.permissions).toEqual(['identity', 'storage']);
  expect([...manifest.host_permissions].sort()).toEqual(
    [`${new URL(emulatorUrl).origin}/*`, `${new URL(relayUrl).origin}/*`].sort(),
  );
  for (const key of [
    'content_scripts',
    'externally_connectable',
    'web_accessible_resources',
    'content_security_policy',
    'optional_permissions',
    'oauth2',
  ]) {
    expect(manifest).not.toHaveProperty(key);
  }
  expect(typeof manifest.key).toBe('string');
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
