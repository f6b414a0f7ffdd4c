/**
 * What the browser bench runs against: the emulator and the token proxy, each in its own child process on
 * 127.0.0.1 (bench/targets, as `npm run bench:proxy` starts them: the proxy bundled and on plain Node, as
 * `npm run proxy` runs it), and the extension built against them into .output/bench-browser with the
 * bench-only blank page (CONNECT_BENCH=1).
 */
import path from 'node:path';
import { buildExtension } from '../../sandbox/build-extension.ts';
import { type EmulatorControl, emulatorControl } from '../../sandbox/emulator/control-client.ts';
import { bundleForNode } from '../../scripts/bundle-node.ts';
import { startTarget, type TargetProcess } from '../lib/children.ts';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const OUT_BASE = '.output/bench-browser';

export interface BenchServices {
  emulator: TargetProcess;
  proxy: TargetProcess;
  control: EmulatorControl;
  urls: { emulator: string; oauth: string; api: string; gravatar: string; proxyToken: string };
  stop(): Promise<void>;
}

export async function startServices(): Promise<BenchServices> {
  const proxyBundle = await bundleForNode(
    path.join(ROOT, 'bench/targets/proxy.ts'),
    path.join(ROOT, OUT_BASE, 'proxy.mjs'),
  );
  const emulator = await startTarget('emulator', 'emulator.ts');
  let proxy: TargetProcess;
  try {
    // A real proxy with its per-IP limit off: every sign-in of the bench comes from the same address.
    proxy = await startTarget('proxy', proxyBundle, {
      args: ['--token-url', `${emulator.url}/oauth2/token`, '--log', 'noop', '--rate-limit', '0'],
      // Started as `npm run proxy` starts it, with its memory settings.
      launcher: path.join(ROOT, 'proxy', 'run-node.sh'),
    });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return {
    emulator,
    proxy,
    control: emulatorControl(emulator.url),
    urls: {
      emulator: emulator.url,
      oauth: `${emulator.url}/oauth2`,
      api: `${emulator.url}/rest`,
      gravatar: `${emulator.url}/gravatar/v3`,
      proxyToken: `${proxy.url}/token`,
    },
    async stop() {
      await Promise.allSettled([proxy.stop(), emulator.stop()]);
    },
  };
}

/** `wxt build` against the services, with the blank page; returns the unpacked extension's folder. */
export async function buildBenchExtension(services: BenchServices): Promise<string> {
  const previous = process.env.CONNECT_BENCH;
  process.env.CONNECT_BENCH = '1';
  try {
    return await buildExtension(
      {
        oauthUrl: services.urls.oauth,
        apiUrl: services.urls.api,
        gravatarUrl: services.urls.gravatar,
        proxyTokenUrl: services.urls.proxyToken,
      },
      OUT_BASE,
    );
  } finally {
    if (previous === undefined) delete process.env.CONNECT_BENCH;
    else process.env.CONNECT_BENCH = previous;
  }
}
