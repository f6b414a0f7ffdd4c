/**
 * Bench child: the companion proxy on Node, as `npm run proxy` runs it (real config, real upstream),
 * but with rate limiting off and a log that drops its entries (`--log none`: no log middleware at all;
 * `--rate-limit N`: requests per minute, for comparison runs).
 */
import { parseProxyConfig } from '../../proxy/config.ts';
import { startProxy } from '../../proxy/serve.ts';
import { sandboxProxyEnv } from '../../sandbox/sandbox-proxy.ts';
import { argValue, serveTarget } from './serve-target.ts';

const config = parseProxyConfig(
  sandboxProxyEnv(argValue('--token-url'), {
    // 0 turns the limiter off: the benchmark measures the exchange path, and one client sends everything.
    PROXY_RATE_LIMIT_PER_MINUTE: argValue('--rate-limit'),
  }),
);

const noop = () => {};
await serveTarget(() => startProxy(config, argValue('--log') === 'none' ? {} : { log: noop }));
