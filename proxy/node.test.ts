/** The `npm run proxy` CLI, spawned as `tsx proxy/node.ts` with a controlled environment. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SECRET = 'cli-test-secret-do-not-print';

/** The parent's environment minus anything the proxy reads, so the host's settings cannot leak in. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(WPCOM_|PROXY_|HOST$|PORT$)/.test(name)),
  );
  // tsx's shebang finds `node` on PATH: put the one running this test (Node 24) first.
  return { ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}` };
}

function runCli(env: NodeJS.ProcessEnv): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const child = spawn(TSX, ['proxy/node.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  PROXY_ALLOWED_REDIRECT_URIS: 'https://abc.chromiumapp.org/',
  PROXY_ALLOWED_ORIGINS: 'chrome-extension://abcdefghijklmnop',
  HOST: '127.0.0.1',
  PORT: '0',
};

describe('npm run proxy (proxy/node.ts)', () => {
  it('exits 1 with a clear message on stderr when WPCOM_CLIENT_SECRET is missing', async () => {
    const cli = runCli({ ...baseEnv(), ...configured });
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(1);
    expect(cli.stderr()).toMatch(/^proxy: configuration is incomplete or wrong:\n {2}WPCOM_CLIENT_SECRET is required/);
    expect(cli.stdout()).toBe('');
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
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});
