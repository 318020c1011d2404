import { test, expect } from './fixtures.js';

const RECEIVER = 'http://127.0.0.1:8788';
const ROAS = '/calculators/roas?revenue=12000&spend=3000&margin=40';

/** A fresh address per test, so parallel tests have their own receiver script. */
function address(testInfo) {
  return `t${testInfo.workerIndex}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@leads.example`;
}

async function script(request, email, answers) {
  await request.post(`${RECEIVER}/script`, { data: { email, answers } });
}

async function attempts(request, email) {
  return (await request.get(`${RECEIVER}/received?email=${encodeURIComponent(email)}`)).json();
}

async function fillLead(page, email) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Name (optional)').fill('Ada');
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

test('a lead is sent once, with inputs, results and its page', async ({ page, request }, testInfo) => {
  const email = address(testInfo);
  await page.goto(ROAS);
  await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
  await fillLead(page, email);
  await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent');
  const got = await attempts(request, email);
  expect(got).toHaveLength(1);
  const { lead } = got[0];
  expect(lead).toMatchObject({
    email,
    name: 'Ada',
    company: null,
    calculator: 'roas',
    consent: true,
    inputs: { revenue: '12000', spend: '3000', margin: '40' },
  });
  expect(lead.results.roas).toBe('4.00× (400.0%)');
  expect(lead.page_url).toContain('/calculators/roas?revenue=12000');
  expect(lead.id).toMatch(/^[0-9a-f-]{36}$/);
});

test('a bad email and a missing consent are explained, and nothing is sent', async ({ page, request }, testInfo) => {
  const email = address(testInfo);
  await page.goto(ROAS);
  await page.getByLabel('Email', { exact: true }).fill('not-an-email');
  await page.getByTestId('lead-submit').click();
  await expect(page.locator('#lead-email-error')).toHaveText('An email address needs an @, like name@example.com.');
  await expect(page.locator('#lead-consent-error')).toHaveText('Tick the box so we may email you.');
  expect(await attempts(request, email)).toHaveLength(0);
});

test.describe('when delivery fails', () => {
  test.use({ allowedErrors: ['Failed to load resource', 'ERR_INTERNET_DISCONNECTED', '500', '400'] });

  test('offline: queued on the device, sent after reconnecting', async ({ page, context, request }, testInfo) => {
    const email = address(testInfo);
    await submitOffline(page, context, email);
    await expect(page.getByTestId('lead-status')).toContainText('saved on this device');
    await context.setOffline(false);
    await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent', { timeout: 10_000 });
    const got = await attempts(request, email);
    expect(got).toHaveLength(1);
  });

  test('a 500 is retried until the receiver takes it', async ({ page, request }, testInfo) => {
    const email = address(testInfo);
    await script(request, email, [500]);
    await page.goto(ROAS);
    await fillLead(page, email);
    await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'queued');
    await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent', { timeout: 10_000 });
    const got = await attempts(request, email);
    expect(got.map((a) => a.status)).toEqual([500, 200]);
    expect(got[0].lead.id).toBe(got[1].lead.id);
  });

  test('closed while queued: the next visit sends it, exactly once', async ({ page, context, request }, testInfo) => {
    const email = address(testInfo);
    await submitOffline(page, context, email);
    await page.close();
    await context.setOffline(false);
    const next = await context.newPage();
    await next.goto('/');
    await expect.poll(async () => (await attempts(request, email)).length, { timeout: 10_000 }).toBe(1);
    await next.waitForTimeout(3_000);
    const got = await attempts(request, email);
    expect(got).toHaveLength(1);
    expect(got[0].status).toBe(200);
    expect(await next.evaluate(() => JSON.parse(localStorage.getItem('quire.leads.v1')).pending)).toEqual([]);
  });

  test('a 400 is shown to the visitor and not retried', async ({ page, request }, testInfo) => {
    const email = address(testInfo);
    await script(request, email, [400]);
    await page.goto(ROAS);
    await fillLead(page, email);
    const status = page.getByTestId('lead-status');
    await expect(status).toHaveAttribute('data-state', 'refused');
    await expect(status).toContainText('the email domain does not accept mail');
    await page.waitForTimeout(3_000);
    expect(await attempts(request, email)).toHaveLength(1);
  });
});

test('a bot that fills the hidden field is thanked and ignored', async ({ page, request }, testInfo) => {
  const email = address(testInfo);
  await page.goto(ROAS);
  await page.locator('#lead-website').fill('https://spam.example', { force: true });
  await fillLead(page, email);
  await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent');
  expect(await attempts(request, email)).toHaveLength(0);
});

test('the cohort page sends the retention table, never the rows', async ({ page, request }, testInfo) => {
  const email = address(testInfo);
  await page.goto('/calculators/cohort');
  await page.getByTestId('cohort-csv').fill('customer,date\na,2026-01-05\nb,2026-01-20\na,2026-02-02\n');
  await page.getByTestId('cohort-analyse').click();
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('50.0%');
  await fillLead(page, email);
  await expect(page.getByTestId('lead-status')).toHaveAttribute('data-state', 'sent');
  const [{ lead }] = await attempts(request, email);
  expect(lead.calculator).toBe('cohort');
  expect(lead.inputs).toEqual({ rows: '3', customers: '2', cohorts: '1' });
  expect(lead.results).toEqual({ 'retention 2026-01 (size 2)': '100.0%, 50.0%' });
  expect(JSON.stringify(lead)).not.toContain('2026-01-05');
});
