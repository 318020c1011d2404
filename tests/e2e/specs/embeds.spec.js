// Calculators on other sites: a page of another site (tests/e2e/host-server.mjs,
// http://localhost:4174, which the end-to-end build allows to frame the
// embeds) pastes the snippet a calculator page offers. The frame starts from
// the snippet's inputs, sizes itself to its content without moving the host
// page, and a lead sent from it reaches the inbox credited to that site.
// A site not allowed (http://localhost:4175) cannot frame the embeds, and no
// site can frame an ordinary page.
import { test, expect } from './fixtures.js';

const HOST = 'http://localhost:4174';
const STRANGER = 'http://localhost:4175';
const INBOX = process.env.INBOX_URL ?? 'http://127.0.0.1:8788';
const AUTH = { authorization: `Bearer ${process.env.INBOX_SECRET ?? ''}` };
const ROAS = '/calculators/roas?revenue=12000&spend=3000&margin=40';

// The host pages have no quire app to wait for. Offline, the frame's
// lead post fails (the outbox keeps the lead).
test.use({ waitForApp: false, allowedErrors: ['ERR_INTERNET_DISCONNECTED'] });

/** The snippet the calculator page at `path` offers, with `partner` filled in. */
async function snippetFrom(page, path, partner = '') {
  await page.goto(path);
  // A calculator's blank form starts its app on the reader's first reach.
  await page.keyboard.press('Shift');
  await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
  const panel = page.getByTestId('embed-snippet');
  await panel.getByText('Embed this calculator').click();
  if (partner) await panel.getByLabel('Partner name (optional)').fill(partner);
  const code = panel.getByTestId('embed-code');
  await expect(code).toHaveValue(/<script src="http:\/\/127\.0\.0\.1:4173\/embed\.js" async><\/script>$/);
  if (partner) await expect(code).toHaveValue(new RegExp(`partner=${partner}`));
  return code.inputValue();
}

/** Opens a host page on `origin` with `snippet`, counting its layout shifts from the start. */
async function openHost(page, origin, snippet, spacer = 0) {
  await page.addInitScript(() => {
    if (window.top !== window) return;
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const url = new URL('/host', origin);
  url.searchParams.set('snippet', snippet);
  if (spacer) url.searchParams.set('spacer', String(spacer));
  await page.goto(url.href);
}

/** Waits until the frame is exactly as tall as its page, with no scrollbar. */
async function expectSizedToContent(page) {
  const iframe = page.locator('iframe[data-quire-embed]');
  await expect
    .poll(async () => {
      const frameHeight = await iframe.evaluate((f) => f.getBoundingClientRect().height);
      const content = await iframe.contentFrame().locator('html').evaluate((html) => ({
        height: Math.ceil(html.getBoundingClientRect().height),
        scrolls: html.scrollHeight > window.innerHeight,
      }));
      return content.scrolls ? 'scrolls' : Math.abs(frameHeight - content.height) <= 1;
    }, { message: 'the frame takes its content height, with no scrollbar' })
    .toBe(true);
}

test('a framed calculator starts from the snippet, sizes itself without moving the host page, and credits its lead to that site', async ({ page, request }, testInfo) => {
  const partner = `letter${testInfo.workerIndex}${Date.now() % 1e6}`;
  const snippet = await snippetFrom(page, ROAS, partner);
  expect(snippet).toContain(`src="http://127.0.0.1:4173/embed/calculators/roas?revenue=12000&amp;spend=3000&amp;margin=40`);
  expect(snippet).toMatch(/title="[^"]+" loading="lazy"/);
  const roas = await page.getByTestId('result-roas').innerText();

  // On a phone the host's column is narrower than the embed's, so the
  // snippet's height is not the frame's: a long article puts it below the
  // first screen, where it is sized before the reader gets there.
  const phone = testInfo.project.name === 'phone';
  await openHost(page, HOST, snippet, phone ? 1200 : 0);
  const iframe = page.locator('iframe[data-quire-embed]');
  const frame = page.frameLocator('iframe[data-quire-embed]');
  await expect(frame.getByTestId('result-roas')).toHaveText(roas);
  await expect(frame.getByLabel('Ad spend')).toHaveValue('3000');
  // No site chrome, a link back to the calculator's own page.
  await expect(frame.locator('.site-header')).toHaveCount(0);
  await expect(frame.getByTestId('embed-credit')).toHaveAttribute('target', '_blank');
  await expectSizedToContent(page);
  if (!phone) {
    // In a column as wide as the embed's, the snippet's height was right:
    // the frame never changed size.
    const given = Number(snippet.match(/height="(\d+)"/)[1]);
    expect(await iframe.evaluate((f) => f.getBoundingClientRect().height)).toBe(given);
  }
  await page.locator('#after').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__shift), 'layout shift on the host page').toBe(0);

  // The lead, sent from inside the frame.
  const email = `embed-${testInfo.workerIndex}-${Date.now()}@leads.example`;
  await frame.getByLabel('Email', { exact: true }).fill(email);
  await frame.getByLabel('I agree to be emailed about this analysis.').check();
  await frame.getByTestId('lead-submit').click();
  await expect(frame.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent');
  const leads = await (await request.get(`${INBOX}/inbox/leads.json`, { headers: AUTH })).json();
  const lead = leads.find((l) => l.email === email);
  expect(lead, 'the lead reached the inbox').toBeTruthy();
  expect(lead.embedded_on).toBe(HOST);
  expect(lead.partner).toBe(partner);
  expect(lead.inputs.spend).toBe('3000');
  expect(lead.page_url).toContain('/embed/calculators/roas?');
});

test('each snippet\'s height is its embed\'s, with the required inputs, in a column as wide as the embed', async ({ page }, testInfo) => {
  testInfo.skip(testInfo.project.name === 'phone', 'a phone\'s column is narrower than the embed');
  for (const path of [
    ROAS,
    '/calculators/cac?marketing=30000&customers=40&arpa=150&margin=80',
    '/calculators/ltv?arpa=100&margin=75&churn=5',
    '/calculators/cohort',
  ]) {
    const snippet = await snippetFrom(page, path);
    const given = Number(snippet.match(/height="(\d+)"/)[1]);
    const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    await page.goto(src);
    await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
    await expect
      .poll(() => page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)), { message: path })
      .toBe(given);
  }
});

