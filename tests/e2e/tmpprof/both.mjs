import { chromium } from 'playwright';
const url = process.argv[2];
const filter = new RegExp(process.argv[3] ?? 'quire::|__component|leptos|tachys|reactive_graph');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel', transferMode: 'ReportEvents' });
await cdp.send('Profiler.start');
await page.goto(url);
await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 30000 });
await page.waitForTimeout(1500);
const { profile } = await cdp.send('Profiler.stop');
await cdp.send('Tracing.end');
await done;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.dur > 50000).sort((a, b) => a.ts - b.ts);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
let t = profile.startTime;
const samples = profile.samples.map((s, i) => { t += profile.timeDeltas[i]; return [t, s]; });
for (const task of tasks) {
  const inTask = samples.filter(([ts]) => ts >= task.ts && ts <= task.ts + task.dur);
  const incl = new Map();
  const step = task.dur / 1000 / Math.max(inTask.length, 1);
  for (const [, id] of inTask) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      let name = byId.get(n).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '');
      if (!filter.test(name) || seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + step);
    }
  }
  console.log(`task ${((task.ts - tasks[0].ts) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(1)} ms, ${inTask.length} samples`);
  for (const [n, d] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 25))) console.log('   ', d.toFixed(1).padStart(7), n.slice(0, 140));
}
await browser.close();
