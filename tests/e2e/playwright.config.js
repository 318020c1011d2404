// End-to-end tests against the release build in dist/ (`cargo xtask test`
// builds it first). Debian's Chromium is used: Playwright's own browser
// downloads are not reachable from this machine.
import { defineConfig, devices } from '@playwright/test';

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
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
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
