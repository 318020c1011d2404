// End-to-end tests against the release build in dist/ (`cargo xtask test`
// builds it first), in Debian's Chromium (chromium.js).
import { defineConfig, devices } from '@playwright/test';
import { launchOptions } from './chromium.js';

const port = 4173;

export default defineConfig({
  testDir: './specs',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 20_000,
  reporter: [['list'], ['json', { outputFile: '.results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] } },
    { name: 'phone', use: { ...devices['Pixel 7'] } },
  ],
  webServer: [
    {
      command: `node server.mjs`,
      env: { PORT: String(port) },
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    // Other sites that frame the calculators (specs/embeds.spec.js): 4174
    // may (QUIRE_EMBED_ORIGINS in xtask/src/test.rs), 4175 may not.
    {
      command: `node host-server.mjs`,
      env: { PORTS: '4174,4175' },
      url: 'http://localhost:4174/',
      reuseExistingServer: false,
      stdout: 'ignore',
    },
  ],
});
