import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // Units: extension modules against WXT's fakeBrowser, proxy and emulator over real loopback HTTP.
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['{utils,components,entrypoints,proxy,sandbox}/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 15_000,
        },
      },
      {
        // One contract, two runtimes: the proxy on Node and in workerd (wrangler's test harness), against the emulator.
        test: {
          name: 'contract',
          include: ['tests/proxy-contract/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real Chromium, real identity.launchWebAuthFlow, real proxy and emulator.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Real Firefox ESR (puppeteer-core over WebDriver BiDi), real identity.launchWebAuthFlow, real proxy and emulator.
        test: {
          name: 'e2e-firefox',
          include: ['tests/e2e-firefox/**/*.test.ts'],
          globalSetup: ['tests/e2e-firefox/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
