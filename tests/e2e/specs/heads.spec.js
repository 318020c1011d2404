// Every route's head is drawn by one function (quire_model::route): the
// build writes it into the route's page for crawlers, and the app draws it
// once it runs. For every route the build published (routes.json), the two
// must be the same: title, description, canonical URL, robots, OpenGraph,
// Twitter card and JSON-LD.
import { test, expect, routePath } from './fixtures.js';

/** The head of `doc` as plain data. */
function headOf(doc) {
  const meta = {};
  for (const tag of doc.querySelectorAll('head meta[name], head meta[property]')) {
    meta[tag.getAttribute('name') ?? tag.getAttribute('property')] = tag.getAttribute('content');
  }
  delete meta.viewport;
  delete meta['color-scheme'];
  delete meta['theme-color'];
  return {
    title: doc.title,
    meta,
    canonical: [...doc.querySelectorAll('head link[rel="canonical"]')].map((l) => l.getAttribute('href')),
    jsonLd: [...doc.querySelectorAll('head script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)),
  };
}

test.describe('heads', () => {
  test.skip(({ isMobile }) => isMobile, 'the head does not depend on the viewport');

  test('every prerendered head equals the head the app draws for that route', async ({ page, request, postIndex }) => {
    test.setTimeout(180_000);
    const routes = await (await request.get(`/content/${postIndex.build}/routes.json`)).json();
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const path = routePath(route);
      const html = await (await request.get(path)).text();
      await page.goto(path);
      const built = await page.evaluate(
        ([html, source]) => new Function(`return (${source})`)()(new DOMParser().parseFromString(html, 'text/html')),
        [html, headOf.toString()],
      );
      // The app removes the build's tags and draws its own once mounted.
      await expect(page.locator('head [data-route-head]')).toHaveCount(0);
      await expect(page.locator('head link[rel="canonical"]')).toHaveCount(1);
      const drawn = await page.evaluate((source) => new Function(`return (${source})`)()(document), headOf.toString());
      expect(drawn, path).toEqual(built);
      expect(built.meta.description, `${path} has a description`).toBeTruthy();
    }
  });
});
