/**
 * Bench child: the companion proxy on Node, as `npm run proxy` runs it (real config, real upstream),
 * but with rate limiting off and a log that drops its entries (`--log none`: no log middleware at all;
 * `--rate-limit N`: requests per minute, for comparison runs).
 */
import { parseProxyConfig } from '../../proxy/config.ts';
import { startProxy } from '../../proxy/serve.ts';
import {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_REDIRECT_URI,
} from '../../sandbox/sandbox-config.ts';
import { argValue, serveTarget } from './serve-target.ts';

const config = parseProxyConfig({
  WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
  WPCOM_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
  WPCOM_TOKEN_URL: argValue('--token-url'),
  PROXY_ALLOWED_REDIRECT_URIS: SANDBOX_REDIRECT_URI,
  PROXY_ALLOWED_ORIGINS: SANDBOX_EXTENSION_ORIGIN,
  HOST: '127.0.0.1',
  PORT: '0',
  // 0 turns the limiter off: the benchmark measures the exchange path, and one client sends everything.
  PROXY_RATE_LIMIT_PER_MINUTE: argValue('--rate-limit'),
});

const noop = () => {};
await serveTarget(() => startProxy(config, argValue('--log') === 'none' ? {} : { log: noop }));
