/**
 * The `npm run proxy` CLI as it ships: `proxy/node.ts` bundled by `scripts/bundle-node.ts` and started
 * by `proxy/run-node.sh` (its memory settings) on plain Node, with a controlled environment.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorControl } from '../sandbox/emulator/control-client';
import { startEmulator } from '../sandbox/emulator/index';
import { SANDBOX_EXTENSION_ORIGIN, SANDBOX_REDIRECT_URI } from '../sandbox/sandbox-config';
import { sandboxCode, sandboxProxyEnv } from '../sandbox/sandbox-proxy';
import { bundleForNode } from '../scripts/bundle-node';

const ROOT = path.resolve(import.meta.dirname, '..');
const LAUNCHER = path.join(ROOT, 'proxy/run-node.sh');
const SECRET = 'cli-test-secret-do-not-print';
const API_SECRET = 'cli-test-api-secret-do-not-print';
let bundle = '';

beforeAll(async () => {
  bundle = await bundleForNode(path.join(ROOT, 'proxy/node.ts'), path.join(ROOT, '.output/test/proxy-node.mjs'));
}, 30_000);

/** The parent's environment minus anything the proxy reads, so the host's settings cannot leak in. */
function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(WPCOM_|PROXY_|HOST$|PORT$)/.test(name)));
}

