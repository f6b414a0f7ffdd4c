/**
 * The Workers target: proxy/worker.ts built by wrangler and run in workerd through wrangler's test
 * harness (`createTestHarness`), all variants as Workers of one workerd process. `main` is wrangler.toml
 * itself with the emulator's settings as var and secret overrides; the other variants are copies of it
 * under other names. Console output of every Worker is captured by the harness. The harness sends the
 * Workers' own subrequests (the token exchange) out through this Node process's `fetch`, which is how
 * they reach the emulator on 127.0.0.1.
 */
import { createTestHarness, type TestHarness, type TestHarnessOptions } from 'wrangler';
import type { RunningEmulator } from '../../sandbox/emulator/index';
import { CLIENT_SECRET_VAR, type ProxyTarget, proxyVars, type TargetKind, VARIANTS, type Variant } from './fixtures';
import { ROOT, readWranglerConfig, WRANGLER_TOML, wranglerRateLimit } from './wrangler-config';

type WorkerInput = TestHarnessOptions['workers'][number];

/** Offline: never fetch the `Request.cf` sample from workers.cloudflare.com (vitest's NODE_ENV=test already skips it). */
function noCfFetch(): void {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
}

/** Starts workerd with one Worker per entry of `workers` (the first is wrangler.toml's); resolves once all serve. */
export async function startHarness(workers: WorkerInput[]): Promise<TestHarness> {
  noCfFetch();
  const harness = createTestHarness({ root: ROOT, workers });
  try {
    await harness.listen();
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}

/** wrangler.toml's Worker under another name, with `vars` replacing its vars (secrets included: inline configs have none). */
export function copyOfWranglerWorker(name: string, vars: Record<string, string>, withRateLimit = true): WorkerInput {
  const config = readWranglerConfig();
  return {
    config: {
      name,
      main: config.main,
      compatibility_date: config.compatibility_date,
      compatibility_flags: config.compatibility_flags,
      vars,
      ratelimits: withRateLimit ? config.ratelimits : [],
    },
  };
}

export function wranglerWorker(vars: Record<string, string>, secrets: Record<string, string>): WorkerInput {
  return { configPath: WRANGLER_TOML, vars, secrets };
}

export const workersTarget: TargetKind = {
  name: 'Workers (proxy/worker.ts in workerd)',
  async start(emulator: RunningEmulator) {
    const { name } = readWranglerConfig();
    const vars = proxyVars(emulator);
    const workerName = (variant: Variant) => (variant === 'main' ? undefined : `${name}-${variant}`);
    const copies = (Object.keys(VARIANTS) as Variant[]).filter((variant) => variant !== 'main');
    const harness = await startHarness([
      wranglerWorker(vars, CLIENT_SECRET_VAR),
      ...copies.map((variant) =>
        copyOfWranglerWorker(`${name}-${variant}`, { ...vars, ...CLIENT_SECRET_VAR, ...VARIANTS[variant] }),
      ),
    ]);
    const target: ProxyTarget = {
      rateLimit: wranglerRateLimit(),
      showsUpstreamCancellation: false,
      async fetch(variant, path, init) {
        // Dispatched over HTTP to workerd's entry socket, which routes it to that variant's Worker.
        const response = await harness.getWorker(workerName(variant)).fetch(path, init as never);
        return response as unknown as Response;
      },
      logLines: () => harness.getLogs().map((log) => log.message),
      close: () => harness.close(),
    };
    return target;
  },
};
