/**
 * `npx tsx bench/profile-summary.ts FILE.cpuprofile [EXCHANGES]`: where a target's CPU time went, by
 * component (undici, Web streams, WebCrypto, Hono, the Node adapter, zod, the proxy's own code, Node's
 * HTTP server, GC, …). Time in native frames (JSON.parse, writev, …) counts for the JavaScript caller's
 * component. With the number of exchanges the profile covers, also prints microseconds per exchange.
 * Profiles come from `npm run bench:proxy -- --cpu-prof` (bench/results/profiles/).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const COMPONENTS: Array<[string, (url: string, name: string) => boolean]> = [
  ['idle', (_url, name) => name === '(idle)'],
  ['garbage collection', (_url, name) => name === '(garbage collector)'],
  ['module loading (startup)', (url) => /\/(tsx|esbuild)\/|node:internal\/modules\//.test(url)],
  ['undici (fetch)', (url) => url.includes('undici')],
  ['Web streams', (url) => url.includes('webstreams')],
  ['WebCrypto / crypto', (url) => url.includes('crypto')],
  ['@hono/node-server', (url) => url.includes('@hono/node-server')],
  ['hono', (url) => /node_modules\/hono\//.test(url)],
  ['zod', (url) => url.includes('/zod/')],
  ['proxy/ code', (url) => url.includes('/proxy/')],
  ['bench target code', (url) => url.includes('/bench/')],
  ['emulator code', (url) => url.includes('/sandbox/')],
  ['AbortSignal / events', (url) => /abort_controller|event_target|node:events/.test(url)],
  ['timers / microtasks', (url) => /task_queues|timers/.test(url)],
  ['Node HTTP server & client', (url) => /_http_|node:http/.test(url)],
  ['Node net & streams', (url) => /node:net|streams\/|stream_base/.test(url)],
  ['URL / encoding', (url) => /internal\/url|encoding/.test(url)],
];

function componentOf(url: string, name: string): string | undefined {
  if (url === '' && !name.startsWith('(')) return undefined; // native: inherits its caller's component
  for (const [component, test] of COMPONENTS) if (test(url, name)) return component;
  return url === '' ? name : 'other JavaScript';
}

const [file, exchangesArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: tsx bench/profile-summary.ts FILE.cpuprofile [EXCHANGES]\n');
  process.exit(64);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const exchanges = exchangesArg === undefined ? undefined : Number(exchangesArg);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const componentCache = new Map<number, string>();
function componentFor(id: number): string {
  const cached = componentCache.get(id);
  if (cached !== undefined) return cached;
  let current: number | undefined = id;
  let found = 'native (no JavaScript caller)';
  // Bounded by the tree's depth.
  for (let depth = 0; current !== undefined && depth < 10_000; depth++) {
    const node = nodes.get(current);
    if (!node) break;
    const component = componentOf(node.callFrame.url, node.callFrame.functionName);
    if (component !== undefined) {
      found = component;
      break;
    }
    current = parentOf.get(current);
  }
  componentCache.set(id, found);
  return found;
}

const totals = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  all += delta;
  const component = componentFor(id);
  totals.set(component, (totals.get(component) ?? 0) + delta);
});
const busy = all - (totals.get('idle') ?? 0);
const rows = [...totals].sort((a, b) => b[1] - a[1]);
process.stdout.write(`${file}: ${(all / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy\n\n`);
process.stdout.write(
  `| component | ms | % of busy |${exchanges ? ' µs/exchange |' : ''}\n| --- | --- | --- |${exchanges ? ' --- |' : ''}\n`,
);
for (const [component, us] of rows) {
  if (component === 'idle') continue;
  const perExchange = exchanges ? ` ${(us / exchanges).toFixed(0)} |` : '';
  process.stdout.write(
    `| ${component} | ${(us / 1000).toFixed(0)} | ${((us / busy) * 100).toFixed(1)} |${perExchange}\n`,
  );
}
