import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { buildExtension, UNCALLED_TARGETS } from './build-extension';

const OUT = '.output/stopped-build';

/** Processes (Linux /proc) whose environment names this build's output folder: its `wxt build` child. */
function buildProcesses(): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`CONNECT_OUT_DIR=${OUT}`);
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  });
}

test('a build stopped on the way (npm start stopped while it builds) ends its wxt child and says it was stopped', async () => {
  const folder = resolve(import.meta.dirname, '..', OUT);
  rmSync(folder, { recursive: true, force: true });
  try {
    const stop = new AbortController();
    const build = buildExtension(UNCALLED_TARGETS, OUT, { signal: stop.signal });
    await expect.poll(buildProcesses).not.toEqual([]);
    stop.abort();
    // Said in a line, without the child's output (a failed build's would follow its exit code).
    await expect(build).rejects.toThrow(/^the extension build was stopped\.$/);
    // Ended then, not once it had built: no manifest was written, and the child is gone.
    expect(existsSync(resolve(folder, 'chrome-mv3', 'manifest.json'))).toBe(false);
    await expect.poll(buildProcesses).toEqual([]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a production build, also when run under Vitest (NODE_ENV=test): what the browser tests load is what ships', async () => {
  const folder = resolve(import.meta.dirname, '..', '.output/production-build');
  rmSync(folder, { recursive: true, force: true });
  try {
    const built = await buildExtension(UNCALLED_TARGETS, '.output/production-build');
    const chunks = readdirSync(resolve(built, 'chunks')).map((name) =>
      readFileSync(resolve(built, 'chunks', name), 'utf8'),
    );
    expect(chunks.length).toBeGreaterThan(0);
    // A development build's JSX carries each element's source file and line.
    for (const chunk of chunks) expect(chunk).not.toMatch(/lineNumber:\d/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 60_000);
