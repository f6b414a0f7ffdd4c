/**
 * The Node target: `startProxy` from proxy/serve.ts, once per variant, on loopback ports. It reads the
 * client IP from `CF-Connecting-IP` (as behind Cloudflare) so that tests can give each client its own
 * rate-limit bucket, and rate-limits `main` as the Worker does (wrangler.toml's limit).
 */
import { parseProxyConfig } from '../../proxy/config';
import { type RunningProxy, startProxy } from '../../proxy/serve';
import { CLIENT_SECRET_VAR, type ProxyTarget, proxyVars, type TargetKind, VARIANTS, type Variant } from './fixtures';
import { wranglerRateLimit } from './wrangler-config';

export const nodeTarget: TargetKind = {
  name: 'Node (proxy/serve.ts)',
  async start(emulator) {
    const rateLimit = wranglerRateLimit();
    const lines: string[] = [];
    const proxies = new Map<Variant, RunningProxy>();
    const stopAll = () => Promise.all([...proxies.values()].map((proxy) => proxy.close()));
    try {
      for (const [variant, overrides] of Object.entries(VARIANTS) as [Variant, Record<string, string>][]) {
        const config = parseProxyConfig({
          ...proxyVars(emulator),
          ...CLIENT_SECRET_VAR,
          HOST: '127.0.0.1',
          PORT: '0',
          PROXY_CLIENT_IP_HEADER: 'CF-Connecting-IP',
          PROXY_RATE_LIMIT_PER_MINUTE: String(rateLimit),
          ...overrides,
        });
        proxies.set(variant, await startProxy(config, { log: (entry) => lines.push(JSON.stringify(entry)) }));
      }
    } catch (error) {
      await stopAll();
      throw error;
    }
    const target: ProxyTarget = {
      rateLimit,
      fetch(variant, path, init) {
        const proxy = proxies.get(variant);
        if (!proxy) throw new Error(`no ${variant} proxy`);
        return fetch(`${proxy.url}${path}`, init);
      },
      logLines: () => [...lines],
      close: async () => {
        await stopAll();
      },
    };
    return target;
  },
};
