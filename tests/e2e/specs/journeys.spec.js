import { test, expect, withoutEmbeddedIndex } from './fixtures.js';

test('landing page lists the latest posts and opens one', async ({ page, postIndex }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(postIndex.site.hero[0]);
  await expect(page).toHaveTitle(postIndex.site.title);
  const latest = page.getByRole('region', { name: 'Latest posts' }).getByTestId('post-card');
  const shown = postIndex.latest.filter((p) => p.slug !== postIndex.featured?.slug).slice(0, 6);
  await expect(latest).toHaveCount(shown.length);

  const first = shown[0];
  await latest.first().getByRole('link', { name: first.title }).click();
  await expect(page).toHaveURL(`/posts/${first.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
  await expect(page.getByTestId('post').locator('.prose')).not.toBeEmpty();
  await expect(page).toHaveTitle(`${first.title} · ${postIndex.site.title}`);

  // Back to the list, client-side, and the site title link works too.
  await page.goBack();
  await expect(latest).toHaveCount(shown.length);
  await latest.first().getByRole('link', { name: first.title }).click();
  await page.getByRole('banner').getByRole('link', { name: postIndex.site.title }).click();
  await expect(page).toHaveURL('/');
});

test('a deep link to a post loads that post', async ({ page, postIndex }) => {
  const post = postIndex.latest[postIndex.latest.length - 1];
  const response = await page.goto(`/posts/${post.slug}`);
  expect(response.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(post.title);
  await expect(page.locator('time').first()).toHaveAttribute('datetime', post.date);
});

test.describe('not found', () => {
  // The server answers unknown paths with 404.html and a real 404 status.
  test.use({ allowedErrors: ['404'] });

  test('an unknown path shows the not-found page with a way home', async ({ page, postIndex }) => {
    await page.goto('/no/such/page');
    await expect(page.getByTestId('not-found')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await page.getByTestId('not-found').getByRole('link', { name: 'The home page' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(postIndex.site.hero[0]);
  });

  test('an unknown post slug shows the not-found page', async ({ page }) => {
    await page.goto('/posts/this-post-does-not-exist');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page).toHaveTitle(/Page not found/);
  });
});

test.describe('failed fetches', () => {
  test.use({ allowedErrors: ['500', 'Failed to load resource'] });

  test('a failing post bundle shows an error view whose retry recovers', async ({ page, postIndex }) => {
    const post = postIndex.latest[0];
    // Failing until the reader retries (the hover's prefetch fails too).
    let failing = true;
    let failures = 0;
    await page.route(`**/content/${postIndex.build}/posts/${post.slug}.json`, async (route) => {
      if (!failing) return route.continue();
      failures++;
      return route.fulfill({ status: 500, body: 'boom' });
    });
    // Pages embed the bundles they were prerendered from: the post is
    // fetched when the app opens it.
    await page.goto('/');
    await page.locator(`main a[href="/posts/${post.slug}"]`).first().click();
    const error = page.getByTestId('error-view');
    await expect(error).toBeVisible();
    await expect(error).toContainText('the server answered 500');
    await expect(page.getByRole('alert')).toBeVisible();

    failing = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(post.title);
    await expect(error).toHaveCount(0);
    expect(failures).toBeGreaterThan(0);
  });

  test('a tab opened before a deploy still finds posts of the new build', async ({ page, postIndex }) => {
    const post = postIndex.latest[0];
    let indexRequests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/content/index.json')) indexRequests++;
    });
    // The landing page this tab loaded embeds an index naming a build that
    // is no longer deployed.
    await page.route((url) => url.pathname === '/', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replaceAll(`"build":"${postIndex.build}"`, '"build":"00000000deadbeef"');
      return route.fulfill({ response, body: html });
    });
    await page.goto('/');
    await page.locator(`main a[href="/posts/${post.slug}"]`).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(post.title);
    // The stale build's post was not there: the index was revalidated (for
    // the hover's prefetch and for the visit).
    expect(indexRequests).toBeGreaterThan(0);
  });

  test('a failing index on the landing page recovers on retry', async ({ page, postIndex }) => {
    let failures = 0;
    await page.route('**/content/index.json', async (route) => {
      if (failures++ === 0) return route.abort('connectionreset');
      return route.continue();
    });
    // A landing address with a query (a campaign link) was not prerendered
    // as such: the app draws it, and fetches the index its HTML lacks.
    await withoutEmbeddedIndex(page, '/');
    await page.goto('/?ref=newsletter');
    await expect(page.getByTestId('error-view')).toContainText('could not be reached');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(postIndex.site.hero[0]);
  });
});

test('a standalone page is served at its own path', async ({ page }) => {
  await page.goto('/about');
  await expect(page.getByTestId('page').getByRole('heading', { level: 1 })).toHaveText('About these notes');
  await expect(page).toHaveTitle(/About these notes/);
  await expect(page.locator('.prose h2').first()).toHaveAttribute('id', 'what-you-will-find-here');
});

test('feeds, sitemap and robots.txt are served from the root', async ({ request, postIndex }) => {
  const rss = await (await request.get('/feed.xml')).text();
  expect(rss).toContain(`<title>${postIndex.latest[0].title}</title>`);
  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toContain(`/posts/${postIndex.latest[0].slug}</loc>`);
  expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap: ');
  const atom = await request.get('/atom.xml');
  expect(atom.ok()).toBeTruthy();
  const feed = await atom.text();
  expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  expect(feed).toContain(`<title>${postIndex.latest[0].title}</title>`);
  expect(feed).toContain(`/posts/${postIndex.latest[0].slug}"`);
});

test('a calculator block in a post is a live calculator with the block presets', async ({ page }) => {
  await page.goto('/posts/cac-payback-explained');
  const embed = page.locator('.calculator-embed');
  await expect(embed.getByTestId('embedded-cac')).toBeVisible();
  await expect(embed.getByTestId('result-cac')).toHaveText('$1,200.00');
  await expect(embed.getByTestId('result-payback-months')).toHaveText('10.0 months');
  await embed.getByLabel('New customers').fill('60');
  await expect(embed.getByTestId('result-cac')).toHaveText('$800.00');
  // The post's own address is left alone.
  await expect(page).toHaveURL('/posts/cac-payback-explained');
});

test('an FAQ block opens its answers with the keyboard', async ({ page }) => {
  await page.goto('/about');
  const question = page.locator('.faq summary').first();
  await expect(question).toHaveText('Do you work with small teams?');
  const answer = page.locator('.faq .faq-answer').first();
  await expect(answer).toBeHidden();
  await question.focus();
  await page.keyboard.press('Enter');
  await expect(answer).toBeVisible();
});

test('the site is served with a strict Content-Security-Policy and cache rules', async ({ request, postIndex }) => {
  const home = await request.get('/');
  const csp = home.headers()['content-security-policy'];
  // No inline script runs: assets/start.js starts the app.
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).toContain('connect-src \'self\' http://127.0.0.1:8788');
  expect(home.headers()['x-content-type-options']).toBe('nosniff');
  const bundle = await request.get(`/content/${postIndex.build}/posts/${postIndex.latest[0].slug}.json`);
  expect(bundle.headers()['cache-control']).toContain('immutable');
  const index = await request.get('/content/index.json');
  expect(index.headers()['cache-control']).toContain('must-revalidate');
  const notFound = await request.get('/404.html');
  expect(notFound.status()).toBe(200);
  expect(await notFound.text()).toMatch(/<script src="\/start-[0-9a-f]+\.js"[^>]* type="module">/);
});

