// Shared fixtures: every test fails if the page throws, logs an error it did
// not expect or breaks the Content-Security-Policy, and tests can read the real post index the build produced.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  // Messages a test expects (e.g. a failed request it forced); matched as substrings.
  allowedErrors: [[], { option: true }],
  // Pages are prerendered: the content is there before the app runs. Unless
  // a test is about the page without (or before) the app, navigation waits
  // until the app has taken over (`<html data-app="ready">`, src/main.rs).
  // Most pages start the app on the reader's first reach for a control
  // (assets/start.js); a key press is one, so the fixture presses Shift.
  waitForApp: [true, { option: true }],
  page: async ({ page, allowedErrors, waitForApp }, use) => {
    const errors = [];
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    // The server sends the site's Content-Security-Policy (dist/_headers):
    // anything it blocks is reported as an error too.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
      );
    });
    if (waitForApp) {
      for (const method of ['goto', 'reload', 'goBack', 'goForward']) {
        const original = page[method].bind(page);
        page[method] = async (...args) => {
          const response = await original(...args);
          if ((await page.locator('html[data-app="ready"]').count()) === 0) {
            await page.keyboard.press('Shift');
          }
          await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
          return response;
        };
      }
    }
    await use(page);
    const unexpected = errors.filter((e) => !allowedErrors.some((allowed) => e.includes(allowed)));
    expect(unexpected, 'errors in the browser console').toEqual([]);
  },
  postIndex: async ({ request }, use) => {
    const response = await request.get('/content/index.json');
    expect(response.ok()).toBeTruthy();
    const index = await response.json();
    expect(index.latest.length).toBeGreaterThan(0);
    await use(index);
  },
});

/** The page's cumulative layout shift so far (shifts after input excluded). */
export async function layoutShift(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 100);
      }),
  );
}

/**
 * The page's layout shifts so far (shifts after input excluded), each with
 * its time and what moved, so a failing assertion names the culprit.
 */
export async function layoutShifts(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const name = (node) =>
          !node ? '(removed)' : node.nodeType !== 1 ? `${node.nodeName} in ${name(node.parentElement)}` :
          `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${[...node.classList].map((c) => `.${c}`).join('')}`;
        const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
        const shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.hadRecentInput) continue;
            shifts.push({
              value: entry.value,
              at: Math.round(entry.startTime),
              moved: entry.sources.map((s) => `${name(s.node)}: ${rect(s.previousRect)} → ${rect(s.currentRect)}`),
            });
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(shifts), 100);
      }),
  );
}

/** Holds the WASM whose path matches `wasm` back until the returned function is called. */
export async function holdApp(page, wasm) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(wasm, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** A route's path (a routes.json entry), as quire_model::route::Route::path builds it. */
export function routePath(route) {
  const paged = (base, page) => (page > 1 ? `${base}/page/${page}` : base);
  switch (route.kind) {
    case 'home': return '/';
    case 'archive': return paged('/posts', route.page);
    case 'post': return `/posts/${route.slug}`;
    case 'topics': return '/topics';
    case 'topic': return paged(`/topics/${route.slug}`, route.page);
    case 'tag': return paged(`/tags/${route.tag}`, route.page);
    case 'search': return '/search';
    case 'calculators': return '/calculators';
    case 'calculator': return `/calculators/${route.slug}`;
    case 'embedded_calculator': return `/embed/calculators/${route.slug}`;
    case 'page': return `/${route.slug}`;
    default: throw new Error(`unknown route kind ${route.kind}`);
  }
}

export { expect };

/**
 * Serves the HTML of the page at `pathname` without its embedded site index,
 * as a page built before the index was embedded would be: the app then
 * fetches the index when it starts (a test can make that fetch fail).
 */
export async function withoutEmbeddedIndex(page, pathname) {
  await page.route((url) => url.pathname === pathname, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      /<script type="application\/json" data-bundle="\/content\/index\.json">[\s\S]*?<\/script>/,
      '',
    );
    expect(html).not.toContain('data-bundle="/content/index.json"');
    return route.fulfill({ response, body: html });
  });
}
