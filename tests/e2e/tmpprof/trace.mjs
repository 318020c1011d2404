import { chromium } from 'playwright';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,blink,disabled-by-default-devtools.timeline,toplevel', transferMode: 'ReportEvents' });
await page.goto(url);
await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 30000 });
await page.waitForTimeout(1500);
await cdp.send('Tracing.end');
await done;
// main thread: the renderer's CrRendererMain
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const pid = main.pid, tid = main.tid;
const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur);
const tasks = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').filter((e) => e.dur > 50000 / 1);
for (const t of tasks.sort((a, b) => a.ts - b.ts)) {
  console.log(`task at ${((t.ts - tasks[0].ts) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(1)} ms`);
  const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 3000);
  const agg = new Map();
  for (const e of inside) agg.set(e.name, (agg.get(e.name) ?? 0) + e.dur / 1000);
  for (const [n, d] of [...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log('   ', d.toFixed(1).padStart(7), n);
}
await browser.close();
