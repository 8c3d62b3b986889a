// Opens a flowfolio report in headless Chromium (Debian's package) and checks it as a
// reader would: no console error, no request leaving the file, every chart drawn with a
// non-zero size, the verdict present; and, for the injection scenario, that no script
// of the scenario's ran. Saves a full-page screenshot for a person to look at.
//
//   node browser_test.mjs REPORT.html SCREENSHOT.png [--injection]
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const modules = process.env.FLOWFOLIO_NODE_MODULES;
const { chromium } = require(require.resolve('playwright-core', { paths: [modules] }));

const [report, screenshot, mode] = process.argv.slice(2);
const failures = [];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const charts = ['chart-npv', 'chart-fan', 'chart-paired', 'chart-zones', 'chart-risk', 'chart-decision'];
if (mode === '--sensitivity') charts.push('chart-tornado', 'chart-indices');
if (mode === '--frontier') charts.push('chart-frontier');
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') failures.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => failures.push('page error: ' + e.message));
  page.on('dialog', async (d) => { failures.push('a dialog opened: ' + d.message()); await d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) failures.push('request left the file: ' + r.url()); });
  await page.goto(pathToFileURL(report).href);
  await page.waitForFunction(() => document.body.getAttribute('data-rendered') === 'true', null, { timeout: 30000 })
    .catch(() => failures.push('the charts did not finish rendering'));
  for (const id of charts) {
    const box = await page.locator('#' + id + ' svg').first().boundingBox().catch(() => null);
    if (!box || box.width < 50 || box.height < 50) failures.push(id + ' has no visible chart: ' + JSON.stringify(box));
  }
  const verdict = await page.locator('#verdict').innerText();
  if (!/best expected npv/.test(verdict)) failures.push('no verdict: ' + verdict.slice(0, 200));
  if (mode === '--sensitivity') {
    const text = await page.locator('#sensitivity').evaluate((h) => h.nextElementSibling.innerText);
    if (!/the assumptions that move it most are/.test(text)) failures.push('no sensitivity sentence: ' + text.slice(0, 200));
    const rows = await page.locator('#sensitivity-table tr').count();
    if (rows < 2) failures.push('the sensitivity table is empty');
  }
  if (mode === '--frontier') {
    const text = await page.locator('#frontier').evaluate((h) => h.nextElementSibling.innerText);
    if (!/best under the constraints|No candidate meets/i.test(text)) failures.push('no recommendation: ' + text.slice(0, 200));
  }
  if (mode === '--names') {
    // Every chart names every strategy (a legend, an axis or a facet's header); the
    // decision chart names only the recommended, the runner-up and the baseline.
    const names = ['constructor', 'toString', '__proto__', 'line\u2028separator'.replace('\u2028', ' '), 'jump_in'];
    for (const id of charts.filter((c) => c !== 'chart-decision')) {
      const text = (await page.locator('#' + id + ' svg').first().textContent().catch(() => '')).replace(/\u200b/g, '');
      for (const name of names) if (!text.includes(name)) failures.push(id + ' does not show strategy ' + JSON.stringify(name));
    }
  }
  if (mode === '--injection') {
    if (await page.evaluate(() => window.__injected === true)) failures.push('a script from the scenario ran');
    const title = await page.locator('h1').innerText();
    if (!title.includes('<script>')) failures.push('the scenario name is not shown as text: ' + title);
  }
  await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('report renders: ' + (charts.length) + ' charts, no console error, no outside request; screenshot ' + screenshot);
