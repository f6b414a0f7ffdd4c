import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { browserFamily, browserManifestKeys } from './utils/browser-differences';
import { completeExtensionEnv, hostPermissionsFor, parseExtensionEnv } from './utils/extension-env';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // MV3 for every browser: Firefox too (WXT's default there is MV2), so both builds share one manifest shape.
  manifestVersion: 3,
  // The e2e suite and the sandbox build into their own folders so they never overwrite `npm run build`.
  outDir: process.env.CONNECT_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // Builds (and the dev server) need the app registration; `wxt prepare` (postinstall) does not.
    'build:before': (wxt) => {
      parseExtensionEnv(process.env);
      if (browserFamily(wxt.config.browser) === 'firefox' && !process.env.WXT_GECKO_ID) {
        wxt.logger.warn(
          "WXT_GECKO_ID is unset: the add-on gets the sandbox's ID. Set your own before publishing (README, Firefox).",
        );
      }
    },
    // `npm run bench` only (CONNECT_BENCH=1): a blank extension page, the baseline the popup's paint is
    // compared with. It lives in bench/, outside entrypoints/, so no other build can ever contain it.
    'entrypoints:found': (wxt, infos) => {
      if (process.env.CONNECT_BENCH !== '1') return;
      const inputPath = `${wxt.config.root}/bench/browser/blank.html`;
      infos.push({ name: 'bench-blank', inputPath, type: 'unlisted-page' });
    },
  },
  // The sources zip AMO review asks for: what the add-on is built from, not the proxy, sandbox, tests or benchmarks.
  zip: {
    excludeSources: [
      'bench/**',
      'docs/**',
      'proxy/**',
      'sandbox/**',
      'scripts/**',
      'tests/**',
      'utils/testing/**',
      'vitest.config.ts',
      'wrangler.toml',
    ],
  },
  manifest: ({ browser }) => {
    const env = completeExtensionEnv(process.env);
    const family = browserFamily(browser);
    return {
      name: 'WordPress.com Connect',
      description: 'Log in with WordPress.com from the toolbar: your profile, verified status, and API access.',
      permissions: ['identity', 'storage'],
      ...(env ? { host_permissions: hostPermissionsFor(env, family) } : {}),
      ...(env ? browserManifestKeys(family, { extensionKey: env.WXT_EXTENSION_KEY, geckoId: env.WXT_GECKO_ID }) : {}),
    };
  },
});
