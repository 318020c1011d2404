import { test, expect, holdApp, layoutShifts } from './fixtures.js';

/** Text of the whole page must never show a number that is not one. */
async function expectNoBrokenNumbers(page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/NaN|Infinity|∞/);
}

// The calculators' app's WASM (the first stage's is quire_figures-…).
const CALCULATORS_APP = /quire_calculators-[0-9a-f]+_bg\.wasm$/;

/**
 * What a calculator form shows: each field's text, message and state, the
 * currency, and each result's parts (class, test id, text), so the first
 * stage's page and the app's can be compared whatever comment nodes the
 * app leaves.
 */
async function shownForm(page) {
  return page.locator('main .calculator').evaluate((calculator) => ({
    fields: [...calculator.querySelectorAll('.calculator-inputs .field')].map((field) => {
      const input = field.querySelector('input, select');
      return {
        id: input.id,
        value: input.value,
        invalid: field.classList.contains('field-invalid'),
        ariaInvalid: input.getAttribute('aria-invalid'),
        describedBy: input.getAttribute('aria-describedby'),
        error: field.querySelector('.field-error')?.textContent ?? null,
      };
    }),
    results: [...calculator.querySelectorAll('.result-list > .result')].map((result) => ({
      class: result.className,
      parts: [...result.children].map((part) => ({
        tag: part.tagName,
        class: part.className,
        testid: part.dataset.testid ?? null,
        text: part.textContent,
        html: part.innerHTML.replace(/<!--.*?-->/g, ''),
      })),
    })),
  }));
}

/** Scrolls so the end of the results is at the bottom of the screen. */
async function scrollToEndOfResults(page) {
  await page.locator('.calculator-results').evaluate((results) => {
    window.scrollTo(0, results.getBoundingClientRect().bottom + window.scrollY - window.innerHeight);
  });
}

test('the calculators index links to each calculator', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Calculators' }).click();
  await expect(page).toHaveURL('/calculators');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calculators');
  await page.getByTestId('calculator-link-roas').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ROAS calculator');
  await expect(page).toHaveTitle(/ROAS calculator/);
});

test('ROAS from a shared link', async ({ page }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40&target_margin=10');
  await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
  await expect(page.getByTestId('result-breakeven-roas')).toHaveText('2.50×');
  await expect(page.getByTestId('result-profit')).toHaveText('$1,800.00');
  await expect(page.getByTestId('result-target-roas')).toHaveText('3.33×');
  await expect(page.getByTestId('result-poas')).toHaveText('1.60×');
  await expect(page.getByLabel('Ad spend', { exact: true })).toHaveValue('3000');
  await expectNoBrokenNumbers(page);
});

test('CAC and payback from a shared link', async ({ page }) => {
  await page.goto('/calculators/cac?marketing=30000&sales=18000&customers=40&paid_spend=20000&paid_customers=25&arpa=150&margin=80');
  await expect(page.getByTestId('result-cac')).toHaveText('$1,200.00');
  await expect(page.getByTestId('result-paid-cac')).toHaveText('$800.00');
  await expect(page.getByTestId('result-payback-months')).toHaveText('10.0 months');
});

test('LTV from a shared link, and zero churn shows a bounded horizon', async ({ page }) => {
  await page.goto('/calculators/ltv?arpa=100&margin=75&churn=5&discount=12&cac=500&expansion=2');
  await expect(page.getByTestId('result-lifetime')).toHaveText('20.0 months');
  await expect(page.getByTestId('result-nrr')).toHaveText('69.4%');
  await expect(page.getByTestId('result-expansion-ltv')).toHaveText('$2,500.00');
  await expect(page.getByTestId('result-max-cac')).toHaveText('$500.00');
  await expect(page.getByTestId('result-ltv')).toHaveText('$1,500.00');
  await expect(page.getByTestId('result-discounted-ltv')).toHaveText('$1,260.74');
  await expect(page.getByTestId('result-ltv-cac')).toHaveText('3.00:1');

  await page.getByLabel('Monthly churn').fill('0');
  await expect(page.getByTestId('result-ltv')).toHaveText('$4,500.00 within 60 months');
  await expect(page).toHaveURL(/churn=0(&|$)/);
  await expectNoBrokenNumbers(page);
});

