// The reader's experience: every route type, in both themes (and, through the
// projects in playwright.config.js, on a phone and a desktop).
import AxeBuilder from '@axe-core/playwright';
import { test, expect, layoutShift } from './fixtures.js';

const featuredGuide = 'postgres-on-one-server-field-guide';

for (const colorScheme of ['light', 'dark']) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('landing → topic → post → related post → back', async ({ page, postIndex }) => {
      await page.goto('/');
      const { site } = postIndex;
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.hero[0]);
      await expect(page.getByTestId('pillar')).toHaveCount(site.pillars.length);
      await expect(page.getByTestId('featured')).toContainText(postIndex.featured.title);
      await expect(page.getByTestId('cta')).toContainText(site.cta.text);
      await expect(page.getByRole('link', { name: 'Subscribe by RSS' })).toHaveAttribute('href', '/feed.xml');

      // A pillar leads to its topic's listing.
      const pillar = site.pillars[1];
      const topic = site.topics.find((t) => t.slug === pillar.topic);
      await page.getByTestId('pillar').nth(1).getByRole('link').click();
      await expect(page).toHaveURL(`/topics/${topic.slug}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(topic.name);
      await expect(page).toHaveTitle(`${topic.name} · ${site.title}`);
      const cards = page.getByTestId('post-card');
      await expect(cards).toHaveCount(topic.count);
      await expect(page.getByText(`${topic.count} posts`)).toBeVisible();

      // The topic's first post, then a related one, then back twice.
      const firstTitle = await cards.first().getByRole('heading').innerText();
      await cards.first().getByRole('heading').getByRole('link').click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstTitle);
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      const related = page.getByTestId('related').getByRole('link').first();
      const relatedTitle = await related.innerText();
      await related.click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(relatedTitle);
      await page.goBack();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstTitle);
      await page.goBack();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(topic.name);
    });

    // One test per route type, so a violation names its page.
    for (const [name, path, ready] of [
      ['landing', '/', 'pillar'],
      ['topic index', '/topics', 'topic-card'],
      ['topic listing', '/topics/postgresql', 'listing'],
      ['tag listing', '/tags/postgres', 'listing'],
      ['archive', '/posts', 'listing'],
      ['post', `/posts/${featuredGuide}`, 'toc'],
      ['post with a calculator', '/posts/break-even-roas', 'calculator'],
      ['post with math', '/posts/cac-payback-explained', 'toc'],
      ['page', '/work', 'page'],
      ['calculator index', '/calculators', 'calculator-list'],
      ['cohort calculator', '/calculators/cohort', 'cohort'],
      // Filled in, so results, tables and charts are checked too.
      ['ROAS calculator', '/calculators/roas?revenue=12000&spend=3000&margin=40&target_margin=10&channel=Search%7C1000%7C4000&channel=Social%7C3000%7Clots', 'roas-sensitivity'],
      ['CAC calculator', '/calculators/cac?marketing=30000&customers=40&arpa=150&margin=80&channel=Search%7C5000%7C50', 'channels'],
      ['LTV calculator', '/calculators/ltv?arpa=100&margin=75&churn=5&cac=500&expansion=1', 'ltv-sensitivity'],
      // Framed on other sites: the calculator, its results and lead form alone.
      ['embedded ROAS calculator', '/embed/calculators/roas?revenue=12000&spend=3000&margin=40', 'lead-form'],
      ['embedded cohort calculator', '/embed/calculators/cohort', 'cohort'],
      ['search', '/search?q=postgres', 'search-result'],
      ['not found', '/no/such/page', 'not-found'],
    ]) {
      test.describe(name, () => {
        // The not-found page comes with a real 404 status.
        if (ready === 'not-found') test.use({ allowedErrors: ['404'] });

        test(`axe finds no violations on the ${name}`, async ({ page }) => {
          await page.goto(path);
          await page.locator(`[data-testid="${ready}"], .${ready}`).first().waitFor();
          const results = await new AxeBuilder({ page }).analyze();
          const found = results.violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`,
          );
          expect(found, `axe on ${path} in ${colorScheme}`).toEqual([]);
        });
      });
    }
  });
}

