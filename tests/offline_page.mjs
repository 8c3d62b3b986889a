// What every browser test of an offline page (the calibration page, the sweep page) does:
// launch Debian's Chromium headless, and open a page file, counting as failures a console
// error, a page error, a dialog and any request for another address, then wait until every
// chart place holds its drawing.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require(require.resolve('playwright-core', { paths: [process.env.FLOWFOLIO_NODE_MODULES] }));

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

// Opens `file` in `browser`, recording what goes wrong in `failures`; gives the page.
export async function openOffline(browser, file, failures) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const url = pathToFileURL(file).href;
  page.on('console', (m) => { if (m.type() === 'error') failures.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => failures.push('page error: ' + e.message));
  page.on('dialog', (d) => { failures.push('a dialog opened: ' + d.message()); d.dismiss(); });
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) failures.push('outside request: ' + r.url()); });
  await page.goto(url);
  await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg')),
    null, { timeout: 20000 });
  return page;
}
