/**
 * What only the Worker has: wrangler.toml as shipped (placeholders, no secret) must answer and say what
 * to set rather than crash; the rate-limiting binding is what counts `/token` requests, keyed by
 * `CF-Connecting-IP`; and without the binding the Worker refuses to serve unless rate limiting is off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHarness } from 'wrangler';
import { OTHER_PATH } from '../../proxy/request-log';
import { RATE_LIMIT_PERIOD_SECONDS } from '../../proxy/workers-rate-limit';
import type { RateLimitBinding } from '../../proxy/workers-types';
import { RATE_LIMIT_BINDING } from '../../proxy/workers-types';
import { type RunningEmulator, startEmulator } from '../../sandbox/emulator/index';
import { SANDBOX_EXTENSION_ORIGIN, SANDBOX_REDIRECT_URI } from '../../sandbox/sandbox-config';
import { CLIENT_SECRET_VAR, proxyVars } from './fixtures';
import { copyOfWranglerWorker, startHarness, wranglerWorker } from './workers-target';
import { readWranglerConfig, wranglerRateLimit, wranglerRateLimitRule } from './wrangler-config';

const CONFIGURED = 'proxy-configured';
const UNBOUND = 'proxy-without-binding';
const UNBOUND_UNLIMITED = 'proxy-without-binding-unlimited';
const NODE_HEADER = 'proxy-with-node-client-ip-header';

let emulator: RunningEmulator;
let harness: TestHarness;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const vars = { ...proxyVars(emulator), ...CLIENT_SECRET_VAR };
  harness = await startHarness([
    // wrangler.toml exactly as checked in: placeholder vars, no secret.
    wranglerWorker({}, {}),
    copyOfWranglerWorker(CONFIGURED, vars),
    copyOfWranglerWorker(UNBOUND, vars, false),
    copyOfWranglerWorker(UNBOUND_UNLIMITED, { ...vars, PROXY_RATE_LIMIT_PER_MINUTE: '0' }, false),
    copyOfWranglerWorker(NODE_HEADER, { ...vars, PROXY_CLIENT_IP_HEADER: 'X-Real-IP' }),
  ]);
});

afterAll(async () => {
  await harness?.close();
  await emulator?.close();
});

async function call(worker: string | undefined, path: string, init: RequestInit = {}): Promise<Response> {
  return (await harness.getWorker(worker).fetch(path, init as never)) as unknown as Response;
}

function postToken(worker: string | undefined, ip: string, redirectUri = SANDBOX_REDIRECT_URI) {
  return call(worker, '/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: SANDBOX_EXTENSION_ORIGIN, 'CF-Connecting-IP': ip },
    body: JSON.stringify({ code: 'any-code', redirect_uri: redirectUri }),
  });
}

describe('wrangler.toml', () => {
  it('keeps Workers Logs for the proxy’s lines and Cloudflare’s own invocation logs (headers, the raw IP) off', () => {
    expect(readWranglerConfig().observability).toEqual({ enabled: true, logs: { invocation_logs: false } });
  });

  it('counts per period the proxy tells refused clients to wait, one Cloudflare accepts', () => {
    const { period } = wranglerRateLimitRule();
    expect([10, 60]).toContain(period);
    expect(period).toBe(RATE_LIMIT_PERIOD_SECONDS);
  });
});

describe('the Worker as shipped in wrangler.toml, before it is configured', () => {
  it('answers /healthz', async () => {
    const response = await call(undefined, '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('names the placeholder client IDs, redirect URI and origin and the missing secrets on /readyz, and no value', async () => {
    const response = await call(undefined, '/readyz');
    expect(response.status).toBe(503);
    const text = await response.text();
    // The placeholder origin is no extension ID, so it could never match what a browser sends (proxy/config.ts).
    expect(JSON.parse(text)).toEqual({
      status: 'not_ready',
      variables: [
        'WPCOM_CLIENT_ID',
        'WPCOM_CLIENT_SECRET',
        'WPCOM_API_CLIENT_ID',
        'WPCOM_API_CLIENT_SECRET',
        'PROXY_ALLOWED_REDIRECT_URIS',
        'PROXY_ALLOWED_ORIGINS',
      ],
    });
    expect(text).not.toContain('REPLACE');
  });

  it('says in its log, once, what is wrong with each variable, with no value', async () => {
    await call(undefined, '/readyz');
    const lines = harness.getLogs().map((log) => JSON.parse(log.message) as Record<string, unknown>);
    // Of the Workers in this workerd, the others are configured but for one thing each: this one misses its secrets.
    const told = lines.filter(
      (line) =>
        line.event === 'not_configured' && JSON.stringify(line.problems).includes('"variable":"WPCOM_CLIENT_SECRET"'),
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.problems).toEqual(
      expect.arrayContaining([
        { variable: 'WPCOM_CLIENT_SECRET', message: expect.stringMatching(/^is required/) },
        { variable: 'PROXY_ALLOWED_REDIRECT_URIS', message: expect.stringMatching(/identity\.getRedirectURL\(\)/) },
        { variable: 'PROXY_ALLOWED_ORIGINS', message: expect.stringMatching(/chrome-extension:\/\/<32 letters a-p>/) },
      ]),
    );
    expect(JSON.stringify(told)).not.toContain('REPLACE');
  });

  it('answers /token with 503 not_configured, and other methods with 405', async () => {
    const response = await postToken(undefined, '192.0.2.1');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'not_configured' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect((await call(undefined, '/token')).status).toBe(405);
  });

  it('still logs one JSON line per request, its own', async () => {
    const requestLines = () =>
      harness
        .getLogs()
        .map((log) => JSON.parse(log.message) as Record<string, unknown>)
        .filter((line) => line.event !== 'not_configured');
    const before = requestLines().length;
    await call(undefined, '/healthz');
    await call(undefined, '/readyz');
    await postToken(undefined, '192.0.2.2');
    await call(undefined, '/token');
    await call(undefined, '/nowhere');
    await expect
      .poll(() =>
        requestLines()
          .slice(before)
          .map(({ method, path, status }) => ({ method, path, status })),
      )
      .toEqual([
        { method: 'GET', path: '/healthz', status: 200 },
        { method: 'GET', path: '/readyz', status: 503 },
        { method: 'POST', path: '/token', status: 503 },
        { method: 'GET', path: '/token', status: 405 },
        { method: 'GET', path: OTHER_PATH, status: 404 },
      ]);
  });
});

describe('rate limiting on Workers', () => {
  /**
   * The local binding (miniflare) counts in wall-clock minutes: `burst` (its keys taken from the attempt) is run again,
   * with fresh keys, when a minute began while it ran, however slow the machine.
   */
  async function inOneMinute<T>(burst: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const minute = Math.floor(Date.now() / 60_000);
      const seen = await burst(attempt);
      if (Math.floor(Date.now() / 60_000) === minute || attempt >= 3) return seen;
    }
  }

  it('counts each /token request in the binding under the CF-Connecting-IP, and refuses with Retry-After: 60', async () => {
    const limit = wranglerRateLimit();
    const env = (await harness.getWorker(CONFIGURED).getEnv()) as Record<string, RateLimitBinding>;
    const binding = env[RATE_LIMIT_BINDING];
    if (!binding) throw new Error(`no ${RATE_LIMIT_BINDING} binding`);
    const seen = await inOneMinute(async (attempt) => {
      const counted = `192.0.2.${10 + 2 * attempt}`;
      const untouched = `192.0.2.${11 + 2 * attempt}`;
      // A redirect URI that is not listed: past the limiter, then 400 without calling upstream.
      const statuses: number[] = [];
      for (let i = 0; i < limit; i++)
        statuses.push((await postToken(CONFIGURED, counted, 'https://x.example/')).status);
      // The binding has seen every request of `counted`, and none of `untouched`.
      const countedThere = await binding.limit({ key: counted });
      const untouchedThere = await binding.limit({ key: untouched });
      const refused = await postToken(CONFIGURED, counted);
      return { statuses, countedThere, untouchedThere, refused };
    });
    expect(seen.statuses).toEqual(seen.statuses.map(() => 400));
    expect(seen.countedThere).toEqual({ success: false });
    expect(seen.untouchedThere).toEqual({ success: true });
    expect(seen.refused.status).toBe(429);
    expect(seen.refused.headers.get('retry-after')).toBe(String(RATE_LIMIT_PERIOD_SECONDS));
    expect(await seen.refused.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('keys an IPv6 client by its /56, so a client cannot dodge the limit by changing addresses', async () => {
    const limit = wranglerRateLimit();
    const seen = await inOneMinute(async (attempt) => {
      const prefix = `2001:db8:${(0x77 + attempt).toString(16)}`;
      const statuses: number[] = [];
      for (let i = 0; i < limit; i++) {
        statuses.push(
          (await postToken(CONFIGURED, `${prefix}:${i.toString(16)}::${i + 1}`, 'https://x.example/')).status,
        );
      }
      const sameBlock = (await postToken(CONFIGURED, `${prefix}:ff::abcd`)).status;
      const nextBlock = (await postToken(CONFIGURED, `${prefix}:100::1`, 'https://x.example/')).status;
      return { statuses, sameBlock, nextBlock };
    });
    expect(seen.statuses).toEqual(seen.statuses.map(() => 400));
    expect(seen.sameBlock).toBe(429);
    expect(seen.nextBlock).toBe(400);
  });

  it('refuses a PROXY_CLIENT_IP_HEADER other than CF-Connecting-IP: /readyz names it, /token answers 503', async () => {
    const ready = await call(NODE_HEADER, '/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not_ready', variables: ['PROXY_CLIENT_IP_HEADER'] });
    const response = await call(NODE_HEADER, '/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SANDBOX_EXTENSION_ORIGIN, 'X-Real-IP': '10.0.0.1' },
      body: JSON.stringify({ code: 'any-code', redirect_uri: SANDBOX_REDIRECT_URI }),
    });
    expect(response.status).toBe(503);
  });

  it('without the binding, reports it on /readyz and refuses /token with 503', async () => {
    const ready = await call(UNBOUND, '/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not_ready', variables: [RATE_LIMIT_BINDING] });
    const response = await postToken(UNBOUND, '192.0.2.20');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'not_configured' });
  });

  it('without the binding but with PROXY_RATE_LIMIT_PER_MINUTE=0, serves without a limit', async () => {
    const ready = await call(UNBOUND_UNLIMITED, '/readyz');
    expect(ready.status).toBe(200);
    const limit = wranglerRateLimit();
    for (let i = 0; i <= limit; i++) {
      expect((await postToken(UNBOUND_UNLIMITED, '192.0.2.30', 'https://x.example/')).status).toBe(400);
    }
  });
});