test('the theme toggle overrides the system and persists across a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`/posts/${featuredGuide}`);
  const root = page.locator('html');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveAccessibleName('Switch to dark theme');
  await toggle.click();
  await expect(root).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAccessibleName('Switch to light theme');
  const dark = await background();
  expect(dark).not.toBe(light);
  // Code follows the theme too.
  const keyword = page.locator('.hl-keyword').first();
  const darkKeyword = await keyword.evaluate((el) => getComputedStyle(el).color);

  await page.reload();
  // Applied before the app starts: the attribute is there on first paint.
  await expect(root).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe(dark);
  await expect(toggle).toHaveAccessibleName('Switch to light theme');
  await toggle.click();
  await expect(root).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe(light);
  expect(await keyword.evaluate((el) => getComputedStyle(el).color)).not.toBe(darkKeyword);
});

test('the table of contents scrolls to a section and marks where the reader is', async ({ page }) => {
  await page.goto(`/posts/${featuredGuide}`);
  const toc = page.getByTestId('toc');
  const link = toc.getByRole('link', { name: 'Monitoring that catches trouble early' });
  await link.click();
  await expect(page).toHaveURL(/#monitoring-that-catches-trouble-early$/);
  const heading = page.locator('#monitoring-that-catches-trouble-early');
  await expect(heading).toBeInViewport();
  await expect(heading).toBeFocused();
  await expect(link).toHaveAttribute('aria-current', 'location');
  await expect(toc.locator('[aria-current]')).toHaveCount(1);
  // Scrolling on moves the mark to the last section at the bottom.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(toc.getByRole('link', { name: 'The short version' })).toHaveAttribute('aria-current', 'location');
  await expect(link).not.toHaveAttribute('aria-current');
});

test('a code block copies its code', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/posts/${featuredGuide}`);
  const block = page.locator('.code-block').filter({ hasText: 'pg_stat_statements' });
  await expect(block.locator('.code-lang')).toHaveText('sql');
  const button = block.locator('.copy-code');
  await expect(button).toHaveAccessibleName('Copy');
  await button.click();
  await expect(button).toHaveText('Copied');
  await expect(page.getByTestId('copy-status')).toHaveText('Code copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('FROM pg_stat_statements');
  expect(copied).not.toContain('Copy');
  await expect(button).toHaveText('Copy', { timeout: 4000 });
});

test('a post shows its dates, tags, series and neighbours', async ({ page }) => {
  await page.goto(`/posts/${featuredGuide}`);
  const post = page.getByTestId('post');
  await expect(post.locator('time[datetime="2026-11-10"]')).toBeVisible();
  await expect(post.locator('time[datetime="2026-11-18"]')).toBeVisible();
  await expect(page.getByTestId('series')).toContainText('Part 1 of 2');
  await expect(page.getByTestId('series').locator('[aria-current="page"]')).toHaveText(
    'A field guide to running PostgreSQL on one server',
  );
  await expect(page.getByRole('navigation', { name: 'More posts' }).locator('a[rel="next"]')).toBeVisible();
  // A tag chip opens the tag's listing.
  await post.getByRole('list', { name: 'Tags' }).getByRole('link', { name: 'monitoring' }).click();
  await expect(page).toHaveURL('/tags/monitoring');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts tagged “monitoring”');
  await expect(page.getByTestId('post-card')).toHaveCount(1);
});

test('links to posts are prefetched on hover and open without another request', async ({ page }) => {
  await page.goto('/topics/postgresql');
  const requests = [];
  page.on('request', (r) => {
    if (r.url().includes(`/posts/${featuredGuide}.json`)) requests.push(r.url());
  });
  const link = page.getByTestId('post-card').getByRole('link', { name: /field guide/ });
  const prefetched = page.waitForResponse((r) => r.url().includes(`/posts/${featuredGuide}.json`));
  await link.hover();
  // Once the prefetch has arrived (a click before then fetches again).
  await prefetched;
  expect(requests).toHaveLength(1);
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/field guide/);
  expect(requests).toHaveLength(1);
});

test('back restores the scroll position once the page is back', async ({ page }) => {
  await page.goto('/posts');
  const cards = page.getByTestId('post-card');
  await cards.nth(10).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  const left = await page.evaluate(() => window.scrollY);
  expect(left).toBeGreaterThan(300);
  await cards.nth(10).getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/\/posts\/.+/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(50);
  await page.goBack();
  await expect(page).toHaveURL('/posts');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(left - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(left + 5);
});

test.describe('pagination', () => {
  // Pages past the last one are 404s, on purpose.
  test.use({ allowedErrors: ['404'] });

  test('listings paginate with page numbers in the URL', async ({ page, postIndex }) => {
  // The demo site fits on one page; serve a three-page archive instead.
  const fake = (n) => ({
    schema: postIndex.schema,
    page: n,
    pages: 3,
    total: 3,
    posts: [postIndex.latest[n - 1]],
  });
  await page.route(/\/content\/[^/]+\/lists\/all\/(\d)\.json$/, (route) => {
    const n = Number(route.request().url().match(/(\d)\.json$/)[1]);
    return n <= 3 ? route.fulfill({ json: fake(n) }) : route.fulfill({ status: 404 });
  });
  // Opened in the app: the prerendered archive embeds the real first page.
  await page.goto('/');
  await page.locator('main a[href="/posts"]').first().click();
  const pages = page.getByTestId('pagination');
  await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
  await pages.getByRole('link', { name: 'Page 2' }).click();
  await expect(page).toHaveURL('/posts/page/2');
  await expect(page.getByTestId('post-card')).toContainText(postIndex.latest[1].title);
  await expect(page).toHaveTitle(/All posts \(page 2\)/);
  await pages.getByRole('link', { name: 'Older →' }).click();
  await expect(page).toHaveURL('/posts/page/3');
  await expect(pages.getByRole('link', { name: 'Older →' })).toHaveCount(0);
  await page.goto('/posts/page/4');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await page.goto('/posts/page/two');
  await expect(page.getByTestId('not-found')).toBeVisible();
  });
});

test.describe('missing things', () => {
  // Served as 404.html with status 404, as a CDN does.
  test.use({ allowedErrors: ['404'] });

  test('unknown topics and tags show the not-found page', async ({ page }) => {
    await page.goto('/topics/no-such-topic');
    await expect(page.getByTestId('not-found')).toBeVisible();
    await page.goto('/tags/no-such-tag');
    await expect(page.getByTestId('not-found')).toBeVisible();
  });
});

test.describe('failed listing', () => {
  test.use({ allowedErrors: ['503', 'Failed to load resource'] });

  test('a failed list bundle shows the error view and recovers', async ({ page }) => {
    let failures = 0;
    await page.route(/\/lists\/topic\/security\/1\.json$/, (route) =>
      failures++ === 0 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
    );
    await page.goto('/topics');
    await page.locator('main a[href="/topics/security"]').first().click();
    await expect(page.getByTestId('error-view')).toContainText('503');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security');
  });
});

test('navigation updates the title and the meta description', async ({ page, postIndex }) => {
  const description = () => page.locator('meta[name="description"]').getAttribute('content');
  await page.goto('/');
  await expect.poll(description).toBe(postIndex.site.tagline);
  const topic = postIndex.site.topics.find((t) => t.slug === 'security');
  await page.getByRole('banner').getByRole('link', { name: 'Topics' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Topics' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: topic.name, exact: true }).click();
  await expect(page).toHaveTitle(`${topic.name} · ${postIndex.site.title}`);
  await expect.poll(description).toBe(topic.description);
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);
});

test('pages load without layout shift', async ({ page }) => {
  for (const path of ['/', `/posts/${featuredGuide}`, '/topics/postgresql']) {
    await page.goto(path);
    await page.locator('main h1').waitFor();
    await page.waitForTimeout(300);
    const shift = await layoutShift(page);
    // Google's "good" threshold is 0.1; the placeholders keep it far below.
    expect(shift, `cumulative layout shift on ${path}`).toBeLessThan(0.05);
  }
});

test('no route scrolls sideways on a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/topics', '/topics/postgresql', `/posts/${featuredGuide}`, '/work', '/calculators/roas', '/search?q=postgres']) {
    await page.goto(path);
    await page.locator('main h1').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
});

test('a post prints without the site chrome', async ({ page }) => {
  await page.goto(`/posts/${featuredGuide}`);
  await page.getByTestId('toc').waitFor();
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-header', '.site-footer', '.toc', '.post-footer', '.copy-code']) {
    await expect(page.locator(hidden).first()).toBeHidden();
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.prose')).toBeVisible();
});
