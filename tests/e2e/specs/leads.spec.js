import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.js';

// The end-to-end build sends leads to a real lead inbox (crates/inbox, on
// SQLite), started by `cargo xtask test` the way `cargo xtask serve` starts
// it; INBOX_URL and INBOX_SECRET say where it is. Failures the inbox would
// not produce on its own (a 500, a refusal) are forced with page.route.
const INBOX = process.env.INBOX_URL ?? 'http://127.0.0.1:8788';
const SECRET = process.env.INBOX_SECRET ?? '';
const AUTH = { authorization: `Bearer ${SECRET}` };
const ROAS = '/calculators/roas?revenue=12000&spend=3000&margin=40';

/** A fresh address per test, so parallel tests find their own leads. */
function address(testInfo) {
  return `t${testInfo.workerIndex}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@leads.example`;
}

/** The leads the inbox stored for one address. */
async function stored(request, email) {
  const response = await request.get(`${INBOX}/inbox/leads.json`, { headers: AUTH });
  expect(response.status()).toBe(200);
  return (await response.json()).filter((lead) => lead.email === email);
}

async function fillLead(page, email) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Name (optional)', { exact: true }).fill('Ada');
  await page.getByLabel('I agree to be emailed about this analysis.').check();
  await page.getByTestId('lead-submit').click();
}

/** Submits a lead while the browser is offline; it must end up queued. */
async function submitOffline(page, context, email) {
  await page.goto(ROAS);
  // The form appears with the site index, which names the endpoint.
  await expect(page.getByTestId('lead-form')).toBeVisible();
  await context.setOffline(true);
  await fillLead(page, email);
  await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'queued');
}

/** Answers the first `answers.length` lead posts with those statuses, then lets them through; records every body. */
async function scriptLeadPosts(page, answers) {
  const bodies = [];
  await page.route(`${INBOX}/leads`, async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    bodies.push(JSON.parse(request.postData()));
    const status = answers.shift();
    if (status === undefined) return route.continue();
    const text = status === 400 ? 'the email domain does not accept mail' : 'try later';
    return route.fulfill({
      status,
      contentType: 'text/plain',
      headers: { 'access-control-allow-origin': '*' },
      body: text,
    });
  });
  return bodies;
}

