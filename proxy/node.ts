/**
 * `npm run proxy`: reads the configuration from the environment, starts the proxy and prints one
 * JSON line per request. Configuration errors go to stderr and exit 1.
 */
import process from 'node:process';
import { ProxyConfigError, parseProxyConfig } from './config';
import { startProxy } from './serve';

async function main(): Promise<void> {
  let config: ReturnType<typeof parseProxyConfig>;
  try {
    config = parseProxyConfig(process.env);
  } catch (error) {
    // ProxyConfigError messages name variables and rules only, never a value.
    if (!(error instanceof ProxyConfigError)) throw error;
    process.stderr.write(`proxy: ${error.message}\n`);
    process.exit(1);
  }

  const proxy = await startProxy(config, {
    log: (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`),
  });
  process.stdout.write(`proxy listening on ${proxy.url}\n`);

  const stop = () => {
    proxy.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Startup failures (e.g. the port is taken) carry no secret: say what happened, not a stack.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`proxy: could not start: ${message}\n`);
  process.exit(1);
});
