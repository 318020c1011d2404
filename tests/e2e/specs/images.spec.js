// Responsive images: a post's raster images and cover arrive as
// <picture>s that reserve their box (no layout shift), load, and cost a
// phone only a variant near its screen width, never the original file.
import { test, expect, layoutShift } from './fixtures.js';

const post = '/posts/break-even-roas';
const cover = '/images/roas-by-month.jpg';
const screenshot = '/images/roas-calculator.png';

/** The width a variant URL names: `/content/images/<stem>-<hash>-<width>.<ext>`. */
function variantWidth(url) {
  const match = new URL(url).pathname.match(/^\/content\/images\/.+-[0-9a-f]{16}-(\d+)\.(avif|webp|png|jpg)$/);
  return match ? Number(match[1]) : null;
}

test('the prerendered post holds its cover and screenshot as pictures', async ({ request }) => {
  const html = await (await request.get(post)).text();
  const pictures = html.match(/<picture[^>]*>[\s\S]*?<\/picture>/g) ?? [];
  expect(pictures.length).toBe(2);
  for (const picture of pictures) {
    expect(picture).toMatch(/<source type="image\/avif" srcset="[^"]+ 480w, [^"]+ 1600w"/);
    expect(picture).toMatch(/<source type="image\/webp" srcset="[^"]+ 480w, [^"]+ 1600w"/);
    expect(picture).toMatch(/<img [^>]*srcset="[^"]+"/);
    expect(picture).toMatch(/<img [^>]*sizes="[^"]+"/);
    expect(picture).toMatch(/<img [^>]*width="2400"/);
  }
  // The cover is on the first screen: fetched at once and early; the
  // screenshot further down waits until it is near.
  expect(pictures[0]).toContain(`src="${cover}"`);
  expect(pictures[0]).toContain('fetchpriority="high"');
  expect(pictures[0]).not.toContain('loading="lazy"');
  expect(pictures[1]).toContain(`src="${screenshot}"`);
  expect(pictures[1]).toContain('loading="lazy"');
  // Every variant named is served, as the format it says, cached for good.
  for (const url of new Set(html.match(/\/content\/images\/[^" ,]+/g))) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()['content-type'], url).toBe(
      { avif: 'image/avif', webp: 'image/webp', png: 'image/png', jpg: 'image/jpeg' }[url.split('.').pop()],
    );
  }
});

test('images load, nothing shifts, and the browser takes AVIF at about its width', async ({ page, isMobile }) => {
  const images = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'image') images.push(request.url());
  });
  await page.goto(post);
  const pictures = page.locator('article picture img');
  await expect(pictures).toHaveCount(2);
  for (const img of await pictures.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el) => el.complete && el.naturalWidth > 0)).toBe(true);
    // Laid out at the column's width with the file's proportions.
    const { width, height } = await img.boundingBox();
    const ratio = await img.evaluate((el) => el.naturalWidth / el.naturalHeight);
    expect(Math.abs(width / height - ratio)).toBeLessThan(0.02);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await layoutShift(page)).toBe(0);

  // Neither original is downloaded; each picture costs one AVIF whose
  // width fits the screen (a phone at 412 CSS px and 2.625 dppx needs
  // about 1,080 px; the desktop column at 1 dppx 672 px).
  const originals = images.filter((url) => url.endsWith(cover) || url.endsWith(screenshot));
  expect(originals).toEqual([]);
  const variants = images.filter((url) => variantWidth(url) !== null);
  expect(variants.length).toBe(2);
  for (const url of variants) {
    expect(url).toMatch(/\.avif$/);
    expect(variantWidth(url)).toBe(isMobile ? 1200 : 800);
  }
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false, waitForApp: false });

  test('the pictures show without the app', async ({ page }) => {
    await page.goto(post);
    const cover = page.locator('article picture.cover img');
    await expect(cover).toBeVisible();
    await expect.poll(() => cover.evaluate((el) => el.currentSrc)).toMatch(/\.avif$/);
    await expect(cover).toHaveAttribute('alt', /break-even line/);
  });
});