function runCli(
  env: NodeJS.ProcessEnv,
  nodeFlags: string[] = [],
): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  // The launcher ends in `exec node`: the child is the proxy process itself, and signals reach it. It runs the `node`
  // first on PATH, as under `npm run` (the project's Node first), and not NODE, which npm sets to the Node that runs
  // npm itself: set to one that does not exist here, so that a launcher reading it fails every test.
  const child = spawn('sh', [LAUNCHER, ...nodeFlags, bundle], {
    cwd: ROOT,
    env: {
      ...env,
      NODE: '/nonexistent/the-node-npm-runs-on',
      PATH: `${path.dirname(process.execPath)}:${env.PATH ?? ''}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return { child, stdout: () => out, stderr: () => err };
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the CLI');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const configured = {
  WPCOM_CLIENT_ID: '84620',
  WPCOM_API_CLIENT_ID: '84621',
  WPCOM_API_CLIENT_SECRET: API_SECRET,
  PROXY_ALLOWED_REDIRECT_URIS: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  PROXY_ALLOWED_ORIGINS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
  HOST: '127.0.0.1',
  PORT: '0',
};

describe('npm run proxy (proxy/node.ts)', () => {
  it('exits 1 naming the Node it found when that Node is older than 22.12', async () => {
    // process.versions as Node 20 gives it, set before the bundle runs.
    const preload = path.join(ROOT, '.output/test/node-20-versions.cjs');
    writeFileSync(
      preload,
      "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.20.2' } });\n",
    );
    const cli = runCli({ ...baseEnv(), ...configured, WPCOM_CLIENT_SECRET: SECRET }, ['--require', preload]);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(1);
    expect(cli.stderr()).toBe(
      'proxy: Node 20.20.2 is too old: the proxy needs Node 22.12 or later (it is tested on Node 24)\n',
    );
    expect(cli.stdout()).toBe('');
  });

  it('exits 1 with a clear message on stderr when WPCOM_CLIENT_SECRET is missing', async () => {
    const cli = runCli({ ...baseEnv(), ...configured });
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(1);
    expect(cli.stderr()).toMatch(/^proxy: configuration is incomplete or wrong:\n {2}WPCOM_CLIENT_SECRET is required/);
    expect(cli.stdout()).toBe('');
  });

  it('warns on stderr when it trusts a client-IP header on an address clients may reach directly', async () => {
    // 192.0.2.1 is no address of this machine: the warning comes before the attempt to listen, which then fails.
    const env = { ...baseEnv(), ...configured, WPCOM_CLIENT_SECRET: SECRET, HOST: '192.0.2.1' };
    const cli = runCli({ ...env, PROXY_CLIENT_IP_HEADER: 'X-Forwarded-For' });
    await once(cli.child, 'exit');
    expect(cli.stderr()).toMatch(
      /^proxy: warning: PROXY_CLIENT_IP_HEADER=X-Forwarded-For is trusted as each client's address, but HOST=192\.0\.2\.1 may let clients reach the proxy without passing your reverse proxy/,
    );
  });

  it('exits 1 naming HOST and PORT when it cannot listen there (an address not on this machine)', async () => {
    const cli = runCli({ ...baseEnv(), ...configured, WPCOM_CLIENT_SECRET: SECRET, HOST: '192.0.2.1' });
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(1);
    expect(cli.stderr()).toMatch(/^proxy: could not start: cannot listen on HOST=192\.0\.2\.1 PORT=0: /);
    expect(cli.stderr()).not.toContain(SECRET);
    expect(cli.stderr()).not.toContain(API_SECRET);
  });

  it('starts, logs one JSON line per request without the secret, and exits 0 on SIGTERM', async () => {
    const cli = runCli({ ...baseEnv(), ...configured, WPCOM_CLIENT_SECRET: SECRET });
    try {
      await waitFor(() => cli.stdout().includes('\n'), 10_000);
      const url = /^proxy listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(cli.stdout())?.[1];
      expect(url).toBeDefined();
      const response = await fetch(`${url}/healthz?probe=1`);
      expect(await response.json()).toEqual({ status: 'ok' });
      await waitFor(() => cli.stdout().split('\n').length > 2, 5_000);
      const entry: unknown = JSON.parse(cli.stdout().split('\n')[1] ?? '');
      expect(entry).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
      cli.child.kill('SIGTERM');
      const [code] = await once(cli.child, 'exit');
      expect(code).toBe(0);
      expect(cli.stdout() + cli.stderr()).not.toContain(SECRET);
      expect(cli.stdout() + cli.stderr()).not.toContain(API_SECRET);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});

/** The CLI's request log: every stdout line after "proxy listening on …" is one JSON entry. */
function logLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe('graceful shutdown of npm run proxy', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let control: ReturnType<typeof emulatorControl>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    control = emulatorControl(emulator.url);
  });

  afterAll(async () => {
    await emulator?.close();
  });

  /** Starts the CLI against the emulator and waits for its URL. */
  async function startCli(extra: Record<string, string> = {}) {
    const cli = runCli({ ...baseEnv(), ...sandboxProxyEnv(emulator.tokenUrl, extra) });
    await waitFor(() => cli.stdout().includes('\n'), 10_000);
    const match = /^proxy listening on (http:\/\/127\.0\.0\.1:(\d+))\n/.exec(cli.stdout());
    if (!match?.[1] || !match[2]) throw new Error(`no URL from the CLI: ${cli.stdout()} ${cli.stderr()}`);
    const exited = once(cli.child, 'exit').then(([code]) => ({ code: code as number | null, at: Date.now() }));
    return { cli, url: match[1], port: Number(match[2]), exited };
  }

  /** Starts a real exchange and waits until the (slow) emulator has received it. */
  async function exchangeInFlight(url: string) {
    const code = await sandboxCode(emulator.oauthUrl);
    const settled = { at: 0 };
    const response = fetch(`${url}/token`, {
      method: 'POST',
      headers: { Origin: SANDBOX_EXTENSION_ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, redirect_uri: SANDBOX_REDIRECT_URI }),
    }).finally(() => {
      settled.at = Date.now();
    });
    const deadline = Date.now() + 5000;
    while ((await control.stats()).tokenRequests < 1) {
      if (Date.now() > deadline) throw new Error('the exchange never reached the emulator');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { response, settled };
  }

  /** Resolves with the connect error code, or 'connected'. */
  function tryConnect(port: number): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
  }

  it('on SIGTERM refuses new connections, finishes the exchange in flight with 200, then exits 0', async () => {
    await control.reset();
    await control.setBehaviour({ tokenDelayMs: 4000 });
    // A grace far past this test's timeout: a proxy that exits at all left when the last exchange was done, not
    // when the grace ran out.
    const { cli, url, port, exited } = await startCli({ PROXY_SHUTDOWN_GRACE_MS: '600000' });
    try {
      // An idle keep-alive connection from an earlier request must not hold the shutdown open.
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const { response, settled } = await exchangeInFlight(url);
      cli.child.kill('SIGTERM');

      let refusal = 'connected';
      const deadline = Date.now() + 3500;
      // Until the listening socket is closed, an attempt may still connect, or be reset when it closes under
      // an accepted-but-unserved connection: neither is served. Poll until the port refuses outright.
      while (refusal !== 'ECONNREFUSED' && Date.now() < deadline) {
        refusal = await tryConnect(port);
        if (refusal !== 'ECONNREFUSED') await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(refusal).toBe('ECONNREFUSED');
      expect(settled.at, 'the exchange was still in flight when new connections were refused').toBe(0);

      const answer = await response;
      expect(answer.status).toBe(200);
      // Begun before the signal, answered after it: the client is told not to send another request on it.
      expect(answer.headers.get('connection')).toBe('close');
      expect(await answer.json()).toMatchObject({ token_type: 'bearer', access_token: expect.any(String) });
      const exit = await exited;
      expect(exit.code).toBe(0);
      expect(exit.at).toBeGreaterThanOrEqual(settled.at);
      expect(cli.stderr()).toMatch(/SIGTERM, finishing requests in progress \(up to 600000 ms\)/);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });

  it('the same signal twice at once (a process group under npm: directly and through npm) still lets the exchange finish', async () => {
    await control.reset();
    await control.setBehaviour({ tokenDelayMs: 1500 });
    const { cli, url, exited } = await startCli();
    try {
      const { response } = await exchangeInFlight(url);
      cli.child.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 50));
      cli.child.kill('SIGINT');
      const answer = await response;
      expect(answer.status).toBe(200);
      expect((await exited).code).toBe(0);
      expect(cli.stderr()).not.toMatch(/again, closing open connections now/);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
      await control.setBehaviour({ tokenDelayMs: 0 });
    }
  });

  it('a second signal a moment later (a person pressing Ctrl-C again) closes what is open at once', async () => {
    await control.reset();
    // The exchange (10 s) and the grace (10 min) end long after: a rejected exchange shows it was closed at once.
    await control.setBehaviour({ tokenDelayMs: 10_000 });
    const { cli, url, exited } = await startCli({ PROXY_SHUTDOWN_GRACE_MS: '600000' });
    try {
      const { response } = await exchangeInFlight(url);
      cli.child.kill('SIGINT');
      // Past the repeat window (1 s) from when the proxy took the first signal, not from when it was sent.
      await waitFor(() => /SIGINT, finishing requests in progress/.test(cli.stderr()), 10_000);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      cli.child.kill('SIGINT');
      await expect(response).rejects.toThrow();
      const exit = await exited;
      expect(exit.code).toBe(0);
      expect(cli.stderr()).toMatch(/SIGINT again, closing open connections now/);
      expect(logLines(cli.stdout())).toContainEqual(
        expect.objectContaining({ method: 'POST', path: '/token', status: 503 }),
      );
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
      await control.setBehaviour({ tokenDelayMs: 0 });
    }
  });

  it('closes what is still open once PROXY_SHUTDOWN_GRACE_MS has passed, and still exits 0 (SIGINT too)', async () => {
    await control.reset();
    // An exchange that ends long after the grace: only the grace's end closes it.
    await control.setBehaviour({ tokenDelayMs: 10_000 });
    const { cli, url, exited } = await startCli({ PROXY_SHUTDOWN_GRACE_MS: '300' });
    try {
      const { response } = await exchangeInFlight(url);
      const signalled = Date.now();
      cli.child.kill('SIGINT');
      await expect(response).rejects.toThrow();
      const exit = await exited;
      expect(exit.code).toBe(0);
      // Not before the grace; and not at the exchange's end (it would have answered): at the grace.
      expect(exit.at - signalled).toBeGreaterThanOrEqual(250);
      // The exchange cut at the grace's end still has its line, written before the process left.
      expect(logLines(cli.stdout())).toContainEqual(
        expect.objectContaining({ method: 'POST', path: '/token', status: 503 }),
      );
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
      await control.setBehaviour({ tokenDelayMs: 0 });
    }
  });
});
