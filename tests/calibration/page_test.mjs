// The calibration page in headless Chromium (Debian's package, driven by playwright-core):
// the example history calibrated, every chart drawn, no console error, nothing asked of
// any other address; then a ramp whose person is named like markup, shown as text with no
// script run. Saves a screenshot.
//
//   node page_test.mjs FLOWFOLIO SOURCE_DIR SCREENSHOT.png
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, openOffline } from '../offline_page.mjs';


const [flowfolio, source, screenshot] = process.argv.slice(2);
const history = resolve(source, 'scenarios/history');
const scenario = resolve(source, 'scenarios/seed-default.yaml');
const work = mkdtempSync(join(tmpdir(), 'calibration-page-'));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

function calibrate(out, ramp) {
  execFileSync(flowfolio, ['calibrate', scenario, '--as', 'status_quo', '--start', '2023-01-02', '--trials', '200',
    '--work', join(history, 'work.csv'), '--incidents', join(history, 'incidents.csv'), '--ramp', ramp, '--out', out, '-q'],
  { stdio: 'pipe' });
  return join(out, 'calibration.html');
}

const browser = await launch();
try {
  const open = (file) => openOffline(browser, file, failures);

  const page = await open(calibrate(join(work, 'example'), join(history, 'ramp.csv')));
  const data = JSON.parse(await page.locator('#data').textContent());
  const charts = data.incident_rates.length + 2 * data.severities.filter((s) => s.losses.length).length + data.learning.length;
  check(await page.locator('.chart svg').count() === charts, `${await page.locator('.chart svg').count()} charts drawn, not ${charts}`);
  check(await page.locator('#assumptions-calibrated, h2').first().isVisible(), 'no heading');
  const table = await page.locator('table').first().innerText();
  check(table.includes('branded pharma campaign incident probability') && table.includes('3 incidents in 78 units'),
        'the table of calibrated numbers: ' + table.slice(0, 200));
  // Each person's panel, headed by their position and name.
  const drawn = await page.locator('#learning-0 svg').textContent();
  const missing = data.learning[0].people.filter((p, k) => !drawn.includes(`${k + 1}. ${p.person} (`));
  check(missing.length === 0, 'no learning panel for ' + missing.map((p) => p.person).join(', '));
  await page.screenshot({ path: screenshot, fullPage: true });

  // A person named like markup: text on the page and in the charts, no script run.
  const hostile = '<img src=x onerror="alert(1)">';
  const ramp = readFileSync(join(history, 'ramp.csv'), 'utf8').replace(/^veteran1,/m, `"${hostile.replace(/"/g, '""')}",`);
  writeFileSync(join(work, 'ramp.csv'), ramp);
  const other = await open(calibrate(join(work, 'hostile'), join(work, 'ramp.csv')));
  check(await other.locator('img').count() === 0, 'a person\'s name became an element');
  const shown = await other.locator('#learning-0 svg').textContent();
  check(shown.includes('1. <img src=x'), 'the hostile name is not shown as text in the chart: ' + shown.slice(0, 120));
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('calibration page: every chart drawn, names as text, nothing from outside, no console error');
