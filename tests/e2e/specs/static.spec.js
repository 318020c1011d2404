// The built site as a plain static server sees it (tests/e2e/server.mjs has
// no rewrite rules left): every route is a file with its own metadata, and
// anything else is a 404. These read the HTML without running the app, as a
// crawler or a link preview does.
import { test, expect, routePath } from './fixtures.js';

const featured = 'postgres-on-one-server-field-guide';

/// The head of an HTML page, as name → content, plus JSON-LD blocks.
function readHead(html) {
  const attr = (tag, name) => tag.match(new RegExp(`${name}="([^"]*)"`))?.[1];
  const meta = {};
  for (const tag of html.match(/<meta [^>]*>/g) ?? []) {
    const key = attr(tag, 'name') ?? attr(tag, 'property');
    if (key) meta[key] = attr(tag, 'content');
  }
  const unescape = (text) => text.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  return {
    title: unescape(html.match(/<title[^>]*>([^<]*)<\/title>/)?.[1] ?? ''),
    titles: (html.match(/<title/g) ?? []).length,
    meta: Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, unescape(v ?? '')])),
    canonical: html.match(/<link [^>]*rel="canonical" href="([^"]*)"/)?.[1],
    jsonLd: [...html.matchAll(/<script [^>]*type="application\/ld\+json">([^<]*)<\/script>/g)].map((m) => m[1]),
  };
}

test('every route type is a file served with 200 and its own title', async ({ request, postIndex }) => {
  const site = postIndex.site.title;
  for (const [path, title] of [
    ['/', site],
    ['/topics', `Topics · ${site}`],
    ['/topics/postgresql', `PostgreSQL · ${site}`],
    ['/tags/postgres', `Posts tagged “postgres” · ${site}`],
    ['/posts', `All posts · ${site}`],
    [`/posts/${featured}`, `A field guide to running PostgreSQL on one server · ${site}`],
    ['/work', null],
    ['/calculators', `Calculators · ${site}`],
    ['/calculators/roas', null],
    ['/calculators/cohort', `Cohort retention calculator · ${site}`],
    ['/search', `Search · ${site}`],
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const head = readHead(await response.text());
    expect(head.titles, `one title on ${path}`).toBe(1);
    if (title) expect(head.title, path).toBe(title);
    else expect(head.title, path).toMatch(new RegExp(` · ${site}$`));
    expect(head.meta.description, `description on ${path}`).toBeTruthy();
  }
});

test('unknown paths get the not-found page with status 404', async ({ request }) => {
  for (const path of ['/no/such/page', '/posts/no-such-post', '/topics/no-such-topic', '/posts/page/99']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    // The prerendered not-found page itself, not any HTML.
    const html = await response.text();
    expect(html, path).toContain('data-testid="not-found"');
    expect(html, path).toMatch(/<h1[^>]*>Page not found<\/h1>/);
  }
});

test("a post's HTML carries its description, canonical URL, OpenGraph, Twitter card and JSON-LD", async ({ request, postIndex }) => {
  const site = postIndex.site;
  const bundle = await (await request.get(`/content/${postIndex.build}/posts/${featured}.json`)).json();
  const post = bundle.post;
  const head = readHead(await (await request.get(`/posts/${featured}`)).text());
  const url = `${site.base_url.replace(/\/$/, '')}/posts/${featured}`;
  expect(head.title).toBe(`${post.title} · ${site.title}`);
  expect(head.meta.description).toBe(post.summary);
  expect(head.canonical).toBe(url);
  expect(head.meta['og:type']).toBe('article');
  expect(head.meta['og:title']).toBe(post.title);
  expect(head.meta['og:description']).toBe(post.summary);
  expect(head.meta['og:url']).toBe(url);
  expect(head.meta['og:site_name']).toBe(site.title);
  expect(head.meta['twitter:card']).toBe('summary_large_image');
  expect(head.meta['og:image']).toBe(`${site.base_url.replace(/\/$/, '')}/cards/posts/${featured}.png`);
  expect(head.meta['og:image:width']).toBe('1200');
  expect(head.meta['og:image:height']).toBe('630');
  expect(head.meta['og:image:alt']).toBe(`${post.title}, ${site.title}`);
  expect(head.meta['twitter:image']).toBe(head.meta['og:image']);
  const blocks = head.jsonLd.map((text) => JSON.parse(text));
  const posting = blocks.find((b) => b['@type'] === 'BlogPosting');
  expect(posting).toMatchObject({
    '@context': 'https://schema.org',
    headline: post.title,
    description: post.summary,
    datePublished: post.date,
    author: { '@type': 'Person', name: site.author },
    mainEntityOfPage: url,
  });
  const trail = blocks.find((b) => b['@type'] === 'BreadcrumbList');
  expect(trail.itemListElement.map((i) => i.name)).toEqual(['Home', 'PostgreSQL', post.title]);
});

/** Width and height from a PNG's IHDR chunk, or null if it is not a PNG. */
function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('every indexable route has a social card: a 1200×630 PNG of its own', async ({ request, postIndex }) => {
  const base = postIndex.site.base_url.replace(/\/$/, '');
  const routes = await (await request.get(`/content/${postIndex.build}/routes.json`)).json();
  const cards = new Map();
  // Search results and embeds (framed elsewhere) are not indexed, so have no card.
  for (const route of routes.filter((r) => !['search', 'embedded_calculator'].includes(r.kind))) {
    const html = await (await request.get(routePath(route))).text();
    const head = readHead(html);
    const image = head.meta['og:image'];
    expect(image, `og:image on ${routePath(route)}`).toMatch(new RegExp(`^${base}/cards/.+\\.png$`));
    const file = await request.get(image.slice(base.length));
    expect(file.status(), image).toBe(200);
    const bytes = await file.body();
    expect(pngSize(bytes), image).toEqual({ width: 1200, height: 630 });
    cards.set(routePath(route), bytes.toString('base64'));
  }
  const posts = routes.filter((r) => r.kind === 'post').map(routePath);
  expect(posts.length).toBeGreaterThan(1);
  expect(cards.get(posts[0])).not.toBe(cards.get(posts[1]));
  const search = readHead(await (await request.get('/search')).text());
  expect(search.meta['og:image']).toBeUndefined();
  expect(search.meta['twitter:card']).toBe('summary');
});

test('the landing page is a WebSite and search results are not indexed', async ({ request }) => {
  const landing = readHead(await (await request.get('/')).text());
  expect(landing.jsonLd.map((t) => JSON.parse(t)['@type'])).toContain('WebSite');
  const search = readHead(await (await request.get('/search')).text());
  expect(search.meta.robots).toBe('noindex');
});

test('once the app runs, the head is its own: one title, description and canonical link', async ({ page }) => {
  await page.goto(`/posts/${featured}`);
  await page.getByTestId('toc').waitFor();
  await expect(page.locator('head [data-route-head]')).toHaveCount(0);
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
  await expect(page.locator('title')).toHaveCount(1);
  await page.getByRole('link', { name: 'Topics', exact: true }).first().click();
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);
});
