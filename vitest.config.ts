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
          // The extension's English messages behind `browser.i18n.getMessage` (fakeBrowser has no i18n).
          setupFiles: ['utils/testing/fake-i18n-setup.ts'],
          include: ['{utils,components,entrypoints,proxy,sandbox,scripts}/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 15_000,
          // `expect.poll`'s default is 1 s: too short for a shared 2-core machine busy with the other suites' servers.
          expect: { poll: { timeout: 5_000 } },
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
          expect: { poll: { timeout: 15_000 } },
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
          // A browser, the proxy and the emulator share 2 cores: a poll waits as long as the Firefox suite's WAIT_MS.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        // `npm run screenshots` only: the README's and the stores' pictures, from the same real set-up as e2e.
        test: {
          name: 'screenshots',
          include: ['tests/screenshots/**/*.test.ts'],
          globalSetup: ['tests/screenshots/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A browser, the proxy and the emulator share 2 cores: a poll waits as long as the Firefox suite's WAIT_MS.
          expect: { poll: { timeout: 15_000 } },
          // Dates, times and words as in the committed pictures, whatever the machine's settings.
          env: { TZ: 'UTC', LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' },
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
          // A browser, the proxy and the emulator share 2 cores: a poll waits as long as the Firefox suite's WAIT_MS.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