test('editing an input updates the results and the URL', async ({ page }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40');
  const spend = page.getByLabel('Ad spend', { exact: true });
  await spend.fill('6000');
  await expect(page.getByTestId('result-roas')).toHaveText('2.00× (200.0%)');
  await expect(page).toHaveURL(/spend=6000/);
  await expect(page).toHaveURL(/revenue=12000/);
  // The link reproduces the page after a reload.
  await page.reload();
  await expect(page.getByLabel('Ad spend', { exact: true })).toHaveValue('6000');
  await expect(page.getByTestId('result-profit')).toHaveText('-$1,200.00');
});

test('bad inputs show messages, never NaN or infinity', async ({ page }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40');
  await page.getByLabel('Ad spend', { exact: true }).fill('0');
  await expect(page.getByTestId('error-spend')).toHaveText('Ad spend must be more than zero');
  await expect(page.getByLabel('Ad spend', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('result-roas')).toHaveCount(0);
  await expect(page.getByTestId('waiting-roas')).toHaveText('Needs ad spend.');
  // Break-even needs only the margin, which is still fine.
  await expect(page.getByTestId('result-breakeven-roas')).toHaveText('2.50×');
  await expectNoBrokenNumbers(page);

  await page.getByLabel('Ad spend', { exact: true }).fill('lots');
  await expect(page.getByTestId('error-spend')).toHaveText('Ad spend must be a number, like 1200 or 1,200.50');
  await page.getByLabel('Gross margin').fill('140');
  await expect(page.getByTestId('error-margin')).toHaveText('Gross margin must be a percentage from 0 to 100');
  await expectNoBrokenNumbers(page);

  // Half of a pair: the result that needs the other half says so.
  await page.goto('/calculators/cac?marketing=1000&customers=10&arpa=50');
  await expect(page.getByTestId('result-cac')).toHaveText('$100.00');
  await expect(page.getByTestId('waiting-payback-months')).toHaveText('Needs gross margin.');
});

// Each result appears once the inputs it depends on are valid, whatever
// the others still lack, and says which inputs it is waiting for.
test('each result appears with only its own inputs', async ({ page }) => {
  // A new visitor on the ROAS page types revenue and spend, no margin yet.
  await page.goto('/calculators/roas');
  await expect(page.getByTestId('waiting-roas')).toHaveText('Needs revenue from ads and ad spend.');
  await page.getByLabel('Revenue from ads').fill('12000');
  await page.getByLabel('Ad spend', { exact: true }).fill('3000');
  await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
  await expect(page.getByTestId('waiting-profit')).toHaveText('Needs gross margin.');
  await expect(page.getByTestId('waiting-breakeven-roas')).toHaveText('Needs gross margin.');
  await expect(page.getByTestId('waiting-target-roas')).toHaveText('Needs gross margin and target profit margin.');
  await page.getByLabel('Gross margin').fill('40');
  await expect(page.getByTestId('result-profit')).toHaveText('$1,800.00');
  await expect(page.getByTestId('result-breakeven-roas')).toHaveText('2.50×');

  await page.goto('/calculators/cac');
  await page.getByLabel('Paid-channel spend').fill('20000');
  await page.getByLabel('Customers from paid channels').fill('25');
  await expect(page.getByTestId('result-paid-cac')).toHaveText('$800.00');
  await expect(page.getByTestId('waiting-cac')).toHaveText('Needs marketing spend and new customers.');

  await page.goto('/calculators/ltv');
  await expect(page.getByTestId('waiting-ltv')).toHaveText(
    'Needs monthly revenue per account, gross margin and monthly churn.',
  );
  await page.getByLabel('Monthly churn').fill('5');
  await expect(page.getByTestId('result-lifetime')).toHaveText('20.0 months');
  await expect(page.getByTestId('waiting-ltv')).toHaveText('Needs monthly revenue per account and gross margin.');
  await expectNoBrokenNumbers(page);
});

test.describe('unknown calculator', () => {
  // Served as 404.html with status 404.
  test.use({ allowedErrors: ['404'] });

  test('an unknown calculator is not found', async ({ page }) => {
    const response = await page.goto('/calculators/nope');
    expect(response.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });
});

// Worked by hand: a (Jan, Feb, Mar), b (Jan), c (Feb, Mar), d (Mar).
// Jan cohort: 2 customers, active 2, 1, 1 → 100%, 50%, 50%. Feb: c → 100%, 100%. Mar: d → 100%.
const COHORT_CSV = 'customer,date\na,2026-01-05\nb,2026-01-20\na,2026-02-02\na,2026-02-17\nc,2026-02-09\na,2026-03-01\nc,2026-03-30\nd,2026-03-15\n';

test('cohort: pasted events build the retention heatmap', async ({ page }) => {
  await page.goto('/calculators/cohort');
  await expect(page.getByTestId('cohort-privacy')).toContainText('never leaves this device');
  await page.getByTestId('cohort-csv').fill(COHORT_CSV);
  await page.getByTestId('cohort-analyse').click();
  await expect(page.getByTestId('cohort-cell-0-0')).toHaveText('100.0%');
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('50.0%');
  await expect(page.getByTestId('cohort-cell-0-2')).toHaveText('50.0%');
  await expect(page.getByTestId('cohort-cell-1-1')).toHaveText('100.0%');
  await expect(page.getByTestId('cohort-cell-2-0')).toHaveText('100.0%');
  // The newest cohort has no month 1 yet: an empty, unshaded cell.
  await expect(page.getByTestId('cohort-cell-2-1')).toHaveText('');
  await expect(page.getByTestId('cohort-cell-2-1')).toHaveClass('heat-none');
  await expect(page.getByTestId('cohort-summary')).toHaveText('8 rows, 4 customers, 3 cohorts.');
  await expect(page.getByRole('img', { name: 'Retention curves of the 3 most recent cohorts' })).toBeVisible();
  await expectNoBrokenNumbers(page);
});

test('cohort: an uploaded CSV file with month-only dates renders the heatmap', async ({ page }) => {
  await page.goto('/calculators/cohort');
  const csv = 'id;month\n1;2025-11\n2;2025-11\n1;2025-12\n3;2025-12\n';
  await page.getByTestId('cohort-file').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('cohort-cell-0-0')).toHaveText('100.0%');
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('50.0%');
  await expect(page.getByTestId('cohort-cell-1-0')).toHaveText('100.0%');
});

test('cohort: a bad row is named, with its column', async ({ page }) => {
  await page.goto('/calculators/cohort');
  await page.getByTestId('cohort-csv').fill('customer,date\na,2026-01-05\nb,yesterday\n');
  await page.getByTestId('cohort-analyse').click();
  await expect(page.getByTestId('cohort-error')).toHaveText(/row 3, column 2 \(date\): `yesterday` is not a date/);
  await expect(page.getByTestId('cohort-heatmap')).toHaveCount(0);
});

test('cohort: 200,000 rows are read in slices with progress, and the page stays responsive', async ({ page }) => {
  await page.goto('/calculators/cohort');
  const lines = ['customer,date'];
  for (let i = 0; i < 200000; i++) {
    lines.push(`c${i % 20000},2025-${String(1 + (i % 12)).padStart(2, '0')}-15`);
  }
  await page.getByTestId('cohort-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('cohort-heatmap')).toBeVisible({ timeout: 30000 });
  await expect(page.getByTestId('cohort-summary')).toHaveText('200,000 rows, 20,000 customers, 4 cohorts.');
});

test('ROAS: a sensitivity table and an accessible chart follow the results', async ({ page }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40');
  const visuals = page.getByTestId('roas-sensitivity');
  // Today's spend and ROAS, in the middle of the table: 12,000 × 40% − 3,000.
  await expect(visuals.locator('td.today')).toHaveText('$1,800.00');
  // Half the ROAS at double the spend: 6,000 × 2.4 × 40% − 6,000 = −240.
  await expect(visuals.locator('tbody tr').nth(4).locator('td').nth(0)).toHaveText('-$240.00');
  await expect(visuals.locator('tbody tr').nth(4).locator('td').nth(0)).toHaveClass(/loss/);
  await expect(page.getByRole('img', { name: 'Profit by ad spend, at five ROAS levels' })).toBeVisible();
  await expect(page.getByTestId('roas-chart').locator('path.chart-line')).toHaveCount(5);
  await expectNoBrokenNumbers(page);
});

test('tables and charts below the screen follow the inputs as they come near, not on every pause in typing', async ({ page }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40');
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  const today = page.getByTestId('roas-sensitivity').locator('td.today');
  await expect(today).toHaveText('$1,800.00');
  await page.getByLabel('Ad spend', { exact: true }).fill('6000');
  // 12,000 × 40% − 6,000.
  await expect(page.getByTestId('result-profit')).toHaveText('-$1,200.00');
  // Both screens show the table more than a quarter-screen below: well
  // past the pause after which it would follow, it still shows the old
  // figures, and its redraw did not hold up the visitor's typing.
  await page.waitForTimeout(1200);
  await expect(today).toHaveText('$1,800.00');
  await today.scrollIntoViewIfNeeded();
  await expect(today).toHaveText('-$1,200.00');
  await expect(page.getByTestId('roas-chart').locator('path.chart-line')).toHaveCount(5);
  // Emptied inputs leave nothing to draw, which shows as the part comes
  // near; back at the form, a part showing nothing (and so with no place
  // on the page to watch) draws as soon as its inputs are there again.
  await page.getByLabel('Ad spend', { exact: true }).fill('');
  await expect(page.getByTestId('waiting-roas')).toBeVisible();
  await page.getByTestId('roas-chart').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('roas-sensitivity')).toHaveCount(0);
  await expect(page.getByTestId('roas-chart')).toHaveCount(0);
  await page.getByLabel('Ad spend', { exact: true }).fill('3000');
  await expect(today).toHaveText('$1,800.00');
});

test('LTV: the chart shows profit over time against CAC', async ({ page }) => {
  await page.goto('/calculators/ltv?arpa=100&margin=75&churn=5&cac=500');
  const chart = page.getByRole('img', { name: 'Gross profit per customer over 36 months' });
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('ltv-chart').locator('path.chart-line')).toHaveCount(2);
  await page.getByTestId('ltv-chart').getByText('Show the numbers').click();
  // Month 1: 100 × 75% = 75 of gross profit; by month 36 it nears the LTV of 1,500.
  await expect(page.getByTestId('ltv-chart').locator('tbody tr').first().locator('td').first()).toHaveText('75');
  await expect(page.getByTestId('ltv-chart').locator('tbody tr').last().locator('td').first()).toHaveText('1,263');
});

