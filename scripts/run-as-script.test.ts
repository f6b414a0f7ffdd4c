import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { runAsScript } from './run-as-script';

const TSX = resolve(import.meta.dirname, '../node_modules/tsx/dist/cli.mjs');

test('imported (by this test), a script module does not run', () => {
  expect(runAsScript(resolve(import.meta.dirname, 'audit-release.ts'))).toBe(false);
});

test('run by path or through a symbolic link, from another folder, it does', () => {
  const folder = mkdtempSync(join(tmpdir(), 'run-as-script-'));
  try {
    const probe = join(folder, 'probe.ts');
    writeFileSync(
      probe,
      `import { runAsScript } from ${JSON.stringify(resolve(import.meta.dirname, 'run-as-script.ts'))};\n` +
        'process.stdout.write(String(runAsScript(import.meta.filename)));\n',
    );
    symlinkSync(probe, join(folder, 'link.ts'));
    for (const script of [probe, join(folder, 'link.ts')]) {
      const run = spawnSync(process.execPath, [TSX, script], { cwd: tmpdir(), encoding: 'utf8' });
      expect(run.stdout, run.stderr).toBe('true');
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
