import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const page = await ctx.newPage();
for (const path of ['/', '/posts/postgres-on-one-server-field-guide']) {
await page.goto('http://127.0.0.1:4173' + path);
await page.locator('main h1').waitFor();
await page.waitForTimeout(500);
console.log(path, JSON.stringify(await page.evaluate(() => new Promise((resolve) => {
  const out = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) out.push({ v: e.value.toFixed(3), t: Math.round(e.startTime), s: e.sources.map(s => (s.node ? (s.node.className || s.node.nodeName) : '?') + ' ' + JSON.stringify(s.previousRect) + '->' + JSON.stringify(s.currentRect)) });
  }).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(out), 100);
})), null, 1));
}
await browser.close();
