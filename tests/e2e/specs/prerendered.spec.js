// Every route is prerendered by the app's own components (src/prerender.rs):
// readable with JavaScript off, with plain links between pages; with it on,
// the app takes over without errors or shifting anything, and navigates on
// the client from then on.
import { test, expect, layoutShift } from './fixtures.js';

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
];

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

test.describe('with JavaScript on', () => {
  test('the app takes over every route type without errors and without a shift', async ({ page }) => {
    for (const [name, path, content] of routes) {
      await page.goto(path);
      // The prerendered element is gone: the app's own page is showing.
      await expect(page.locator('#prerendered'), name).toHaveCount(0);
      await expect(page.locator(content).first(), name).toBeVisible();
      await expect(page.locator('main h1'), name).toHaveCount(1);
      const shift = await layoutShift(page);
      expect(shift, `cumulative layout shift on the ${name}`).toBeLessThan(0.01);
    }
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
    await expect(page.getByTestId('result-roas')).toContainText('4');
    await expect(page.getByText('turn on JavaScript')).toBeHidden();
    await page.getByRole('textbox', { name: 'Ad spend' }).fill('500');
    await expect(page.getByTestId('result-roas')).toContainText('2');
  });
});
