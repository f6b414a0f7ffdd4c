/** The store-zip gate (`zip:start` in wxt.config.ts), per browser: what each store refuses or keeps for ever. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DEFAULT_GECKO_ID } from '../utils/browser-differences';
import { releaseProblems, uncommittedSourceProblems } from './release';

const RELEASE = {
  WXT_WPCOM_CLIENT_ID: '84620',
  WXT_WPCOM_API_CLIENT_ID: '84621',
  WXT_TOKEN_PROXY_URL: 'https://proxy.example/token',
};

test('Chrome: no manifest key; a gecko ID is none of its business', () => {
  expect(releaseProblems(RELEASE, 'chromium')).toEqual([]);
  expect(releaseProblems({ ...RELEASE, WXT_EXTENSION_KEY: 'QUJD' }, 'chromium')).toEqual([
    expect.stringContaining('WXT_EXTENSION_KEY is set'),
  ]);
});

test("Firefox: the publisher's own gecko ID, never none or the sandbox's; a Chrome key set for local builds is no problem", () => {
  expect(releaseProblems(RELEASE, 'firefox')).toEqual([expect.stringContaining('WXT_GECKO_ID is unset')]);
  expect(releaseProblems({ ...RELEASE, WXT_GECKO_ID: DEFAULT_GECKO_ID }, 'firefox')).toHaveLength(1);
  expect(
    releaseProblems({ ...RELEASE, WXT_GECKO_ID: 'connect@example.com', WXT_EXTENSION_KEY: 'QUJD' }, 'firefox'),
  ).toEqual([]);
});

test.each([
  'WXT_WPCOM_OAUTH_URL',
  'WXT_WPCOM_API_URL',
  'WXT_GRAVATAR_API_URL',
  'WXT_TOKEN_PROXY_URL',
  'WXT_WPCOM_CONNECTED_APPS_URL',
])('both: every address https, %s too', (name) => {
  const http = { ...RELEASE, WXT_GECKO_ID: 'connect@example.com', [name]: 'http://127.0.0.1:8790/x' };
  for (const family of ['chromium', 'firefox'] as const) {
    expect(releaseProblems(http, family)).toEqual([expect.stringContaining(`${name} must be an https:// URL`)]);
  }
});

test('both: a production build, without the bench pages', () => {
  for (const family of ['chromium', 'firefox'] as const) {
    const release = { ...RELEASE, WXT_GECKO_ID: 'connect@example.com' };
    expect(releaseProblems({ ...release, NODE_ENV: 'production' }, family)).toEqual([]);
    expect(releaseProblems(release, family, 'development')).toEqual([expect.stringContaining('mode is "development"')]);
    expect(releaseProblems({ ...release, NODE_ENV: 'development' }, family)).toEqual([
      expect.stringContaining('NODE_ENV is set'),
    ]);
    expect(releaseProblems({ ...release, CONNECT_BENCH: '1' }, family)).toEqual([
      expect.stringContaining('CONNECT_BENCH is set'),
    ]);
  }
});

test('in a git working copy, a file the sources zip would take that is not committed stops the zip', () => {
  const root = mkdtempSync(join(tmpdir(), 'release-sources-'));
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  try {
    // Not a git working copy (an unpacked sources zip): nothing to compare with.
    expect(uncommittedSourceProblems(root)).toEqual([]);
    git('init', '-q');
    mkdirSync(join(root, 'utils'));
    mkdirSync(join(root, 'public'));
    writeFileSync(join(root, '.gitignore'), '*.log\n');
    writeFileSync(join(root, 'utils/kept.ts'), 'export {};\n');
    writeFileSync(join(root, 'notes.md'), 'outside the allowlist: never zipped\n');
    git('add', '.gitignore', 'utils/kept.ts');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'x');
    expect(uncommittedSourceProblems(root)).toEqual([]);
    // Ignored and untracked files inside included folders are both named.
    writeFileSync(join(root, 'utils/debug.log'), 'token=…\n');
    writeFileSync(join(root, 'public/credentials.json'), '{}\n');
    const [problem, ...more] = uncommittedSourceProblems(root);
    expect(more).toEqual([]);
    expect(problem).toContain('public/credentials.json');
    expect(problem).toContain('utils/debug.log');
    expect(problem).not.toContain('notes.md');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
