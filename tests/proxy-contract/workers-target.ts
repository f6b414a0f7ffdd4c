/**
 * The Workers target: proxy/worker.ts built by wrangler and run in workerd. All variants but `impatient` run as
 * Workers of one workerd process through wrangler's test harness (`createTestHarness`): `main` is wrangler.toml
 * itself with the emulator's settings as var and secret overrides; the others are copies of it under other
 * names. The harness sends its Workers' own subrequests out through this Node process's `fetch` (its
 * `dev.outboundService`), which an abort in workerd does not reach: the token request arrives with
 * `user-agent: node` and its connection stays open until answered. So `impatient`, the variant whose timeout
 * aborts the token request, runs apart through wrangler's `unstable_startWorker`, whose workerd makes the fetch
 * itself, as it does on Cloudflare, and the emulator sees the connection go. Console output of every Worker is
 * captured, the two sources merged in time order.
 */
import { createTestHarness, type TestHarness, type TestHarnessOptions, unstable_startWorker } from 'wrangler';
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

type Binding = { type: 'plain_text' | 'secret_text'; value: string };

interface LogEntry {
  timestamp: number;
  message: string;
}

/**
 * wrangler.toml's Worker alone in its own workerd, with `vars` and `secrets` as bindings, making its subrequests
 * itself (no `outboundService`). Its log lines are pushed to `logs`.
 */
async function startLoneWorker(vars: Record<string, string>, secrets: Record<string, string>, logs: LogEntry[]) {
  noCfFetch();
  const bindings: Record<string, Binding> = {};
  for (const [key, value] of Object.entries(vars)) bindings[key] = { type: 'plain_text', value };
  for (const [key, value] of Object.entries(secrets)) bindings[key] = { type: 'secret_text', value };
  const worker = await unstable_startWorker({
    config: WRANGLER_TOML,
    bindings,
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      watch: false,
      persist: false,
      logLevel: 'none',
      structuredLogsHandler: (log: LogEntry) => logs.push({ timestamp: log.timestamp, message: log.message }),
    },
  });
  try {
    await worker.ready;
    return { worker, url: await worker.url };
  } catch (error) {
    await worker.dispose();
    throw error;
  }
}

export const workersTarget: TargetKind = {
  name: 'Workers (proxy/worker.ts in workerd)',
  async start(emulator: RunningEmulator) {
    const { name } = readWranglerConfig();
    const vars = proxyVars(emulator);
    const workerName = (variant: Variant) => (variant === 'main' ? undefined : `${name}-${variant}`);
    const copies = (Object.keys(VARIANTS) as Variant[]).filter(
      (variant) => variant !== 'main' && variant !== 'impatient',
    );
    const harness = await startHarness([
      wranglerWorker(vars, CLIENT_SECRET_VAR),
      ...copies.map((variant) =>
        copyOfWranglerWorker(`${name}-${variant}`, { ...vars, ...CLIENT_SECRET_VAR, ...VARIANTS[variant] }),
      ),
    ]);
    const loneLogs: LogEntry[] = [];
    let lone: Awaited<ReturnType<typeof startLoneWorker>>;
    try {
      lone = await startLoneWorker({ ...vars, ...VARIANTS.impatient }, CLIENT_SECRET_VAR, loneLogs);
    } catch (error) {
      await harness.close();
      throw error;
    }
    const target: ProxyTarget = {
      rateLimit: wranglerRateLimit(),
      async fetch(variant, path, init) {
        // Dispatched over HTTP to workerd's entry socket, which routes it to that variant's Worker.
        const response =
          variant === 'impatient'
            ? await lone.worker.fetch(new URL(path, lone.url), init as never)
            : await harness.getWorker(workerName(variant)).fetch(path, init as never);
        return response as unknown as Response;
      },
      logLines: () =>
        [...harness.getLogs(), ...loneLogs].sort((a, b) => a.timestamp - b.timestamp).map((log) => log.message),
      close: async () => {
        await Promise.allSettled([harness.close(), lone.worker.dispose()]);
      },
    };
    return target;
  },
};
