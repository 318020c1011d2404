// Shared fixtures: every test fails if the page throws, logs an error it did
// not expect or breaks the Content-Security-Policy, and tests can read the real post index the build produced.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  // Messages a test expects (e.g. a failed request it forced); matched as substrings.
  allowedErrors: [[], { option: true }],
  page: async ({ page, allowedErrors }, use) => {
    const errors = [];
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    // The server sends the site's Content-Security-Policy (dist/_headers):
    // anything it blocks is reported as an error too.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
      );
    });
    await use(page);
    const unexpected = errors.filter((e) => !allowedErrors.some((allowed) => e.includes(allowed)));
    expect(unexpected, 'errors in the browser console').toEqual([]);
  },
  postIndex: async ({ request }, use) => {
    const response = await request.get('/content/index.json');
    expect(response.ok()).toBeTruthy();
    const index = await response.json();
    expect(index.latest.length).toBeGreaterThan(0);
    await use(index);
  },
});

export { expect };
