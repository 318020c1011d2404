// `cargo xtask bench-cohort` runs this: the cohort page of dist/ in headless
// Chromium, timing a CSV file from selection to the rendered heatmap, and
// checking the page kept answering while it worked. Prints JSON.
//   node bench/cohort-page.mjs <events.csv> <runs>
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const port = 4174;
const server = spawn('node', ['server.mjs'], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 700));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const times = [];
let longestStall = 0;
let summary = '';
try {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/calculators/cohort`);
    await page.getByTestId('cohort-file').waitFor();
    // Timed inside the page, from the file input's change event to the
    // heatmap in the DOM, with the longest gap between animation frames in
    // that span: what the visitor waits and whether the page froze.
    await page.evaluate(() => {
      const input = document.querySelector('[data-testid=cohort-file]');
      input.addEventListener('change', () => {
        window.__t0 = performance.now();
        window.__stall = 0;
        let last = performance.now();
        const tick = (now) => {
          window.__stall = Math.max(window.__stall, now - last);
          last = now;
          if (!window.__t1) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, { capture: true });
      new MutationObserver(() => {
        if (!window.__t1 && document.querySelector('[data-testid=cohort-heatmap]')) window.__t1 = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('cohort-file').setInputFiles(file);
    await page.getByTestId('cohort-heatmap').waitFor({ timeout: 120_000 });
    const { t0, t1, stall } = await page.evaluate(() => ({ t0: window.__t0, t1: window.__t1, stall: window.__stall }));
    times.push((t1 - t0) / 1000);
    longestStall = Math.max(longestStall, stall);
    summary = await page.getByTestId('cohort-summary').innerText();
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(JSON.stringify({ best_seconds: Math.min(...times), seconds: times, longest_frame_gap_ms: longestStall, summary }));