test('cohort: counts typed by hand give the same heatmap', async ({ page }) => {
  await page.goto('/calculators/cohort');
  await page.getByTestId('cohort-manual-mode').check();
  const cells = { '0-0': '100', '0-1': '80', '0-2': '50', '1-0': '50', '1-1': '20' };
  for (const [at, value] of Object.entries(cells)) await page.getByTestId(`manual-${at}`).fill(value);
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('80.0%');
  await expect(page.getByTestId('cohort-cell-0-2')).toHaveText('50.0%');
  await expect(page.getByTestId('cohort-cell-1-1')).toHaveText('40.0%');
  await expect(page.getByTestId('cohort-summary')).toHaveText('150 customers, 2 cohorts.');
  // The curves draw once typing pauses and their place (under the
  // heatmap, off screen) comes near; then they follow a change as they do.
  await page.locator('.cohort-curves').evaluate((place) => place.scrollIntoView());
  await expect(page.getByRole('img', { name: 'Retention curves of the 2 most recent cohorts' })).toBeVisible();
  await page.getByTestId('manual-2-0').fill('40');
  await page.locator('.cohort-curves').evaluate((place) => place.scrollIntoView());
  await expect(page.getByRole('img', { name: 'Retention curves of the 3 most recent cohorts' })).toBeVisible();
  await page.getByTestId('manual-1-1').fill('70');
  await expect(page.getByTestId('cohort-error')).toHaveText('Cohort 2, month 1: 70 retained is more than the cohort\'s 50 customers.');
});

