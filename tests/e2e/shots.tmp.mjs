import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const pages = process.argv.slice(2);
for (const [name, w, h] of [['desktop', 1280, 900], ['phone', 390, 844]]) {
  for (const scheme of ['light', 'dark']) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    page.on('console', m => { if (m.type() === 'error') console.log('console error', m.text()); });
    page.on('pageerror', e => console.log('pageerror', e.message));
    for (const path of pages) {
      await page.goto('http://127.0.0.1:4173' + path);
      await page.waitForSelector('main h1');
      await page.waitForTimeout(300);
      const file = `/tmp/shots/${path.replace(/\//g, '_') || 'home'}-${name}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
      console.log(file);
    }
    await ctx.close();
  }
}
await browser.close();
