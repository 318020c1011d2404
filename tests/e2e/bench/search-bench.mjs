// `cargo xtask bench-search` runs this against the synthetic site it built
// in $DIST_DIR: for each query in $QUERIES, quire's search page and
// Pagefind's JS API, each in a fresh browser context (cold cache), showing
// ten results. Counts the bytes of every request the search makes at their
// brotli size (or as stored, if smaller), and times quire's results once its
// chunks are cached. Prints JSON.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';

const dist = process.env.DIST_DIR;
const queries = JSON.parse(process.env.QUERIES);
const port = 4175;
const base = `http://127.0.0.1:${port}`;
const server = spawn('node', ['server.mjs'], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 700));

const sizes = new Map();
async function sizeOf(url) {
  const path = decodeURIComponent(new URL(url).pathname);
  if (!sizes.has(path)) {
    const bytes = await readFile(join(dist, path));
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    sizes.set(path, Math.min(bytes.length, brotli));
  }
  return sizes.get(path);
}

/// Records the requests `isSearch` picks out while `work` runs, and sums their sizes.
async function measure(page, isSearch, work) {
  const urls = [];
  const listener = (request) => {
    if (isSearch(new URL(request.url()).pathname)) urls.push(request.url());
  };
  page.on('request', listener);
  const results = await work();
  page.off('request', listener);
  let bytes = 0;
  for (const url of urls) bytes += await sizeOf(url);
  return { bytes, requests: urls.length, results };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const quireSearchFile = (path) => path.includes('/search/') || path.includes('search_worker');
const rows = [];
try {
  for (const query of queries) {
    // quire: the app is loaded first (every visitor has it); what counts is
    // what typing the query costs.
    let context = await browser.newContext();
    let page = await context.newPage();
    await page.goto(`${base}/`);
    // Pages start the app on the reader's first reach for a control
    // (assets/start.js): a key press is one; measure once it has started.
    await page.keyboard.press('Shift');
    await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
    await page.getByTestId('search-input').waitFor();
    const status = page.getByTestId('search-status');
    const quire = await measure(page, quireSearchFile, async () => {
      await page.getByTestId('search-input').fill(query);
      await status.filter({ hasText: `“${query}”` }).waitFor({ timeout: 60_000 });
      const text = await status.textContent();
      return text.startsWith('No results') ? 0 : Number(text.split(' ')[0]);
    });
    // Time to results with the chunks cached: the query typed again.
    const times = [];
    for (let run = 0; run < 5; run++) {
      await page.getByTestId('search-input').fill('');
      await page.getByTestId('search-status').filter({ hasText: 'Type in the search box' }).waitFor();
      times.push(
        await page.evaluate(
          (query) =>
            new Promise((resolve) => {
              const input = document.querySelector('[data-testid=search-input]');
              const status = document.querySelector('[data-testid=search-status]');
              const started = performance.now();
              const done = () => status.textContent.includes(`“${query}”`);
              new MutationObserver((_, observer) => {
                if (done()) {
                  observer.disconnect();
                  // The results are in the DOM; wait for them to be painted.
                  requestAnimationFrame(() => resolve(performance.now() - started));
                }
              }).observe(status, { childList: true, subtree: true, characterData: true });
              input.value = query;
              input.dispatchEvent(new Event('input', { bubbles: true }));
            }),
          query,
        ),
      );
    }
    times.sort((a, b) => a - b);
    quire.cachedMs = times[Math.floor(times.length / 2)];
    await context.close();

    // Pagefind: its script, WASM, metadata, index chunks and ten fragments.
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${base}/pagefind-bench.html`);
    const pagefind = await measure(
      page,
      (path) => path.startsWith('/pagefind/'),
      () =>
        page.evaluate(async (query) => {
          const pagefind = await import('/pagefind/pagefind.js');
          const found = await pagefind.search(query);
          await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
          return found.results.length;
        }, query),
    );
    await context.close();
    rows.push({ query, quire, pagefind });
    process.stderr.write(`${query}: quire ${quire.bytes} B, Pagefind ${pagefind.bytes} B\n`);
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(JSON.stringify(rows));