// Per-channel tables, checked against the sums worked by hand in
// crates/calc/tests/channels.rs.
test('ROAS by channel: from a shared link, rows added and removed, kept in the URL', async ({ page }) => {
  await page.goto('/calculators/roas?channel=Search%7C1000%7C4000&channel=Social%7C3000%7C6000');
  const channels = page.getByTestId('channels');
  await expect(channels.getByTestId('channel-metric-1')).toHaveText('4.00×');
  await expect(channels.getByTestId('channel-metric-2')).toHaveText('2.00×');
  await expect(channels.getByTestId('channel-share-1')).toHaveText('25.0%');
  await expect(channels.getByTestId('channel-share-2')).toHaveText('75.0%');
  await expect(channels.getByTestId('channel-blended')).toHaveText('2.50×');

  await channels.getByRole('button', { name: 'Add channel' }).click();
  await page.getByLabel('Channel 3 name').fill('Newsletter');
  await page.getByLabel('Channel 3 spend').fill('0');
  await page.getByLabel('Channel 3 revenue').fill('400');
  await expect(channels.getByTestId('channel-metric-3')).toHaveText('no spend');
  await expect(channels.getByTestId('channel-blended')).toHaveText('2.60×');
  await expect(page).toHaveURL(/channel=Newsletter%7C0%7C400/);

  // A bad cell marks its row and holds back only the blend.
  await page.getByLabel('Channel 2 spend').fill('lots');
  await expect(page.getByLabel('Channel 2 spend')).toHaveAttribute('aria-invalid', 'true');
  await expect(channels.getByTestId('channel-metric-2')).toHaveText('Spend must be a number, like 1200 or 1,200.50');
  await expect(channels.getByTestId('channel-blended')).toHaveText('—');
  await page.getByLabel('Channel 2 spend').fill('3000');

  await channels.getByRole('button', { name: 'Remove channel 1' }).click();
  await expect(page.getByLabel('Channel 1 name')).toHaveValue('Social');
  // (6,000 + 400) ÷ 3,000 = 2.13×.
  await expect(channels.getByTestId('channel-blended')).toHaveText('2.13×');
  await expect(page).not.toHaveURL(/Search/);
  await page.reload();
  await expect(page.getByLabel('Channel 2 name')).toHaveValue('Newsletter');
  await expect(page.getByTestId('channel-blended')).toHaveText('2.13×');
  await expectNoBrokenNumbers(page);
});

