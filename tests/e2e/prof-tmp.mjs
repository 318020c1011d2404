import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
const port = 4178;
const server = spawn('node', ['server.mjs'], { env: { ...process.env, PORT: String(port), DIST_DIR: '/tmp/ndist' }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 700));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const which = process.argv[2] ?? 'cohort';
const specs = {
  cohort: ['/calculators/cohort', [['[data-testid=manual-0-0]', '1000'], ['[data-testid=manual-0-1]', '600'], ['[data-testid=manual-1-0]', '800']]],
  roas: ['/calculators/roas?revenue=12000&spend=3000&margin=40&target_margin=10&channel=Search%7C1000%7C4000&channel=Social%7C3000%7C6000', [['#field-spend', '6000'], ['#field-margin', '35']]],
  ltv: ['/calculators/ltv?arpa=100&margin=75&churn=5&discount=12&cac=500&expansion=1', [['#field-churn', '4'], ['#field-arpa', '120']]],
};
const [path, typing] = specs[which];
const page = await browser.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.error(m.text()); });
await page.goto(`http://127.0.0.1:${port}${path}`);
await page.keyboard.press('Shift');
await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
if (which === 'cohort') await page.getByTestId('cohort-manual-mode').check();
await page.waitForTimeout(500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
for (const [sel, text] of typing) {
  await page.locator(sel).click();
  await page.keyboard.press('ControlOrMeta+A');
  for (const key of text) { await page.keyboard.press(key); await page.waitForTimeout(200); }
}
const { profile } = await cdp.send('Profiler.stop');
writeFileSync(`/tmp/tr/${which}.cpuprofile`, JSON.stringify(profile));
await browser.close(); server.kill();
