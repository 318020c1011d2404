import { chromium } from 'playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
page.on('console', (m) => console.log(Math.round(performance.now()), m.text()));
await page.goto(process.argv[2]);
await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
await page.waitForTimeout(500);
await browser.close();
