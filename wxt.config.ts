import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { inlinePageCss } from './scripts/inline-page-css';
import { completeExtensionEnv, hostPermissionsFor, parseExtensionEnv } from './utils/extension-env';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // The e2e suite and the sandbox build into their own folders so they never overwrite `npm run build`.
  outDir: process.env.CONNECT_OUT_DIR ?? '.output',
  // The popup's style sheet goes inside popup.html: its first frame waits for no style sheet file.
  vite: () => ({ plugins: [preact(), inlinePageCss(['entrypoints/popup/index.html'])] }),
  hooks: {
    // Builds (and the dev server) need the app registration; `wxt prepare` (postinstall) does not.
    'build:before': () => {
      parseExtensionEnv(process.env);
    },
    // `npm run bench` only (CONNECT_BENCH=1): a blank extension page, the baseline the popup's paint is
    // compared with. It lives in bench/, outside entrypoints/, so no other build can ever contain it.
    'entrypoints:found': (wxt, infos) => {
      if (process.env.CONNECT_BENCH !== '1') return;
      const inputPath = `${wxt.config.root}/bench/browser/blank.html`;
      infos.push({ name: 'bench-blank', inputPath, type: 'unlisted-page' });
    },
  },
  manifest: () => {
    const env = completeExtensionEnv(process.env);
    return {
      name: 'WordPress.com Connect',
      description: 'Log in with WordPress.com from the toolbar: your profile, verified status, and API access.',
      permissions: ['identity', 'storage'],
      ...(env ? { host_permissions: hostPermissionsFor(env) } : {}),
      ...(env?.WXT_EXTENSION_KEY ? { key: env.WXT_EXTENSION_KEY } : {}),
    };
  },
});
