// What a visitor takes away from a calculator: CSV files that parse back to
// the numbers on screen, charts as valid SVG and PNG files, and a printout
// that fits one page with the address of the figures.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.js';

// Files are the same on every viewport: checked once, on the desktop.
test.skip(({ isMobile }) => isMobile, 'downloads and print are checked on the desktop project');

/** RFC 4180 records (quoted cells, doubled quotes, CRLF), after the BOM. */
function parseCsv(text) {
  expect(text.charCodeAt(0), 'a UTF-8 byte-order mark for spreadsheets').toBe(0xfeff);
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(cell); records.push(record); record = []; cell = ''; i++; }
    else cell += c;
  }
  expect(cell + record.join(''), 'the file ends with a line break').toBe('');
  return records;
}

/** Clicks the button and returns the saved file's name and bytes. */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** The number in a text as a page shows it in US English: `$1,800.00` → 1800, `-$600.00` → -600. */
function shownNumber(text) {
  const match = text.replace(/,/g, '').match(/-?[^\d-]*?(\d+(?:\.\d+)?)/);
  const value = Number(match[1]);
  return text.trim().startsWith('-') ? -value : value;
}

test('ROAS: the results CSV holds the inputs and every result on screen', async ({ page }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40&target_margin=10&currency=EUR');
  await expect(page.getByTestId('result-roas')).toHaveText('4.00× (400.0%)');
  const { name, bytes } = await download(page, 'download-results');
  expect(name).toBe('roas-results.csv');
  const [header, ...rows] = parseCsv(bytes.toString('utf8'));
  expect(header).toEqual(['kind', 'name', 'value', 'unit', 'shown']);
  expect(rows.filter((r) => r[0] === 'input')).toEqual([
    ['input', 'Revenue from ads', '12000', 'EUR', ''],
    ['input', 'Ad spend', '3000', 'EUR', ''],
    ['input', 'Gross margin', '40', '%', ''],
    ['input', 'Target profit margin', '10', '%', ''],
  ]);
  const results = rows.filter((r) => r[0] === 'result');
  const onScreen = await page.locator('.result:not(.result-pending)').count();
  expect(results.length).toBe(onScreen);
  for (const [, label, value, unit, shown] of results) {
    const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const result = page.locator('.result', { has: page.locator('dt').filter({ hasText: exactly }) });
    await expect(result.locator('.result-value')).toHaveText(shown);
    expect(Number(value), `${label}: ${value} against ${shown}`).toBeCloseTo(shownNumber(shown), 6);
    expect(unit).toMatch(/^(EUR|×|%)$/);
  }
  expect(results.find((r) => r[1] === 'Profit after ad spend').slice(2, 4)).toEqual(['1800.00', 'EUR']);
});

test('ROAS: the sensitivity table and channel table as CSV, the chart as SVG and PNG', async ({ page }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40&channel=Search|1000|4000&channel=Social|3000|6000');
  const table = page.getByTestId('roas-sensitivity').locator('table.sensitivity-table');
  await expect(table.locator('tbody tr')).toHaveCount(5);

  const sensitivity = parseCsv((await download(page, 'download-roas-sensitivity')).bytes.toString('utf8'));
  expect(sensitivity.length).toBe(6);
  for (let r = 0; r < 5; r++) {
    const cells = await table.locator('tbody tr').nth(r).locator('th, td').allInnerTexts();
    expect(sensitivity[r + 1].map(Number)).toEqual(cells.map(shownNumber));
  }

  const channels = parseCsv((await download(page, 'download-channels')).bytes.toString('utf8'));
  expect(channels.map((r) => r[0])).toEqual(['channel', 'Search', 'Social', 'blended']);
  expect(Number(channels[1][4])).toBe(4);
  await expect(page.getByTestId('channel-metric-1')).toHaveText('4.00×');
  await expect(page.getByTestId('channel-blended')).toHaveText(`${channels[3][4]}×`);

  const svg = await download(page, 'roas-chart-svg');
  expect(svg.name).toBe('roas-profit-by-spend.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      lines: doc.querySelectorAll('path').length,
      width: doc.documentElement.getAttribute('width'),
      height: Number(doc.documentElement.getAttribute('height')),
    };
  }, svg.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.lines).toBe(5);
  expect(parsed.width).toBe('640');

  const png = await download(page, 'roas-chart-png');
  expect(png.name).toBe('roas-profit-by-spend.png');
  // The PNG signature, then the IHDR chunk: twice the SVG's size.
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.toString('ascii', 12, 16)).toBe('IHDR');
  expect(png.bytes.readUInt32BE(16)).toBe(1280);
  expect(png.bytes.readUInt32BE(20)).toBe(Math.round(parsed.height * 2));
  // Not a blank canvas: a drawn chart compresses to more than a flat one.
  expect(png.bytes.length).toBeGreaterThan(10_000);
});

