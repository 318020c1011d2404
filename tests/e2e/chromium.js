// How the tests start Debian's Chromium (Playwright's own browser downloads
// are not reachable from this machine). Shared by the config and by specs
// that add a flag for one group of tests.
export const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