test('CAC by channel: each channel\'s CAC, share and payback, and the blend', async ({ page }) => {
  await page.goto('/calculators/cac?arpa=50&margin=80&channel=Search%7C5000%7C50&channel=Events%7C15000%7C30&channel=Podcast%7C2000%7C0');
  const channels = page.getByTestId('channels');
  await expect(channels.getByTestId('channel-metric-1')).toHaveText('$100.00');
  await expect(channels.getByTestId('channel-metric-2')).toHaveText('$500.00');
  await expect(channels.getByTestId('channel-metric-3')).toHaveText('no customers yet');
  await expect(channels.getByTestId('channel-payback-1')).toHaveText('2.5 months');
  await expect(channels.getByTestId('channel-payback-2')).toHaveText('12.5 months');
  // 22,000 ÷ 80 = 275; 275 ÷ (50 × 80%) = 6.9 months.
  await expect(channels.getByTestId('channel-blended')).toHaveText('$275.00');
  await expect(channels.getByTestId('channel-blended-payback')).toHaveText('6.9 months');
  // Without a margin there is no payback to show.
  await page.getByLabel('Gross margin').fill('');
  await expect(channels.getByTestId('channel-payback-1')).toHaveText('');
  await expectNoBrokenNumbers(page);
});

test('LTV: a churn sensitivity table marks what falls under 3:1', async ({ page }) => {
  await page.goto('/calculators/ltv?arpa=100&margin=75&churn=5&cac=500');
  const table = page.getByTestId('ltv-sensitivity');
  await expect(table.locator('td.today')).toHaveText('$1,500.00');
  // 2.5% churn at ARPA 80: 80 × 75% ÷ 2.5% = 2,400; 7.5% at 120: 1,200, under 3 × 500.
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText('$2,400.00');
  await expect(table.locator('tbody tr').last().locator('td').last()).toHaveText('$1,200.00');
  await expect(table.locator('tbody tr').last().locator('td').last()).toHaveClass(/loss/);
  await expect(table.locator('tbody tr').first().locator('td').first()).not.toHaveClass(/loss/);
  await expectNoBrokenNumbers(page);
});

