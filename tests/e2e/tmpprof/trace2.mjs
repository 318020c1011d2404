import { chromium } from 'playwright';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (let r = 0; r < Number(process.argv[3] ?? 1); r++) {
const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,blink,toplevel,loading', transferMode: 'ReportEvents' });
await page.goto(url);
await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 30000 });
await page.waitForTimeout(1500);
await cdp.send('Tracing.end');
await done;
const main = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const fcpEv = events.find((e) => e.name === 'firstContentfulPaint');
for (const m of main) {
  const mine = events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.dur);
  const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur > 50000).sort((a, b) => a.ts - b.ts);
  if (!tasks.length) continue;
  const t0 = fcpEv ? fcpEv.ts : tasks[0].ts;
  for (const t of tasks) {
    const inside = mine.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const sum = (re) => inside.filter((e) => re.test(e.name)).reduce((a, e) => a + e.dur, 0) / 1000;
    if (t.dur > 200000) { const agg = new Map(); for (const e of inside) if (/wasm|v8\.|FunctionCall|TimerFire|RunMicrotasks|EvaluateScript/.test(e.name)) agg.set(e.name, (agg.get(e.name) ?? [0,0])); for (const e of inside) if (agg.has(e.name)) { const v = agg.get(e.name); v[0] += e.dur/1000; v[1]++; } console.log([...agg.entries()].sort((a,b)=>b[1][0]-a[1][0]).slice(0,15).map(([n,[d,c]])=>`   ${d.toFixed(0)} ms x${c} ${n}`).join('\n')); }
    // top-level (non-nested) sums are approximations: take max of nested names
    console.log(`${((t.ts - t0) / 1000).toFixed(0).padStart(6)} ms after FCP: ${(t.dur / 1000).toFixed(0).padStart(4)} ms | FunctionCall ${sum(/^FunctionCall$/).toFixed(0)} | Layout ${sum(/^Layout$/).toFixed(0)} | UpdateLayoutTree ${sum(/^UpdateLayoutTree$/).toFixed(0)} | Paint ${sum(/^Paint$/).toFixed(0)} | GC ${sum(/^(MinorGC|MajorGC)$/).toFixed(0)} | wasm ${sum(/wasm\.(CompileLazy|SyncInstantiate|FinishStreaming)/).toFixed(0)} | ParseHTML ${sum(/^ParseHTML$/).toFixed(0)}`);
  }
}
await page.close();
}
await browser.close();
