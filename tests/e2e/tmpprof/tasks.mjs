// Long tasks (>50 ms) on the main thread while a page starts, CPU slowed 4x; the sum of their excess (TBT-like, from first paint).
import { chromium } from 'playwright';
const [url, runs = 3] = [process.argv[2], Number(process.argv[3] ?? 3)];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (let r = 0; r < runs; r++) {
  const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__lt = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 30000 });
  await page.waitForTimeout(1500);
  const { lt, fcp, ready } = await page.evaluate(() => ({ lt: window.__lt, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0 }));
  const after = lt.filter(([s]) => s >= fcp);
  const tbt = after.reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
  console.log(`run ${r + 1}: fcp ${Math.round(fcp)} tbt ${tbt} tasks ${JSON.stringify(after)}`);
  await page.close();
}
await browser.close();
