/**
 * The Workers target: proxy/worker.ts built by wrangler and run in workerd, each variant wrangler.toml's Worker
 * with the emulator's settings (and the variant's) as var and secret bindings, alone in its own workerd through
 * wrangler's `unstable_startWorker`. That workerd makes the Worker's subrequests itself, as Cloudflare's does: the
 * token exchange reaches the emulator through workerd's own fetch (its redirect handling, its aborts). wrangler's
 * test harness (`startHarness`, kept for workers-bindings.test.ts, which is about configuration) sends them through
 * this Node process's `fetch` instead (its `dev.outboundService`), where an abort in workerd is never seen: the
 * token request arrived with `user-agent: node` and its connection stayed open until answered. Console output of
 * every Worker is captured and put in time order.
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

type LoneWorker = Awaited<ReturnType<typeof startLoneWorker>>;

export const workersTarget: TargetKind = {
  name: 'Workers (proxy/worker.ts in workerd)',
  async start(emulator: RunningEmulator) {
    const vars = proxyVars(emulator);
    const logs: LogEntry[] = [];
    const variants = Object.keys(VARIANTS) as Variant[];
    const started = await Promise.allSettled(
      variants.map((variant) => startLoneWorker({ ...vars, ...VARIANTS[variant] }, CLIENT_SECRET_VAR, logs)),
    );
    const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const stopAll = async () => void (await Promise.allSettled(running.map(({ worker }) => worker.dispose())));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await stopAll();
      throw failed.reason;
    }
    const workers = Object.fromEntries(variants.map((variant, i) => [variant, running[i]])) as Record<
      Variant,
      LoneWorker
    >;
    const target: ProxyTarget = {
      rateLimit: wranglerRateLimit(),
      async fetch(variant, path, init) {
        const { worker, url } = workers[variant];
        return (await worker.fetch(new URL(path, url), init as never)) as unknown as Response;
      },
      // The Workers log from three processes: put in time order.
      logLines: () => [...logs].sort((a, b) => a.timestamp - b.timestamp).map((log) => log.message),
      close: stopAll,
    };
    return target;
  },
};
