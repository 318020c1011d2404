// What a rich or moved post needs: math drawn as MathML with no script,
// and old addresses (front matter `aliases`) that lead to the post, by a
// redirect rule where the host reads `_redirects`, by the page at the old
// address where it does not.
import { test, expect } from './fixtures.js';

const post = '/posts/cac-payback-explained';
const oldAddress = '/blog/2026/cac-payback/';

test('an old address answers with a permanent redirect to the post', async ({ request }) => {
  const response = await request.get(oldAddress, { maxRedirects: 0 });
  expect(response.status()).toBe(301);
  expect(response.headers().location).toBe(post);
});

test('the page at the old address points crawlers at the post', async ({ request }) => {
  // The file itself, as a host without redirect rules serves it.
  const response = await request.get(`${oldAddress}index.html`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${post}">`);
  expect(html).toMatch(new RegExp(`<link rel="canonical" href="https?://[^"]+${post}">`));
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(html).not.toContain('<script');
});

test('the prerendered post holds its math as MathML', async ({ request }) => {
  const html = await (await request.get(post)).text();
  const display = html.match(/<math display="block"[^>]*>[\s\S]*?<\/math>/)?.[0];
  expect(display, 'the display formula').toBeTruthy();
  expect(display).toContain('<mfrac>');
  expect(display).toContain('<annotation encoding="application/x-tex">');
  // Inline math: `$m$` and the worked example.
  expect(html).toMatch(/<math display="inline"><semantics>(<mrow>)?<mi>m<\/mi>(<\/mrow>)?<annotation/);
  expect(html).not.toContain('$$');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false, waitForApp: false });

  test('the old address page takes the reader to the post', async ({ page }) => {
    await page.goto(`${oldAddress}index.html`);
    await expect(page).toHaveURL(new RegExp(`${post}$`));
    await expect(page.locator('main h1')).toContainText('CAC payback');
  });

  test('the formula is drawn, not shown as TeX', async ({ page }) => {
    await page.goto(post);
    const formula = page.locator('.prose math[display="block"]');
    await expect(formula).toBeVisible();
    const box = await formula.boundingBox();
    // A fraction stands taller than a line of text.
    expect(box.height).toBeGreaterThan(30);
    // The TeX source rides along in a hidden <annotation>; readers see none of it.
    expect(await page.locator('.prose').innerText()).not.toContain('\\frac');
  });
});
