import { chromium } from 'playwright';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const longTasks = [];
await page.addInitScript(() => {
  window.__lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
});
await page.goto(url);
await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 30000 });
await page.waitForTimeout(1500);
const { profile } = await cdp.send('Profiler.stop');
console.log('long tasks', JSON.stringify(await page.evaluate(() => window.__lt)));
// self time per function
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]);
  const name = n.callFrame.functionName || '(anon ' + n.callFrame.url.slice(-30) + ')';
  self.set(name, (self.get(name) ?? 0) + (dt[i + 1] ?? 0) / 1000);
}
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 40));
for (const [n, t] of top) console.log(t.toFixed(1).padStart(8), n.slice(0, 150));
// inclusive time for quire functions
const children = new Map(profile.nodes.map((n) => [n.id, n.children ?? []]));
const selfById = new Map();
for (let i = 0; i < profile.samples.length; i++) selfById.set(profile.samples[i], (selfById.get(profile.samples[i]) ?? 0) + (dt[i + 1] ?? 0) / 1000);
function total(id) { let t = selfById.get(id) ?? 0; for (const c of children.get(id)) t += total(c); return t; }
const incl = new Map();
for (const n of profile.nodes) {
  const name = n.callFrame.functionName;
  if (/quire::|__component/.test(name)) incl.set(name, (incl.get(name) ?? 0) + total(n.id));
}
console.log('--- inclusive (quire)');
for (const [n, t] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(t.toFixed(1).padStart(8), n.slice(0, 150));
await browser.close();
