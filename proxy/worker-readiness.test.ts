/**
 * The Worker's readiness in plain Node (the same module wrangler bundles): a misconfigured Worker names everything
 * to set at once on /readyz, whichever checks found it (the configuration, the client IP header, the rate-limit
 * binding). The Worker itself, in workerd, is tested in tests/proxy-contract/.
 */
import { describe, expect, it } from 'vitest';
import worker from './worker';
import type { WorkerEnv } from './workers-types';

const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined } as never;

const readiness = async (env: Record<string, unknown>) => {
  const response = await worker.fetch(new Request('http://proxy.test/readyz'), env as WorkerEnv, ctx);
  return { status: response.status, body: (await response.json()) as { variables?: string[] } };
};

describe('/readyz on Workers', () => {
  it('names every problem at once: a missing secret, a client IP header a client could set, no rate-limit binding', async () => {
    const { status, body } = await readiness({ PROXY_CLIENT_IP_HEADER: 'X-Forwarded-For' });
    expect(status).toBe(503);
    expect(body.variables).toEqual(
      expect.arrayContaining(['WPCOM_CLIENT_SECRET', 'PROXY_CLIENT_IP_HEADER', 'TOKEN_RATE_LIMITER']),
    );
  });

  it('a per-minute limit other than 0 is refused, naming where the limit is set on Workers (it would be ignored)', async () => {
    const { status, body } = await readiness({ PROXY_RATE_LIMIT_PER_MINUTE: '100' });
    expect(status).toBe(503);
    expect(body.variables).toContain('PROXY_RATE_LIMIT_PER_MINUTE');
  });

  it('with rate limiting turned off, no binding is asked for', async () => {
    const { body } = await readiness({ PROXY_RATE_LIMIT_PER_MINUTE: '0' });
    expect(body.variables).not.toContain('TOKEN_RATE_LIMITER');
    // Written as the configuration reads it on Node too.
    const { body: zeros } = await readiness({ PROXY_RATE_LIMIT_PER_MINUTE: '00' });
    expect(zeros.variables).not.toContain('PROXY_RATE_LIMIT_PER_MINUTE');
  });
});