test('LTV: the churn table as CSV matches the page', async ({ page }) => {
  await page.goto('/calculators/ltv?arpa=100&margin=80&churn=5&cac=400');
  const table = page.getByTestId('ltv-sensitivity').locator('table');
  const rows = parseCsv((await download(page, 'download-ltv-sensitivity')).bytes.toString('utf8'));
  expect(rows[0][0]).toBe('monthly churn (%)');
  expect(rows.length).toBe(1 + (await table.locator('tbody tr').count()));
  for (let r = 0; r < rows.length - 1; r++) {
    const cells = await table.locator('tbody tr').nth(r).locator('th, td').allInnerTexts();
    expect(rows[r + 1].slice(0, cells.length).map(Number)).toEqual(cells.map(shownNumber));
  }
  const results = parseCsv((await download(page, 'download-results')).bytes.toString('utf8'));
  expect(results.find((r) => r[1] === 'LTV:CAC').slice(2, 5)).toEqual(['4.00', ':1', '4.00:1']);
});

test('cohort: the heatmap as CSV follows percent or counts, with revenue retention', async ({ page }) => {
  await page.goto('/calculators/cohort');
  const csv = 'customer_id,date,revenue\na,2026-01-05,10\nb,2026-01-20,20\na,2026-02-01,10\na,2026-02-15,5\nc,2026-02-10,30\na,2026-03-03,10\nc,2026-03-09,15\nd,2026-03-30,40\n';
  await page.getByTestId('cohort-csv').fill(csv);
  await page.getByTestId('cohort-analyse').click();
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('50.0%');

  const percent = parseCsv((await download(page, 'download-cohort')).bytes.toString('utf8'));
  expect(percent[0]).toEqual(['cohort', 'customers', 'month 0 (%)', 'month 1 (%)', 'month 2 (%)']);
  expect(percent[1]).toEqual(['2026-01', '2', '100.0', '50.0', '50.0']);

  await page.getByTestId('cohort-show-counts').check();
  await expect(page.getByTestId('cohort-cell-0-1')).toHaveText('1');
  const counts = await download(page, 'download-cohort');
  expect(counts.name).toBe('cohort-customers.csv');
  expect(parseCsv(counts.bytes.toString('utf8'))[1]).toEqual(['2026-01', '2', '2', '1', '1']);

  const net = parseCsv((await download(page, 'download-cohort-net')).bytes.toString('utf8'));
  await expect(page.getByTestId('revenue-net-0-2')).toHaveText(` net ${net[1][4]}%`);
  const gross = parseCsv((await download(page, 'download-cohort-gross')).bytes.toString('utf8'));
  await expect(page.getByTestId('revenue-gross-0-1')).toHaveText(` gross ${gross[1][3]}%`);

  const png = await download(page, 'cohort-curves-png');
  expect(png.bytes.toString('ascii', 1, 4)).toBe('PNG');
});

