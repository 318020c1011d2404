// `cargo xtask bench-inp` runs this: each calculator of dist/ in headless
// Chromium with the CPU slowed 4×, a visitor clicking into its fields and
// typing one key at a time, and every interaction's interaction-to-next-
// paint read from the Event Timing API (clicks into a field and select-all
// count too). Each visit's INP is Chromium's (its slowest interaction, or
// the 98th percentile from 50 on); a page's INP over several visits is the
// 75th percentile of them, as Core Web Vitals assess it. A page of plain
// HTML with two inputs and no script is typed into the same way first:
// what this machine's rendering alone costs. Prints JSON, one entry per page.
//   node bench/inp.mjs <visits>    (ONLY=<name's start> for one page; INP_DEBUG=1 for each interaction)
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const runs = Number(process.argv[2] ?? 3);
const port = 4176;
const server = spawn('node', ['server.mjs'], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 700));

// What is typed where, and a result that must show the last keystroke's
// value (so a fast number is not one that skipped the work).
const PAGES = [
  {
    name: 'ROAS',
    path: '/calculators/roas?revenue=12000&spend=3000&margin=40&target_margin=10&channel=Search%7C1000%7C4000&channel=Social%7C3000%7C6000',
    typing: [['#field-spend', '6000'], ['#field-margin', '35']],
    check: ['result-roas', '2.00× (200.0%)'],
  },
  {
    name: 'CAC',
    path: '/calculators/cac?marketing=30000&sales=18000&customers=40&arpa=150&margin=80&channel=Search%7C5000%7C50',
    typing: [['#field-customers', '48'], ['#field-arpa', '120']],
    check: ['result-cac', '$1,000.00'],
  },
  {
    name: 'LTV',
    path: '/calculators/ltv?arpa=100&margin=75&churn=5&discount=12&cac=500&expansion=1',
    typing: [['#field-churn', '4'], ['#field-arpa', '120']],
    check: ['result-ltv', '$2,250.00'],
  },
  {
    name: 'cohort (typed counts)',
    path: '/calculators/cohort',
    before: async (page) => page.getByTestId('cohort-manual-mode').check(),
    typing: [['[data-testid=manual-0-0]', '1000'], ['[data-testid=manual-0-1]', '600'], ['[data-testid=manual-1-0]', '800']],
    check: ['cohort-cell-0-1', '60.0%'],
  },
];

// The floor: the same typing into a page with no script and no work to do.
const FLOOR = {
  name: 'no script (floor)',
  html: `<!doctype html><html lang="en"><title>floor</title><form>
    <label for="field-spend">Ad spend</label> <input id="field-spend" value="3000">
    <label for="field-margin">Gross margin</label> <input id="field-margin" value="40">
    </form><p data-testid="result-roas">2.00× (200.0%)</p><script></script></html>`,
  typing: PAGES[0].typing,
  check: ['result-roas', '2.00× (200.0%)'],
};

/** The value below which `share` of the sorted `values` fall (nearest rank). */
const percentile = (values, share) => values[Math.max(0, Math.ceil(values.length * share) - 1)];
/** A visit's INP as Chromium reports it: its slowest interaction, or the 98th percentile from 50 on. */
const visitInp = (durations) => {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted.length >= 50 ? sorted[Math.floor(sorted.length * 0.98)] : sorted[sorted.length - 1];
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const report = [];
try {
  for (const spec of [FLOOR, ...PAGES].filter((p) => !process.env.ONLY || p.name.startsWith(process.env.ONLY))) {
    const visits = [];
    const interactions = [];
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage();
      if (spec.html) {
        await page.setContent(spec.html);
      } else {
        await page.goto(`http://127.0.0.1:${port}${spec.path}`);
        // The app starts on the reader's first reach for a control.
        await page.keyboard.press('Shift');
        await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
        // Start-up ends once the app's page is swapped in and drawn whole
        // (`data-drawn`, a frame after the swap) and one more frame is out:
        // those frames are start-up, which Lighthouse's TBT measures.
        await page.waitForSelector('html[data-drawn]', { state: 'attached' });
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      }
      if (spec.before) await spec.before(page);
      await page.evaluate(() => {
        window.__interactions = new Map();
        // From here on: the Shift that started the app is start-up, not typing.
        const since = performance.now();
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (!entry.interactionId || entry.startTime < since) continue;
            const worst = window.__interactions.get(entry.interactionId) ?? { duration: 0 };
            if (entry.duration > worst.duration) {
              // Where the time went: waiting for the main thread, the
              // handlers, and drawing the next frame.
              window.__interactions.set(entry.interactionId, {
                duration: entry.duration,
                kind: entry.name,
                delay: Math.round(entry.processingStart - entry.startTime),
                handlers: Math.round(entry.processingEnd - entry.processingStart),
                paint: Math.round(entry.startTime + entry.duration - entry.processingEnd),
              });
            }
          }
        }).observe({ type: 'event', durationThreshold: 16, buffered: true });
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      let keys = 0;
      for (const [selector, text] of spec.typing) {
        // A plain click where the field is, as a visitor's: a locator's
        // click also runs Playwright's hit-target checks in the page, on
        // the main thread being measured.
        const field = page.locator(selector);
        await field.scrollIntoViewIfNeeded();
        const box = await field.boundingBox();
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.keyboard.press('ControlOrMeta+A');
        for (const key of text) {
          await page.keyboard.press(key);
          keys += 1;
          // A visitor types about five keys a second.
          await page.waitForTimeout(200);
        }
      }
      const [testid, expected] = spec.check;
      const shown = (await page.getByTestId(testid).innerText()).trim();
      if (shown !== expected) throw new Error(`${spec.name}: ${testid} shows ${shown}, expected ${expected}`);
      // Entries are delivered after the next frame: give them one.
      await page.waitForTimeout(500);
      const found = await page.evaluate(() => [...window.__interactions.values()]);
      // Interactions under 16 ms are not reported; they count as 16.
      const all = [...found.map((i) => i.duration), ...Array(Math.max(0, keys - found.length)).fill(16)];
      const pressed = found.filter((i) => i.kind.startsWith('key')).map((i) => i.duration);
      visits.push({ inp: visitInp(all), keys: pressed.length ? Math.max(...pressed) : 16 });
      interactions.push(...all);
      if (process.env.INP_DEBUG) console.error(spec.name, run, JSON.stringify(found));
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.close();
    }
    const inps = visits.map((v) => v.inp).sort((a, b) => a - b);
    const keyInps = visits.map((v) => v.keys).sort((a, b) => a - b);
    interactions.sort((a, b) => a - b);
    report.push({
      name: spec.name,
      floor: Boolean(spec.html),
      visits: visits.length,
      interactions: interactions.length,
      // Over visits: the 75th percentile of each visit's INP, and the worst.
      inp_ms: percentile(inps, 0.75),
      worst_visit_inp_ms: inps[inps.length - 1],
      visit_inp_ms: inps,
      // Key presses alone: the 75th percentile of each visit's slowest, and the slowest.
      keystroke_inp_ms: percentile(keyInps, 0.75),
      worst_keystroke_ms: keyInps[keyInps.length - 1],
      median_ms: percentile(interactions, 0.5),
    });
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(JSON.stringify(report));
