/**
 * `tsx bench/browser/diagnose-build.ts OUT_DIR`: the extension built as `npm run bench` builds it, but not
 * minified and with every module wrapped in its own init function (Rolldown's `strictExecutionOrder`), so a
 * CPU profile of the worker's top level shows which module's initialisation the time went to. For diagnosis
 * only (the wrapping adds a little work of its own): the figures of the bench come from the real build.
 */
import { build } from 'wxt';
import { SANDBOX_API_CLIENT_ID, SANDBOX_CLIENT_ID } from '../../sandbox/sandbox-config.ts';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: tsx bench/browser/diagnose-build.ts OUT_DIR');
Object.assign(process.env, {
  WXT_WPCOM_CLIENT_ID: SANDBOX_CLIENT_ID,
  WXT_WPCOM_API_CLIENT_ID: SANDBOX_API_CLIENT_ID,
  WXT_WPCOM_OAUTH_URL: 'http://127.0.0.1:9/oauth2',
  WXT_WPCOM_API_URL: 'http://127.0.0.1:9/rest',
  WXT_GRAVATAR_API_URL: 'http://127.0.0.1:9/gravatar/v3',
  WXT_TOKEN_PROXY_URL: 'http://127.0.0.1:9/token',
});
await build({
  outDir,
  filterEntrypoints: ['background'],
  vite: () => ({ build: { minify: false, rollupOptions: { output: { strictExecutionOrder: true } } } }),
});