for (const format of ['A4', 'Letter']) {
  test(`print: a filled calculator fits one ${format} page with its address`, async ({ page }) => {
    const pages = async () => {
      const pdf = (await page.pdf({ format, printBackground: false })).toString('latin1');
      return (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    };
    await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40&target_margin=10&channel=Search|1000|4000&channel=Social|3000|6000&channel=Email|200|900');
    await expect(page.getByTestId('result-poas')).toHaveText('1.60×');
    await page.emulateMedia({ media: 'print' });
    const address = page.getByTestId('print-address');
    await expect(address).toBeVisible();
    await expect(address.getByRole('link')).toHaveText(page.url());
    await expect(page.getByTestId('download-results')).toBeHidden();
    await expect(page.getByText('revenue ÷ ad spend')).toBeVisible();
    expect(await pages()).toBe(1);

    await page.goto('/calculators/ltv?arpa=100&margin=75&churn=5&discount=12&cac=500&expansion=2');
    await expect(page.getByTestId('result-nrr')).toHaveText('69.4%');
    expect(await pages()).toBe(1);

    await page.goto('/calculators/cac?marketing=30000&sales=18000&customers=40&paid_spend=20000&paid_customers=25&arpa=150&margin=80&channel=Search|5000|50');
    await expect(page.getByTestId('result-payback-months')).toHaveText('10.0 months');
    expect(await pages()).toBe(1);
  });
}

test('scenarios: saved on the device, compared side by side, kept by a reload and carried by the link', async ({ page, browser, baseURL }) => {
  await page.goto('/calculators/roas?revenue=12000&spend=3000&margin=40');
  await expect(page.getByTestId('result-profit')).toHaveText('$1,800.00');
  const name = page.getByLabel('Scenario name');
  await page.getByTestId('scenario-save').click();
  await expect(page.getByRole('alert').filter({ hasText: 'name the scenario to save it' })).toBeVisible();
  await name.fill('Today');
  await page.getByTestId('scenario-save').click();
  await expect(page.getByRole('checkbox', { name: 'Compare Today' })).toBeVisible();

  await page.getByLabel('Revenue from ads').fill('18000');
  await page.getByLabel('Ad spend', { exact: true }).fill('6000');
  await expect(page.getByTestId('result-profit')).toHaveText('$1,200.00');
  await name.fill('Scale');
  await page.getByTestId('scenario-save').click();
  await page.getByRole('checkbox', { name: 'Compare Today' }).check();
  await page.getByRole('checkbox', { name: 'Compare Scale' }).check();

  const cellsOf = (where, label) =>
    where
      .getByTestId('scenario-comparison')
      .locator('tr')
      .filter({ has: where.getByRole('rowheader', { name: label, exact: true }) })
      .locator('th, td')
      .allInnerTexts();
  const expected = [
    ['Ad spend', '$3,000.00', '$6,000.00', '+$3,000.00'],
    ['Profit after ad spend', '$1,800.00', '$1,200.00', '-$600.00'],
    ['ROAS', '4.00× (400.0%)', '3.00× (300.0%)', '-1.00×'],
  ];
  const check = async (where) => {
    for (const cells of expected) {
      await expect.poll(() => cellsOf(where, cells[0])).toEqual(cells);
    }
  };
  await check(page);
  await expect(page).toHaveURL(/scenario=Today/);
  await expect(page).toHaveURL(/scenario=Scale/);
  await page.reload();
  await check(page);

  // Loading a scenario puts its inputs back in the form.
  await page.getByRole('button', { name: 'Load Today' }).click();
  await expect(page.getByTestId('result-profit')).toHaveText('$1,800.00');
  await expect(page.getByLabel('Ad spend', { exact: true })).toHaveValue('3000');

  // The link alone, in a browser that saved nothing, shows the comparison.
  await expect(page).toHaveURL(/spend=3000/);
  const context = await browser.newContext({ baseURL });
  const other = await context.newPage();
  await other.goto(page.url());
  await other.keyboard.press('Shift');
  await other.waitForSelector('html[data-app="ready"]', { state: 'attached' });
  await expect(other.getByRole('checkbox', { name: 'Compare Today (from the link)' })).toBeChecked();
  await check(other);
  await context.close();
});