// The worked examples of crates/calc/tests/cohorts.rs, through the page.
test('cohort: weekly and quarterly cohorts, counts, and net and gross revenue retention', async ({ page }) => {
  await page.goto('/calculators/cohort');
  // 2026-03-02 is a Monday: a and b start that week, c the next.
  await page.getByTestId('cohort-csv').fill('a,2026-03-02\nb,2026-03-08\na,2026-03-09\nb,2026-03-22\nc,2026-03-10\n');
  await page.getByTestId('cohort-analyse').click();
  await expect(page.getByTestId('cohort-heatmap').locator('tbody th').first()).toHaveText('2026-03');
  await page.getByLabel('Cohorts by').selectOption('week');
  await expect(page.getByTestId('cohort-heatmap').locator('tbody th').first()).toHaveText('2026-03-02');
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('50.0%');
  await expect(page.getByTestId('cohort-cell-0-2')).toHaveText('50.0%');
  await expect(page.getByTestId('cohort-cell-1-1')).toHaveText('0.0%');
  await page.getByTestId('cohort-show-counts').check();
  await expect(page.getByTestId('cohort-cell-0-0')).toHaveText('2');
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('1');

  // Month-only dates cannot make weeks: the row and the fix are named.
  await page.getByTestId('cohort-csv').fill('a,2026-03-02\nb,2026-03\n');
  await page.getByTestId('cohort-analyse').click();
  await expect(page.getByTestId('cohort-error')).toContainText('row 2, column 2 (date): `2026-03` has no day');

  // An uploaded file (read by the worker) is read again for a new period.
  const csv = 'customer,date,revenue\na,2026-01-05,10\nb,2026-01-20,20\na,2026-02-01,10\na,2026-02-15,5\nc,2026-02-10,30\na,2026-03-03,10\nc,2026-03-09,15\nd,2026-03-30,40\n';
  await page.getByTestId('cohort-file').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByLabel('Cohorts by').selectOption('month');
  await expect(page.getByTestId('cohort-heatmap').locator('tbody th').first()).toHaveText('2026-01');
  // Jan cohort: 30 in Jan; a paid 15 in Feb: net 50%, gross (a capped at 10) 33.3%.
  await expect(page.getByTestId('revenue-net-0-1')).toHaveText('net 50.0%');
  await expect(page.getByTestId('revenue-gross-0-1')).toHaveText('gross 33.3%');
  await page.getByLabel('Cohorts by').selectOption('quarter');
  await expect(page.getByTestId('cohort-heatmap').locator('tbody th').first()).toHaveText('2026-Q1');
  await expect(page.getByTestId('cohort-summary')).toHaveText('8 rows, 4 customers, 1 cohort.');
  await expectNoBrokenNumbers(page);
});