test('a lead is stored once, with inputs, results and its page, and the author reads it in the inbox and the CSV', async ({ page, browser, request }, testInfo) => {
  // The visitor's page, then the author's inbox page and CSV in a second context.
  test.setTimeout(60_000);
  const email = address(testInfo);
  await page.goto(ROAS);
  await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
  await fillLead(page, email);
  await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent');
  const got = await stored(request, email);
  expect(got).toHaveLength(1);
  const [lead] = got;
  expect(lead).toMatchObject({
    email,
    name: 'Ada',
    company: null,
    calculator: 'roas',
    consent: true,
    inputs: { revenue: '12000', spend: '3000', margin: '40', currency: 'USD' },
    results: { roas: '4.00× (400.0%)', profit: '$1,800.00', 'breakeven-roas': '2.50×', poas: '1.60×' },
    origin: 'http://127.0.0.1:4173',
  });
  expect(lead.page_url).toBe(`http://127.0.0.1:4173${ROAS}`);
  expect(lead.id).toMatch(/^[0-9a-f-]{36}$/);

  // The author's inbox page (HTTP Basic, the secret as password), without JavaScript.
  const author = await browser.newContext({ httpCredentials: { username: 'author', password: SECRET }, javaScriptEnabled: false });
  const inbox = await author.newPage();
  await inbox.goto(`${INBOX}/inbox?calculator=roas`);
  const card = inbox.locator(`[data-testid="lead"][data-id="${lead.id}"]`);
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(email);
  await expect(card.getByTestId('lead-calculator')).toHaveText('roas');
  await expect(card.getByTestId('lead-result')).toHaveText(['2.50×', '1.60×', '$1,800.00', '4.00× (400.0%)']);
  // Marked handled from the page itself (a real form post).
  await card.getByRole('button', { name: 'Mark handled' }).click();
  await expect(inbox.locator(`[data-testid="lead"][data-id="${lead.id}"] [data-testid="lead-handled"]`)).toContainText('Handled');
  await author.close();

  // Accessible (axe needs script, so this context runs it past the page's CSP).
  const checker = await browser.newContext({ httpCredentials: { username: 'author', password: SECRET }, bypassCSP: true });
  const checked = await checker.newPage();
  await checked.goto(`${INBOX}/inbox`);
  const axe = await new AxeBuilder({ page: checked }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await checker.close();

  const csv = await (await request.get(`${INBOX}/inbox/leads.csv`, { headers: AUTH })).text();
  const row = csv.split('\n').find((line) => line.includes(email));
  expect(row).toContain(`${lead.id},${email},Ada,,roas,currency=USD; margin=40; revenue=12000; spend=3000,`);
  expect(row).toContain('"breakeven-roas=2.50×; poas=1.60×; profit=$1,800.00; roas=4.00× (400.0%)"');
});

test('a bad email and a missing consent are explained, and nothing is sent', async ({ page, request }, testInfo) => {
  const email = address(testInfo);
  await page.goto(ROAS);
  await page.getByLabel('Email', { exact: true }).fill('not-an-email');
  await page.getByTestId('lead-submit').click();
  await expect(page.locator('#lead-email-error')).toHaveText('An email address needs an @, like name@example.com.');
  await expect(page.locator('#lead-consent-error')).toHaveText('Tick the box so we may email you.');
  expect(await stored(request, email)).toHaveLength(0);
});

test.describe('when delivery fails', () => {
  test.use({ allowedErrors: ['Failed to load resource', 'ERR_INTERNET_DISCONNECTED', '500', '400'] });

  test('offline: queued on the device, sent after reconnecting', async ({ page, context, request }, testInfo) => {
    const email = address(testInfo);
    await submitOffline(page, context, email);
    await expect(page.getByTestId('lead-status')).toContainText('saved on this device');
    expect(await stored(request, email)).toHaveLength(0);
    await context.setOffline(false);
    await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent', { timeout: 10_000 });
    expect(await stored(request, email)).toHaveLength(1);
  });

  test('a 500 is retried until the inbox takes it', async ({ page, request }, testInfo) => {
    const email = address(testInfo);
    await page.goto(ROAS);
    const bodies = await scriptLeadPosts(page, [500]);
    await fillLead(page, email);
    await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'queued');
    await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent', { timeout: 10_000 });
    expect(bodies).toHaveLength(2);
    expect(bodies[0].id).toBe(bodies[1].id);
    const got = await stored(request, email);
    expect(got.map((lead) => lead.id)).toEqual([bodies[0].id]);
  });

  test('closed while queued: the next visit sends it, exactly once', async ({ page, context, request }, testInfo) => {
    const email = address(testInfo);
    await submitOffline(page, context, email);
    await page.close();
    await context.setOffline(false);
    const next = await context.newPage();
    await next.goto('/');
    await expect.poll(async () => (await stored(request, email)).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => next.evaluate(() => JSON.parse(localStorage.getItem('quire.leads.v1')).pending), { timeout: 5_000 }).toEqual([]);
    await next.waitForTimeout(2_000);
    expect(await stored(request, email)).toHaveLength(1);
  });

  test('a refusal is shown to the visitor and not retried', async ({ page, request }, testInfo) => {
    const email = address(testInfo);
    await page.goto(ROAS);
    const bodies = await scriptLeadPosts(page, [400]);
    await fillLead(page, email);
    const status = page.getByTestId('lead-status');
    await expect(status).toHaveAttribute('data-state', 'refused');
    await expect(status).toHaveText('The server refused it (400: the email domain does not accept mail). Check your details and send again.');
    await page.waitForTimeout(3_000);
    expect(bodies).toHaveLength(1);
    expect(await stored(request, email)).toHaveLength(0);
  });
});

test('the inbox refuses a lead from a page of another site', async ({ request }) => {
  const response = await request.post(`${INBOX}/leads`, {
    headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
    data: {},
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toBe('This site may not send leads to this inbox.');
});

test('a bot that fills the hidden field is thanked and ignored', async ({ page, request }, testInfo) => {
  const email = address(testInfo);
  await page.goto(ROAS);
  await page.locator('#lead-website').fill('https://spam.example', { force: true });
  await fillLead(page, email);
  await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent');
  expect(await stored(request, email)).toHaveLength(0);
});

test('the cohort page sends the retention table, never the rows', async ({ page, request }, testInfo) => {
  const email = address(testInfo);
  await page.goto('/calculators/cohort');
  await page.getByTestId('cohort-csv').fill('customer,date\na,2026-01-05\nb,2026-01-20\na,2026-02-02\n');
  await page.getByTestId('cohort-analyse').click();
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('50.0%');
  await fillLead(page, email);
  await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent');
  const [lead] = await stored(request, email);
  expect(lead.calculator).toBe('cohort');
  expect(lead.inputs).toEqual({ rows: '3', customers: '2', cohorts: '1', period: 'month' });
  expect(lead.results).toEqual({ 'retention 2026-01 (size 2)': '100.0%, 50.0%' });
  expect(JSON.stringify(lead)).not.toContain('2026-01-05');
});