test('a lead that cannot be sent from the frame is kept, and sent when the embed is next open', async ({ page, context, request }, testInfo) => {
  testInfo.skip(testInfo.project.name === 'phone', 'the outbox does not depend on the viewport');
  const snippet = await snippetFrom(page, ROAS);
  await openHost(page, HOST, snippet);
  const frame = page.frameLocator('iframe[data-quire-embed]');
  await expect(frame.getByTestId('lead-form')).toBeVisible();
  const email = `embed-offline-${testInfo.workerIndex}-${Date.now()}@leads.example`;
  await context.setOffline(true);
  await frame.getByLabel('Email', { exact: true }).fill(email);
  await frame.getByLabel('I agree to be emailed about this analysis.').check();
  await frame.getByTestId('lead-submit').click();
  await expect(frame.getByTestId('lead-status')).toHaveAttribute('data-state', 'queued');
  // The frame's storage is this host's partition of the quire site's: the
  // queued lead waits there, and the embed sends it the next time it opens
  // on this host.
  await context.setOffline(false);
  await page.reload();
  await expect
    .poll(async () => {
      const leads = await (await request.get(`${INBOX}/inbox/leads.json`, { headers: AUTH })).json();
      return leads.filter((l) => l.email === email).map((l) => l.embedded_on);
    }, { timeout: 15_000 })
    .toEqual([HOST]);
});

test('the cohort calculator works framed and grows with its heatmap', async ({ page }) => {
  const snippet = await snippetFrom(page, '/calculators/cohort');
  expect(snippet).toContain('src="http://127.0.0.1:4173/embed/calculators/cohort"');
  await openHost(page, HOST, snippet);
  await expectSizedToContent(page);
  const iframe = page.locator('iframe[data-quire-embed]');
  const before = await iframe.evaluate((f) => f.getBoundingClientRect().height);
  const frame = page.frameLocator('iframe[data-quire-embed]');
  await frame.getByRole('button', { name: 'Try sample data' }).click();
  await expect(frame.getByTestId('cohort-heatmap')).toBeVisible();
  await expectSizedToContent(page);
  expect(await iframe.evaluate((f) => f.getBoundingClientRect().height)).toBeGreaterThan(before);
});

test.describe('who may frame what', () => {
  test.use({ allowedErrors: ['Refused to frame', 'frame-ancestors', 'ERR_BLOCKED_BY_RESPONSE'] });

  for (const [what, origin, path] of [
    ['an embed, by a site not allowed', STRANGER, '/embed/calculators/roas'],
    ['a calculator page, by an allowed site', HOST, '/calculators/roas'],
    ['a post, by an allowed site', HOST, '/posts/break-even-roas'],
  ]) {
    test(`the browser refuses to frame ${what}`, async ({ page }) => {
      const snippet = `<iframe src="http://127.0.0.1:4173${path}" title="framed" data-quire-embed></iframe>`;
      await openHost(page, origin, snippet);
      await page.locator('iframe').waitFor();
      await expect
        .poll(() => page.frames().find((f) => f !== page.mainFrame())?.url())
        .toMatch(/^chrome-error:/);
    });
  }

  test('an allowed site frames an embed', async ({ page }) => {
    const snippet = `<iframe src="http://127.0.0.1:4173/embed/calculators/ltv" title="framed"></iframe>`;
    await openHost(page, HOST, snippet);
    await expect(page.frameLocator('iframe').getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test('theme= chooses the embed\'s theme, and its head sends search engines to the calculator page', async ({ page }) => {
  await page.goto('/embed/calculators/cac?theme=dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/calculators\/cac$/);
});
