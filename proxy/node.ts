/**
 * `npm run proxy`: reads the configuration from the environment, starts the proxy and prints one
 * JSON line per request. Configuration errors go to stderr and exit 1. On SIGTERM or SIGINT it stops
 * accepting connections, lets in-flight exchanges finish (up to PROXY_SHUTDOWN_GRACE_MS), then exits 0;
 * a second signal ends the remaining connections at once. One that comes within REPEAT_WINDOW_MS of the first is the
 * same stop delivered twice, not a second request: under `npm run proxy`, a signal to the process group (Ctrl-C in a
 * terminal, systemd's default `KillMode=control-group`) reaches the proxy directly and again through npm.
 */
import process from 'node:process';
import { clientIpHeaderWarning } from './client-ip';
import { ProxyConfigError, parseProxyConfig } from './config';
import { nodeTooOld } from './node-version';
import { startProxy } from './serve';

const REPEAT_WINDOW_MS = 1000;

async function main(): Promise<void> {
  const tooOld = nodeTooOld(process.versions.node);
  if (tooOld) {
    process.stderr.write(`proxy: ${tooOld}\n`);
    process.exit(1);
  }
  let config: ReturnType<typeof parseProxyConfig>;
  try {
    config = parseProxyConfig(process.env);
  } catch (error) {
    // ProxyConfigError messages name variables and rules only, never a value.
    if (!(error instanceof ProxyConfigError)) throw error;
    process.stderr.write(`proxy: ${error.message}\n`);
    process.exit(1);
  }

  const warning = clientIpHeaderWarning(config.clientIpHeader, config.host);
  if (warning) process.stderr.write(`proxy: warning: ${warning}\n`);

  const proxy = await startProxy(config, {
    log: (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`),
  }).catch((error: unknown) => {
    // A name that does not resolve, a port taken or not allowed: said with the variables that chose them.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot listen on HOST=${config.host} PORT=${config.port}: ${reason}`);
  });
  process.stdout.write(`proxy listening on ${proxy.url}\n`);

  let stopping = false;
  let firstAt = 0;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (Date.now() - firstAt < REPEAT_WINDOW_MS) return;
      process.stderr.write(`proxy: ${signal} again, closing open connections now\n`);
      // The first close's promise ends the process; this only shortens its wait.
      proxy.close(0).catch(() => undefined);
      return;
    }
    stopping = true;
    firstAt = Date.now();
    process.stderr.write(`proxy: ${signal}, finishing requests in progress (up to ${config.shutdownGraceMs} ms)\n`);
    proxy.close(config.shutdownGraceMs).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Startup failures (e.g. the port is taken) carry no secret: say what happened, not a stack.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`proxy: could not start: ${message}\n`);
  process.exit(1);
});