test('currency: a shared link in euros; switching currency changes the page and the URL', async ({ page }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40&currency=EUR');
  await expect(page.getByTestId('result-profit')).toHaveText('€1,800.00');
  await expect(page.getByLabel('Currency')).toHaveValue('EUR');
  await expect(page.getByTestId('roas-sensitivity').locator('td.today')).toHaveText('€1,800.00');
  await page.getByLabel('Currency').selectOption('GBP');
  await expect(page.getByTestId('result-profit')).toHaveText('£1,800.00');
  await expect(page).toHaveURL(/currency=GBP/);
  // The yen has no minor unit.
  await page.getByLabel('Currency').selectOption('JPY');
  await expect(page.getByTestId('result-profit')).toHaveText('¥1,800');
  // The address follows once the visitor pauses; a reload then keeps the yen.
  await expect(page).toHaveURL(/currency=JPY/);
  await page.reload();
  await expect(page.getByTestId('result-profit')).toHaveText('¥1,800');
  await expect(page.getByLabel('Currency')).toHaveValue('JPY');
  await expectNoBrokenNumbers(page);
});

test.describe('starting the app', () => {
  // No key press: the calculators' app starts on its own on an address
  // with inputs (or settings), and a shift it causes is one the visitor
  // did not ask for.
  test.use({ waitForApp: false });
  // In two full CI runs (2026-12-02), once each, the filled-in ROAS page on
  // desktop shifted (0.006) as it loaded. The likely cause, found since: a
  // page painted before its header had all arrived (the header's links sat
  // against its right edge until the theme switch came; 0.002 to 0.006 in
  // the slow-network tests of prerendered.spec.js, fixed 2026-12-03). One
  // retry stays until runs show it gone; the first attempt stays in the
  // report as flaky, and its message names what moved (`layoutShifts`).
  test.describe.configure({ retries: 1 });
  for (const path of ['/calculators/roas?revenue=12000&spend=3000&margin=40&channel=Search%7C1000%7C4000', '/calculators/ltv?arpa=100&margin=75&churn=5&cac=500']) {
    test(`a shared link's page does not move while its figures and its app come: ${path.split('?')[0]}`, async ({ page }) => {
      await page.goto(path);
      await page.locator('html[data-figures="ready"]').waitFor({ state: 'attached' });
      // The reader scrolls on to the end of the results: what the app draws
      // under them is a screen away, so the app starts and draws it there.
      await scrollToEndOfResults(page);
      await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
      await expect(page.locator('.site-title')).not.toBeEmpty();
      await page.waitForTimeout(500);
      expect(await layoutShifts(page)).toEqual([]);
    });
  }

  test('a shared link shows its figures before the app, the same figures the app then draws', async ({ page }) => {
    // Each link with what the first stage (crates/figures) must get right:
    // results waiting for inputs, a text that is not a number, a currency
    // and a locale's numbers, every result there.
    const links = [
      '/calculators/roas?revenue=12000&spend=3000&margin=40&target_margin=10',
      '/calculators/roas?revenue=8000&spend=2000',
      '/calculators/cac?marketing=abc&customers=40&arpa=150&margin=80',
      '/calculators/cac?marketing=30000&sales=18000&customers=40&paid_spend=20000&paid_customers=25&arpa=150&margin=80&currency=EUR',
      '/calculators/ltv?arpa=100&margin=75&churn=0&cac=500&currency=JPY',
      '/calculators/ltv?arpa=100&margin=75&churn=5&discount=12&cac=500&expansion=2',
    ];
    for (const link of links) {
      const release = await holdApp(page, CALCULATORS_APP);
      await page.goto(link);
      await page.locator('html[data-figures="ready"]').waitFor({ state: 'attached' });
      const first = await shownForm(page);
      expect(first.results.length, link).toBeGreaterThan(0);
      release();
      await page.keyboard.press('Shift');
      await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
      await page.unroute(CALCULATORS_APP);
      expect(await shownForm(page), link).toEqual(first);
    }
  });

  test('a shared link loads the small first stage; the app only once the reader nears what it draws', async ({ page }, testInfo) => {
    // On a phone's screen the charts are more than a screen below the
    // results; a desktop's may show them at once, and so start the app.
    test.skip(testInfo.project.name !== 'phone', 'a phone-sized screen');
    const requested = [];
    page.on('request', (request) => {
      if (CALCULATORS_APP.test(new URL(request.url()).pathname)) requested.push(request.url());
    });
    await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40');
    await page.locator('html[data-figures="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('result-profit')).toHaveText('$1,800.00');
    await expect(page.getByLabel('Revenue from ads')).toHaveValue('12000');
    await page.waitForTimeout(1000);
    expect(requested, 'the app, before the reader needs it').toEqual([]);
    await expect(page.getByTestId('roas-chart')).toHaveCount(0);
    await scrollToEndOfResults(page);
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    expect(requested.length).toBe(1);
    await expect(page.getByTestId('roas-chart')).toHaveCount(1);
    await expect(page.getByTestId('result-profit')).toHaveText('$1,800.00');
  });

  test('a cohort link has no figures to work out: its app waits for the reader', async ({ page }) => {
    const requested = [];
    page.on('request', (request) => {
      if (CALCULATORS_APP.test(new URL(request.url()).pathname)) requested.push(request.url());
    });
    await page.goto('/calculators/cohort?currency=EUR');
    await page.waitForTimeout(1000);
    expect(requested).toEqual([]);
    await expect(page.locator('html')).not.toHaveAttribute('data-figures', /.*/);
    await page.keyboard.press('Shift');
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    expect(await layoutShifts(page)).toEqual([]);
  });

  test('typing before the app runs updates the figures, and the app keeps what was typed', async ({ page }) => {
    const release = await holdApp(page, CALCULATORS_APP);
    await page.goto('/calculators/roas?revenue=12000&spend=3000');
    await page.locator('html[data-figures="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
    await page.getByLabel('Ad spend', { exact: true }).fill('4000');
    await expect(page.getByTestId('result-roas')).toHaveText('3.00× (300.0%)');
    await page.getByLabel('Gross margin').fill('x');
    await expect(page.getByTestId('error-margin')).not.toBeEmpty();
    await expect(page.getByLabel('Gross margin')).toHaveAttribute('aria-invalid', 'true');
    const typed = await shownForm(page);
    release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByLabel('Ad spend', { exact: true })).toHaveValue('4000');
    expect(await shownForm(page)).toEqual(typed);
    await expect(page).toHaveURL(/spend=4000/);
  });
  test('what is typed before the app runs is kept, and so is the focus', async ({ page }) => {
    // The app draws the page again and swaps it in: the fields typed into
    // are replaced by the app's own.
    const release = await holdApp(page, CALCULATORS_APP);
    await page.goto('/calculators/roas');
    await page.getByLabel('Revenue from ads').fill('8000');
    await page.getByLabel('Ad spend', { exact: true }).fill('2000');
    release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
    await expect(page.getByLabel('Ad spend', { exact: true })).toBeFocused();
    await expect(page).toHaveURL(/spend=2000/);
  });
});