test.describe('content security policy', () => {
  test.use({ allowedErrors: ['CSP violation', 'violates the following Content Security Policy'] });

  test('an injected inline script is blocked and reported', async ({ page }) => {
    const reported = [];
    page.on('console', (m) => {
      if (m.text().startsWith('CSP violation')) reported.push(m.text());
    });
    await page.goto('/');
    await page.locator('main h1').waitFor();
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
      return window.injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => reported.length).toBeGreaterThan(0);
    expect(reported[0]).toContain('script-src');
  });
});

test('posts, pages and the landing page carry link-preview and structured metadata', async ({ page, postIndex }) => {
  const base = postIndex.site.base_url.replace(/\/$/, '');
  const structured = async () =>
    (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));

  await page.goto('/posts/postgres-on-one-server-field-guide');
  await page.getByTestId('post').waitFor();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${base}/posts/postgres-on-one-server-field-guide`);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'A field guide to running PostgreSQL on one server');
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', `${base}/cards/posts/postgres-on-one-server-field-guide.png`);
  const blocks = await structured();
  const posting = blocks.find((b) => b['@type'] === 'BlogPosting');
  expect(posting).toMatchObject({ datePublished: '2026-11-10', dateModified: '2026-11-18', author: { name: postIndex.site.author } });
  const trail = blocks.find((b) => b['@type'] === 'BreadcrumbList');
  expect(trail.itemListElement.map((i) => i.name)).toEqual(['Home', 'PostgreSQL', posting.headline]);

  // Client-side navigation replaces them: one canonical, the page's own blocks.
  await page.getByRole('banner').getByRole('link', { name: 'Work' }).click();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${base}/work`);
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
  await expect.poll(async () => (await structured()).map((b) => b['@type'])).toEqual(['FAQPage']);
  expect((await structured())[0].mainEntity.length).toBe(4);

  await page.getByRole('banner').getByRole('link', { name: postIndex.site.title }).click();
  await expect.poll(async () => (await structured()).map((b) => b['@type'])).toEqual(['WebSite']);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', postIndex.site.title);
});
