import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { inlinePageCss } from './scripts/inline-page-css';
import { noEmptyPluginScript } from './scripts/no-empty-plugin-script';
import { popupScriptOrder } from './scripts/popup-script-order';
import {
  assertRelease,
  releaseProblems,
  SOURCES_EXCLUDE,
  SOURCES_INCLUDE,
  STORE_EXCLUDE,
  uncommittedSourceProblems,
} from './scripts/release';
import { browserFamily, browserManifestKeys } from './utils/browser-differences';
import { completeExtensionEnv, hostPermissionsFor, parseExtensionEnv } from './utils/extension-env';

/** WXT's runtime plugins, once its configuration is resolved (unknown before: then none is assumed absent). */
let runtimePlugins = Number.POSITIVE_INFINITY;

export default defineConfig({
  // @wxt-dev/i18n: locales/<lang>.yml become public _locales/<lang>/messages.json, with typed keys for `i18n.t`.
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  imports: false,
  // MV3 for every browser: Firefox too (WXT's default there is MV2), so both builds share one manifest shape.
  manifestVersion: 3,
  // The e2e suite and the sandbox build into their own folders so they never overwrite `npm run build`.
  outDir: process.env.CONNECT_OUT_DIR ?? '.output',
  // The popup's style sheet goes inside popup.html: its first frame waits for no style sheet file.
  vite: () => ({
    // Vite's modulepreload polyfill is for browsers without `<link rel="modulepreload">`; every browser this
    // extension admits has it (Chromium 66, Firefox 115), and the polyfill cost each page a module of its own.
    build: { modulePreload: { polyfill: false } },
    plugins: [
      preact(),
      noEmptyPluginScript(() => runtimePlugins),
      inlinePageCss(['entrypoints/popup/index.html']),
      popupScriptOrder('entrypoints/popup/index.html'),
    ],
  }),
  // `npm run zip` / `zip:firefox`: the store zip plus the sources zip reviewers (Chrome Web Store, AMO)
  // rebuild it from (scripts/release.ts): an allowlist, so the proxy, sandbox, tests and benchmarks stay out.
  zip: {
    zipSources: true,
    includeSources: SOURCES_INCLUDE,
    excludeSources: SOURCES_EXCLUDE,
    exclude: STORE_EXCLUDE,
  },
  hooks: {
    'config:resolved': (wxt) => {
      runtimePlugins = wxt.config.plugins.length;
    },
    // Builds (and the dev server) need the app registration; `wxt prepare` (postinstall) does not.
    'build:before': (wxt) => {
      try {
        parseExtensionEnv(process.env);
      } catch (error) {
        // What to set, and nothing else: thrown, WXT prints the message with a stack trace of its own code.
        wxt.logger.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      }
      if (browserFamily(wxt.config.browser) === 'firefox' && !process.env.WXT_GECKO_ID) {
        wxt.logger.warn(
          "WXT_GECKO_ID is unset: the add-on gets the sandbox's ID. Set your own before publishing (README, Firefox).",
        );
      }
    },
    // A store upload: a production build without the bench's pages; for Chrome no manifest key, for Firefox the
    // publisher's own gecko ID; https only; nothing uncommitted in the sources. Runs after the build, before anything
    // is zipped.
    'zip:start': (wxt) => {
      assertRelease([
        ...releaseProblems(process.env, browserFamily(wxt.config.browser), wxt.config.mode),
        ...uncommittedSourceProblems(wxt.config.root),
      ]);
    },
    // `npm run bench` only (CONNECT_BENCH=1): a blank extension page, the baseline the popup's paint is
    // compared with, and the floor page (one script file painting one heading from the popup's kept frame), the
    // least any page painting stored data can do. They live in bench/, outside entrypoints/, so no other build can
    // ever contain them.
    'entrypoints:found': (wxt, infos) => {
      if (process.env.CONNECT_BENCH !== '1') return;
      const bench = `${wxt.config.root}/bench/browser`;
      infos.push({ name: 'bench-blank', inputPath: `${bench}/blank.html`, type: 'unlisted-page' });
      infos.push({ name: 'bench-floor', inputPath: `${bench}/floor.html`, type: 'unlisted-page' });
      infos.push({ name: 'bench-floor-paint', inputPath: `${bench}/floor-script.ts`, type: 'unlisted-script' });
    },
  },
  manifest: ({ browser }) => {
    const env = completeExtensionEnv(process.env);
    const family = browserFamily(browser);
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      // `offscreen` (Chromium): the service worker has no localStorage, where the popup keeps its first frame; an
      // offscreen document removes a frame that shows an ended connection (utils/snapshot-sweep.ts).
      permissions: family === 'firefox' ? ['identity', 'storage'] : ['identity', 'storage', 'offscreen'],
      ...(env ? { host_permissions: hostPermissionsFor(env, family) } : {}),
      ...(env ? browserManifestKeys(family, { extensionKey: env.WXT_EXTENSION_KEY, geckoId: env.WXT_GECKO_ID }) : {}),
    };
  },
});
