/**
 * `npm run build` without the app registration: it stops before building anything and says what to set, in its own
 * words and no more (the error used to come out with a stack trace of WXT's code under it).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

test('a build with no configuration exits 1 naming each variable to set, with no stack trace', () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('WXT_')));
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
    cwd: ROOT,
    env: { ...env, CONNECT_OUT_DIR: '.output/test/no-config', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  expect(run.status, output).toBe(1);
  expect(output).toContain('Extension configuration is incomplete:');
  for (const name of ['WXT_WPCOM_CLIENT_ID', 'WXT_WPCOM_API_CLIENT_ID', 'WXT_TOKEN_PROXY_URL']) {
    expect(output).toMatch(new RegExp(`^ {2}${name} is required`, 'm'));
  }
  expect(output).not.toMatch(/^\s+at /m);
}, 90_000);
