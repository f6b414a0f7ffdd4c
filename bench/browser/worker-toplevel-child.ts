/**
 * Child of diagnose-worker.ts: runs a built background.js (a classic script) on plain Node with a stub
 * `chrome`, and prints as JSON how long compiling it and running its top level took (ms).
 * `node worker-toplevel-child.mjs BACKGROUND_JS` (add `--cpu-prof` to profile it).
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const stub: unknown = new Proxy(() => {}, {
  get: (_target, key) => (key === 'id' ? 'bench' : key === 'then' ? undefined : stub),
  has: () => true,
  apply: () => stub,
});
Object.assign(globalThis, { chrome: stub });
const file = process.argv[2];
if (!file) throw new Error('usage: node worker-toplevel-child.mjs BACKGROUND_JS');
const source = readFileSync(file, 'utf8');
const started = performance.now();
const script = new vm.Script(source, { filename: file });
const compiled = performance.now();
script.runInThisContext();
const ran = performance.now();
process.stdout.write(`${JSON.stringify({ compileMs: compiled - started, runMs: ran - compiled })}\n`);
