// An embed framed by another site, in a browser with JavaScript off: the
// prerendered page says it needs JavaScript, as the calculator pages do.
//
// A file of its own because it starts Chromium differently. Playwright turns
// JavaScript off in each renderer as it attaches to it, and a cross-origin
// frame gets a renderer of its own (site isolation), where the embed's first
// script can run before that happens. Without site isolation the frame shares
// the host's renderer, where JavaScript is off from the first byte.
import { test, expect } from './fixtures.js';
import { launchOptions } from '../chromium.js';

const HOST = 'http://localhost:4174';

test.use({
  waitForApp: false,
  javaScriptEnabled: false,
  launchOptions: {
    ...launchOptions,
    args: [...launchOptions.args, '--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process'],
  },
});

test('the framed embed says it needs JavaScript', async ({ page }) => {
  const snippet = '<iframe src="http://127.0.0.1:4173/embed/calculators/roas" title="ROAS" height="600"></iframe>';
  await page.goto(new URL(`/host?snippet=${encodeURIComponent(snippet)}`, HOST).href);
  const embed = () => page.frames().find((f) => f.url().includes('/embed/calculators/roas'));
  await expect.poll(() => Boolean(embed())).toBe(true);
  const frame = embed();
  await expect(frame.locator('p.noscript')).toHaveText('This calculator computes in your browser: turn on JavaScript to use it.');
  await expect(frame.locator('p.noscript')).toBeVisible();
  // Nothing of the app ran in the frame.
  await expect(frame.locator('html')).not.toHaveAttribute('data-app', /.*/);
});
