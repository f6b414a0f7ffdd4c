import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { completeExtensionEnv, hostPermissionsFor, parseExtensionEnv } from './utils/extension-env';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // The e2e suite and the sandbox build into their own folders so they never overwrite `npm run build`.
  outDir: process.env.CONNECT_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // Builds (and the dev server) need the app registration; `wxt prepare` (postinstall) does not.
    'build:before': () => {
      parseExtensionEnv(process.env);
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
