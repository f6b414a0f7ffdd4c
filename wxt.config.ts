import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { hostPermissionsFor, parseExtensionEnv } from './utils/extension-env';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // The e2e suite and the sandbox build into their own folders so they never overwrite `npm run build`.
  outDir: process.env.CONNECT_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ command }) => {
    // `wxt prepare` (postinstall) and unit tests need no app registration; builds do.
    if (command !== 'build') return { name: 'WordPress.com Connect', permissions: ['identity', 'storage'] };
    const env = parseExtensionEnv(process.env);
    return {
      name: 'WordPress.com Connect',
      description: 'Log in with WordPress.com from the toolbar: your profile, verified status, and API access.',
      permissions: ['identity', 'storage'],
      host_permissions: hostPermissionsFor(env),
      ...(env.WXT_EXTENSION_KEY ? { key: env.WXT_EXTENSION_KEY } : {}),
    };
  },
});
