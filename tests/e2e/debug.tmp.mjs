import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
page.on('console', m => console.log('console', m.type(), m.text()));
page.on('pageerror', e => console.log('pageerror', e.message));
await page.goto('http://127.0.0.1:4173/posts');
await page.getByTestId('post-card').nth(10).scrollIntoViewIfNeeded();
await page.waitForTimeout(300);
console.log('left at', await page.evaluate(() => window.scrollY));
await page.getByTestId('post-card').nth(10).getByRole('heading').getByRole('link').click();
await page.waitForTimeout(800);
console.log('on post', page.url(), await page.evaluate(() => window.scrollY));
console.log('restoration', await page.evaluate(() => history.scrollRestoration)); await page.goBack();
for (let i = 0; i < 10; i++) { await page.waitForTimeout(100); console.log(page.url(), await page.evaluate(() => window.scrollY + ' ' + document.activeElement.tagName)); }
await browser.close();
