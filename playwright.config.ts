import { defineConfig } from '@playwright/test';

/**
 * `chromium`: the built renderer in Debian's Chromium, served by the test host (test/host) with the real
 * app core behind it. `electron`: the packaged-layout app itself, where an Electron binary is installed.
 * Both need `npm run build` first.
 */
export default defineConfig({
  outputDir: 'test-results/artifacts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'test/browser',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1100, height: 760 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
      timeout: 60_000,
    },
  ],
});
