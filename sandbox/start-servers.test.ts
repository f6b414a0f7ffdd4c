import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../proxy/request-log';
import { PortInUseError, type SandboxServers, startSandboxServers } from './start-servers';

const HOST = '127.0.0.1';

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, HOST, () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return address.port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await close(server);
  return port;
}

describe('startSandboxServers', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('starts the emulator and a proxy that logs method, path and status', async () => {
    const entries: RequestLogEntry[] = [];
    const servers = await startSandboxServers({ emulatorPort: 0, proxyPort: 0, log: (entry) => entries.push(entry) });
    cleanups.push(() => servers.close());
    expect(servers.emulator.tokenUrl).toBe(`${servers.emulator.url}/oauth2/token`);

    await fetch(`${servers.proxy.url}/healthz?code=secret`);
    await fetch(`${servers.proxy.url}/nowhere?code=secret`);
    expect(entries).toEqual([
      expect.objectContaining({ method: 'GET', path: '/healthz', status: 200 }),
      // A path that is not a route is not written as sent (request-log.ts `loggedPath`).
      expect.objectContaining({ method: 'GET', path: '(other)', status: 404 }),
    ]);
  });

  it('keeps Gravatar’s own limit (100 an hour) unless told otherwise, as `npm start` leaves it', async () => {
    const limitOf = async (servers: SandboxServers) =>
      ((await (await fetch(`${servers.emulator.url}/__sandbox/behaviour`)).json()) as Record<string, unknown>)
        .gravatarHourlyLimit;
    const sandbox = await startSandboxServers({ emulatorPort: 0, proxyPort: 0 });
    cleanups.push(() => sandbox.close());
    expect(await limitOf(sandbox)).toBe(100);
    const tests = await startSandboxServers({ emulatorPort: 0, proxyPort: 0, gravatarHourlyLimit: null });
    cleanups.push(() => tests.close());
    expect(await limitOf(tests)).toBeNull();
  });

  it('frees both ports on close', async () => {
    const servers = await startSandboxServers({ emulatorPort: 0, proxyPort: 0 });
    await servers.close();
    const again = [await listen(servers.emulator.port), await listen(servers.proxy.port)];
    await Promise.all(again.map(close));
  });

  it('names the emulator port when it is taken', async () => {
    const taken = await listen();
    cleanups.push(() => close(taken));
    const attempt = startSandboxServers({ emulatorPort: portOf(taken), proxyPort: 0 });
    await expect(attempt).rejects.toThrow(PortInUseError);
    await expect(attempt).rejects.toMatchObject({ server: 'emulator', port: portOf(taken) });
    await expect(attempt).rejects.toThrow(`Port ${portOf(taken)} (the WordPress.com emulator) is already in use`);
    await expect(attempt).rejects.toThrow('or use another port: npm start -- --emulator-port <N>.');
  });

  it('names the proxy port when it is taken, and stops the emulator it had started', async () => {
    const taken = await listen();
    cleanups.push(() => close(taken));
    const emulatorPort = await freePort();
    const attempt = startSandboxServers({ emulatorPort, proxyPort: portOf(taken) });
    await expect(attempt).rejects.toMatchObject({ code: 'port_in_use', server: 'proxy', port: portOf(taken) });
    await close(await listen(emulatorPort));
  });
});
