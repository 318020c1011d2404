// Every route is prerendered by the app's own components (src/prerender.rs):
// readable with JavaScript off, with plain links between pages; with it on,
// the app starts when the page needs it (assets/start.js), hydrates the
// page (or, for a calculator page or a page drawn for another address,
// replaces it) without errors or shifting anything, and navigates on the
// client from then on.
import { test, expect, holdApp, layoutShift, layoutShifts } from './fixtures.js';

const featured = 'postgres-on-one-server-field-guide';

// Route type → a path and a text only the content (not the chrome) has.
const routes = [
  ['landing', '/', 'main .post-card'],
  ['topic index', '/topics', 'main a[href="/topics/postgresql"]'],
  ['topic', '/topics/postgresql', 'main .post-card'],
  ['tag', '/tags/postgres', 'main .post-card'],
  ['archive', '/posts', 'main .post-card'],
  ['post', `/posts/${featured}`, 'main .prose table'],
  ['page', '/work', 'main .prose'],
  ['calculators', '/calculators', 'main a[href="/calculators/roas"]'],
  ['calculator', '/calculators/roas', 'main input#field-revenue'],
  ['cohort', '/calculators/cohort', '[data-testid="cohort-csv"]'],
  ['embedded calculator', '/embed/calculators/roas', 'main input#field-revenue'],
];
// The calculator pages' app draws its pages again and swaps them in
// (src/boot.rs, `Takeover::Redraw`) rather than adopting them.
const redrawn = new Set(['calculators', 'calculator', 'cohort', 'embedded calculator']);
// Either app's WASM.
const anyApp = /quire(_calculators)?-[0-9a-f]+_bg\.wasm$/;

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false, waitForApp: false });

  for (const [name, path, content] of routes) {
    test(`the ${name} shows its content`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response.status()).toBe(200);
      await expect(page.locator('main h1')).toBeVisible();
      await expect(page.locator(content).first()).toBeVisible();
      // No placeholders: what is prerendered is the finished page.
      await expect(page.getByTestId('loading')).toHaveCount(0);
    });
  }

  test.describe('not found', () => {
    // The document's own 404 is logged by the browser.
    test.use({ allowedErrors: ['404'] });
    test('an unknown path shows the not-found page, with status 404', async ({ page }) => {
      const response = await page.goto('/posts/no-such-post');
      expect(response.status()).toBe(404);
      await expect(page.locator('main h1')).toHaveText(/not found/i);
    });
  });

  test('a calculator says it needs JavaScript', async ({ page }) => {
    await page.goto('/calculators/roas');
    await expect(page.locator('main .noscript')).toContainText('turn on JavaScript');
  });

  test('links work as plain links: landing → topic → post', async ({ page }) => {
    await page.goto('/');
    await page.locator('main a[href="/topics/postgresql"]').first().click();
    await expect(page).toHaveURL(/\/topics\/postgresql$/);
    await page.locator(`main a[href="/posts/${featured}"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`/posts/${featured}$`));
    await expect(page.locator('main h1')).toHaveText('A field guide to running PostgreSQL on one server');
  });
});

test.describe('with JavaScript on, the app takes over the page it was loaded with', () => {
  // The app's WASM is held back until the test has marked the prerendered
  // page, so the test can tell whether the app adopted those elements.
  test.use({ waitForApp: false });

  test('every route type: adopted or redrawn, no refetch, no errors, no shift', async ({ page }) => {
    // Eleven routes, each loaded, held, hydrated and measured: the 20 s budget
    // is for one page, and a loaded machine needs about 2.5 s a route.
    test.setTimeout(90_000);
    const bundleRequests = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/content/')) bundleRequests.push(request.url());
    });
    for (const [name, path, content] of routes) {
      const release = await holdApp(page, anyApp);
      await page.goto(path);
      await page.locator('main h1').evaluate((h1) => (h1.dataset.probe = 'prerendered'));
      await page.locator(content).first().evaluate((el) => (el.dataset.probe = 'prerendered'));
      bundleRequests.length = 0;
      release();
      // Search starts the app at once; other pages on the reader's first reach.
      await page.keyboard.press('Shift');
      await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
      await page.unroute(anyApp);
      if (redrawn.has(name)) {
        // Drawn again and swapped in: none of the prerendered elements stay.
        await expect(page.locator('#prerendered'), name).toHaveCount(0);
        await expect(page.locator('main h1[data-probe]'), name).toHaveCount(0);
        await expect(page.locator(content).first(), name).toBeVisible();
      } else {
        // Hydrated: the prerendered elements are the app's, not replaced.
        await expect(page.locator('#prerendered'), name).toHaveCount(1);
        await expect(page.locator('main h1[data-probe]'), name).toHaveCount(1);
        await expect(page.locator(content).first(), name).toHaveAttribute('data-probe', 'prerendered');
      }
      await expect(page.locator('main h1'), name).toHaveCount(1);
      // The page's bundles came with it.
      expect(bundleRequests, `bundles fetched while the app took over the ${name}`).toEqual([]);
      const shifts = await layoutShifts(page);
      const shift = shifts.reduce((sum, entry) => sum + entry.value, 0);
      expect(shift, `layout shifts on the ${name}: ${JSON.stringify(shifts)}`).toBeLessThan(0.01);
    }
  });

  test('a calculator answers input once its app has taken over', async ({ page }) => {
    await page.goto('/calculators/roas');
    await page.keyboard.press('Shift');
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await page.getByRole('textbox', { name: 'Revenue from ads' }).fill('1000');
    await page.getByRole('textbox', { name: 'Ad spend' }).fill('250');
    await page.getByRole('textbox', { name: 'Gross margin' }).fill('50');
    await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
    await expect(page).toHaveURL(/revenue=1000/);
  });
});

test.describe('arriving over a slow network', () => {
  // A browser paints what it has parsed while a page's HTML still arrives.
  // Served in 512-byte pieces (`x-trickle`, server.mjs), every part of a
  // page must land where it stays, whatever has not arrived yet: a grid
  // that stretched its first card, or a header packed against its right
  // edge, moved what was painted when the rest came (CI, 2026-12-03).
  test.use({ waitForApp: false });
  for (const [name, path] of [...routes, ['search', '/search?q=postgres']]) {
    test(`the ${name} moves nothing while it arrives`, async ({ page }) => {
      await page.setExtraHTTPHeaders({ 'x-trickle': '512' });
      await page.goto(path);
      expect(await layoutShifts(page)).toEqual([]);
    });
  }
});

test.describe('the app starts when the page needs it', () => {
  test.use({ waitForApp: false });
  const post = `/posts/${featured}`;
  const app = /\/quire-[0-9a-f]+(_bg\.wasm|\.js)$/;

  /** Requests for the app's glue and WASM from now on. */
  function appRequests(page) {
    const seen = [];
    page.on('request', (request) => {
      if (app.test(new URL(request.url()).pathname)) seen.push(request.url());
    });
    return seen;
  }

  const siteWasm = /quire-[0-9a-f]+_bg\.wasm$/;
  const calculatorsWasm = /quire_calculators-[0-9a-f]+_bg\.wasm$/;


  test('a reader who only reads downloads no app; reaching for a link starts it', async ({ page }) => {
    const requested = appRequests(page);
    await page.goto(post);
    await page.waitForLoadState('networkidle');
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(300);
    expect(requested, 'the app loaded before the reader reached for anything').toEqual([]);
    await expect(page.locator('html[data-app="ready"]')).toHaveCount(0);

    await page.locator('main a[href^="/topics/"]').first().hover();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    expect(requested.length).toBe(2);
    // From now on the app navigates.
    const documents = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await page.locator('main a[href^="/topics/"]').first().click();
    await expect(page).toHaveURL(/\/topics\//);
    await expect(page.locator('main .post-card').first()).toBeVisible();
    expect(documents).toEqual([]);
  });

  test.describe('app download fails', () => {
    test.use({ allowedErrors: ['Failed to load resource', 'ERR_FAILED'] });
    test('the page stays readable, and the next reach for a link tries again', async ({ page }) => {
      let failing = true;
      let failed = 0;
      await page.route(/quire-[0-9a-f]+_bg\.wasm$/, (route) => {
        if (!failing) return route.continue();
        failed++;
        return route.abort();
      });
      await page.goto(post);
      const link = page.locator('main a[href^="/topics/"]').first();
      await link.hover();
      await expect.poll(() => failed).toBe(1);
      await expect(page.locator('main h1')).toBeVisible();
      failing = false;
      await page.mouse.move(0, 0);
      await link.hover();
      await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
      expect(failed).toBe(1);
    });
  });

  test('search and an embedded calculator start their app at once; a calculator opened with inputs, its figures', async ({ page }) => {
    for (const path of ['/search', '/embed/calculators/roas']) {
      await page.goto(path);
      await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    }
    // Its first stage (crates/figures); the app follows as on a blank form
    // (calculators.spec.js, "starting the app").
    await page.goto('/calculators/roas?revenue=1000&spend=250');
    await page.locator('html[data-figures="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
  });

  test("a calculator's blank form loads no app until the reader reaches for a field", async ({ page }) => {
    const requested = [];
    page.on('request', (request) => {
      if (/\/quire_calculators-[0-9a-f]+(_bg\.wasm|\.js)$/.test(new URL(request.url()).pathname)) {
        requested.push(request.url());
      }
    });
    await page.goto('/calculators/roas');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    expect(requested, 'the app loaded before the reader reached for a field').toEqual([]);
    await page.getByRole('textbox', { name: 'Ad spend' }).hover();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    expect(requested.length).toBe(2);
  });

  test('events pasted and sent before the cohort calculator runs are analysed once it does', async ({ page }) => {
    await page.goto('/calculators/cohort');
    const release = await holdApp(page, calculatorsWasm);
    await page.getByTestId('cohort-csv').fill('customer,date\na,2026-01-05\nb,2026-01-20\na,2026-02-02\n');
    // With no app to handle it, the form would be sent to the server (a
    // reload with the events in the address): it is held instead.
    await page.getByTestId('cohort-analyse').click();
    release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('50.0%');
    await expect(page).toHaveURL(/\/calculators\/cohort$/);
  });

  test('a file and a choice picked before the cohort calculator runs are kept once it does', async ({ page }) => {
    await page.goto('/calculators/cohort');
    let release = await holdApp(page, calculatorsWasm);
    const csv = 'id;month\n1;2025-11\n2;2025-11\n1;2025-12\n';
    // A reader reaches for the file button first (which starts the app).
    await page.getByTestId('cohort-file').hover();
    await page.getByTestId('cohort-file').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('50.0%');

    await page.unroute(calculatorsWasm);
    await page.reload();
    release = await holdApp(page, calculatorsWasm);
    await page.getByTestId('cohort-manual-mode').check();
    release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('cohort-manual-mode')).toBeChecked();
    await page.getByTestId('manual-0-0').fill('100');
    await page.getByTestId('manual-0-1').fill('80');
    await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('80.0%');
  });

  test('a button pressed before the app runs is pressed for the reader once it does', async ({ page }) => {
    await page.goto(post);
    const release = await holdApp(page, siteWasm);
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
    await page.getByTestId('theme-toggle').click();
    release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('the slash shortcut reaches the search box before the app runs', async ({ page }) => {
    await page.goto(post);
    const release = await holdApp(page, siteWasm);
    await page.keyboard.press('/');
    await expect(page.getByTestId('search-input')).toBeFocused();
    await page.keyboard.type('backup');
    release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(page).toHaveURL(/\/search\?q=backup/);
  });

  test('text typed before the app runs is kept, and searched for once it does', async ({ page }) => {
    await page.goto(post);
    const release = await holdApp(page, siteWasm);
    await page.getByTestId('search-input').fill('postgres');
    release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(page).toHaveURL(/\/search\?q=postgres/);
    await expect(page.getByTestId('search-input')).toHaveValue('postgres');
  });
});

test.describe('with JavaScript on', () => {
  test('a page prerendered for another address is replaced, without errors or a shift', async ({ page }) => {
    // A query the static file was not rendered with, and 404.html.
    for (const path of ['/calculators/roas?revenue=1000&spend=250', '/search?q=postgres']) {
      await page.goto(path);
      await expect(page.locator('#prerendered'), path).toHaveCount(0);
      await expect(page.locator('main h1'), path).toHaveCount(1);
      const shift = await layoutShift(page);
      expect(shift, `cumulative layout shift on ${path}`).toBeLessThan(0.01);
    }
  });

  test.describe('not found', () => {
    test.use({ allowedErrors: ['404'] });
    test('the not-found page is replaced by the app', async ({ page }) => {
      await page.goto('/posts/no-such-post');
      await expect(page.locator('#prerendered')).toHaveCount(0);
      await expect(page.locator('main h1')).toHaveText(/not found/i);
    });
  });

  test('after the first page, navigation happens in the app', async ({ page }) => {
    await page.goto('/');
    const documents = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await page.locator('main a[href="/topics/postgresql"]').first().click();
    await expect(page.locator('main h1')).toHaveText('PostgreSQL');
    await page.locator(`main a[href="/posts/${featured}"]`).first().click();
    await expect(page.locator('main h1')).toHaveText('A field guide to running PostgreSQL on one server');
    expect(documents).toEqual([]);
  });

  test('a calculator answers input as soon as the app has taken over', async ({ page }) => {
    await page.goto('/calculators/roas?revenue=1000&spend=250&margin=50');
    await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
    await expect(page.getByText('turn on JavaScript')).toBeHidden();
    await page.getByRole('textbox', { name: 'Ad spend' }).fill('500');
    await expect(page.getByTestId('result-roas')).toHaveText('2.00× (200.0%)');
  });
});
