// Search journeys: the header box, the /search page, ranking, filters,
// keyboard use and a failed index chunk, against the real built index.
import { test, expect, withoutEmbeddedIndex } from './fixtures.js';

const results = (page) => page.getByTestId('search-result');
const status = (page) => page.getByTestId('search-status');
const box = (page) => page.getByTestId('search-input');

test('type a word, see ranked results, open one and come back', async ({ page }) => {
  await page.goto('/');
  await page.locator('main h1').waitFor();
  // `/` jumps to the search box from anywhere on the page.
  await page.keyboard.press('/');
  await expect(box(page)).toBeFocused();
  await page.keyboard.type('pgbouncer');
  await expect(page).toHaveURL(/\/search\?q=pgbouncer$/);
  await expect(status(page)).toHaveText(/^\d+ results? for “pgbouncer”\.$/);
  await expect(status(page)).toHaveAttribute('role', 'status');
  // The post about it ranks first, its title hit marked.
  const first = results(page).first();
  await expect(first.getByRole('link')).toHaveText('Connection pooling: when PgBouncer earns its place');
  await expect(first.locator('mark').first()).toHaveText(/pgbouncer/i);
  // Typing kept the focus in the box the whole time.
  await expect(box(page)).toBeFocused();

  // The down arrow walks into the results; Enter opens one.
  await page.keyboard.press('ArrowDown');
  await expect(first.getByRole('link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Connection pooling: when PgBouncer earns its place',
  );
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=pgbouncer$/);
  await expect(box(page)).toHaveValue('pgbouncer');
  await expect(results(page).first().getByRole('link')).toHaveText(/PgBouncer/);
});

test('a shared search URL shows its results, the best match first', async ({ page }) => {
  await page.goto('/search?q=break-even%20roas');
  await expect(results(page).first().getByRole('link')).toHaveText(
    'Break-even ROAS, and why your dashboard shows the wrong one',
  );
  await expect(page).toHaveTitle(/“break-even roas”: search/);
  // Every result has a snippet with the words marked.
  for (const result of await results(page).all()) {
    await expect(result.locator('mark').first()).toBeVisible();
  }
});

test('partial words match as you type, and one typo is forgiven', async ({ page }) => {
  await page.goto('/search');
  await expect(status(page)).toHaveText(/Type in the search box/);
  await box(page).fill('idempot');
  await expect(results(page).first().getByRole('link')).toHaveText('Idempotency keys for APIs that move money');
  await box(page).fill('idempotancy ');
  await expect(results(page).first().getByRole('link')).toHaveText('Idempotency keys for APIs that move money');
  // Identifiers from code blocks are searchable as written.
  await box(page).fill('max_fails');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first().getByRole('link')).toHaveText(
    'Zero-downtime deploys with systemd and a reverse proxy',
  );
});

test('filters narrow the results and live in the URL', async ({ page }) => {
  await page.goto('/search?q=postgres');
  await expect(status(page)).toHaveText(/results for “postgres”/);
  const all = await results(page).count();
  await page.getByTestId('search-topic').selectOption('postgresql');
  await expect(page).toHaveURL(/[?&]topic=postgresql/);
  await expect(status(page)).toHaveText(/with these filters\.$/);
  await expect.poll(() => results(page).count()).toBeLessThan(all);
  for (const meta of await results(page).locator('.post-meta').all()) {
    await expect(meta).toContainText('PostgreSQL');
  }
  // Back to every topic.
  await page.getByTestId('search-topic').selectOption('');
  await expect.poll(() => results(page).count()).toBe(all);
  // A tag filter that no result has leaves none, and says how to widen.
  await page.goto('/search?q=postgres&tag=advertising');
  await expect(status(page)).toHaveText(/No results .* clear the filters/);
});

test('a search with no results says so', async ({ page }) => {
  await page.goto('/search?q=kubernetes%20helm');
  await expect(status(page)).toHaveText('No results for “kubernetes helm”. Check the spelling, try fewer words.');
  await expect(results(page)).toHaveCount(0);
});

test('a query fetches the index lazily: the manifest once, then only the files it needs', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/search/') || path.startsWith('/search_worker')) fetched.push(path);
  });
  await page.goto('/');
  await page.locator('main h1').waitFor();
  expect(fetched, 'no search code or index before a search').toEqual([]);
  await box(page).fill('backup');
  await expect(results(page).first()).toBeVisible();
  const manifests = fetched.filter((p) => p.endsWith('/search/index.json'));
  expect(manifests).toHaveLength(1);
  // The engine arrives with the first search: a worker and its WASM.
  expect(fetched).toContain('/search_worker_bg.wasm');
  const before = fetched.length;
  // More letters of a word already loaded cost nothing new but fragments.
  await box(page).fill('backups');
  await expect(status(page)).toHaveText(/for “backups”/);
  const more = fetched.slice(before);
  expect(more.filter((p) => p.startsWith('/content/search/')), 'no chunk fetched twice').toEqual([]);
});

test.describe('failed chunk', () => {
  test.use({ allowedErrors: ['503', 'Failed to load resource'] });

  test('a failed index chunk shows an error, and trying again recovers', async ({ page }) => {
    let failures = 0;
    await page.route(/\/content\/search\/[0-9a-f]+\.json$/, (route) =>
      failures++ === 0 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
    );
    await page.goto('/search?q=restore');
    await expect(page.getByTestId('search-error')).toContainText('503');
    await expect(page.getByTestId('search-error')).toHaveAttribute('role', 'alert');
    await page.getByTestId('search-error').getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('search-error')).toHaveCount(0);
    await expect(results(page).first()).toBeVisible();
  });
});

test.describe('failed site index', () => {
  test.use({ allowedErrors: ['503', 'Failed to load resource'] });

  test('a search page whose site index fails says so, and trying again recovers', async ({ page }) => {
    let failures = 0;
    await page.route(/\/content\/index\.json$/, (route) =>
      failures++ === 0 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
    );
    await withoutEmbeddedIndex(page, '/search');
    await page.goto('/search?q=backup');
    await expect(page.getByTestId('search-error')).toContainText('503');
    await page.getByTestId('search-error').getByRole('button', { name: 'Try again' }).click();
    await expect(results(page).first()).toBeVisible();
  });
});

test('the slash shortcut leaves text fields alone', async ({ page }) => {
  await page.goto('/calculators/roas');
  const revenue = page.getByLabel(/revenue/i).first();
  await revenue.fill('');
  await revenue.type('1/2');
  await expect(revenue).toBeFocused();
  await expect(box(page)).not.toBeFocused();
});
