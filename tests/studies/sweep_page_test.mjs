// The sweep page in headless Chromium (Debian's package, driven by playwright-core): a
// sweep whose break-even is known (a helper's hire cost against the unit it adds: 240) is
// run by the program, and its page must draw the decision chart, P(beats) and the tornado,
// mark the break-even, grey the point that is within noise, show a strategy named like
// markup as text with no script run, raise no console error and ask nothing of any other
// address. Saves a screenshot.
//
//   node sweep_page_test.mjs FLOWFOLIO SCREENSHOT.png
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openOffline } from '../offline_page.mjs';


const [flowfolio, screenshot] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'sweep-page-'));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

// Hiring the helper earns one more unit a period, worth uniform(0, 200) (mean 100) less its
// direct cost 10 and the helper's salary 30, over 4 periods: hire - base = 240 - hire cost.
writeFileSync(join(work, 'base.yaml'), `name: helper
horizon: 4
periods_per_year: 1
discount_rate: 0
trials: 400
seed: 7
model: {success_max: 1, success_slope: 1000, flow_bonus: 0}
activities:
  - {name: work, challenge: {online: 0.5, domain: 0.5}, hours_per_unit: 2, units_per_period: 6,
     value: {uniform: [0, 200]}, cost: 10}
profiles:
  - {name: worker, online: 0.5, domain: 0.5, salary_per_period: 50, hours_per_period: 10}
  - {name: helper, online: 0.5, domain: 0.5, salary_per_period: 30, hours_per_period: 10, hire_cost: 400}
staff:
  - {profile: worker, count: 1}
strategies:
  - {name: base, label: "<img src=x onerror=alert(1)>"}
  - {name: hire, hire: [{profile: helper, count: 1, at: 0}]}
`);
writeFileSync(join(work, 'sweep.yaml'), `base: base.yaml
grid:
  profiles.helper.hire_cost: [0, 120, 240, 360, 480]
break_even: {pair: [hire, base]}
`);
execFileSync(flowfolio, ['sweep', join(work, 'sweep.yaml'), '--out', join(work, 'out'), '-q'], { stdio: 'pipe' });

const browser = await launch();
try {
  const page = await openOffline(browser, join(work, 'out', 'sweep.html'), failures);
  check(await page.locator('.chart svg').count() === 3, 'the difference, P(beats) and the tornado charts');
  const verdict = await page.locator('.verdict').first().innerText();
  const found = /The choice flips at profiles\.helper\.hire_cost = ([0-9.]+) \(95% interval ([0-9.]+) to ([0-9.]+)\)/.exec(verdict);
  check(found !== null, 'the break-even sentence: ' + verdict);
  if (found) {
    // 400 trials: the break-even's standard error is sqrt(4 x 200^2 / 12) / 20 = 5.8.
    check(Math.abs(Number(found[1]) - 240) < 4 * 5.8, `break-even ${found[1]}, not near 240`);
    check(Number(found[2]) < Number(found[1]) && Number(found[1]) < Number(found[3]), 'its interval holds it');
  }
  check(verdict.includes('<img src=x onerror=alert(1)>'), 'the markup-like label shown as text: ' + verdict);
  const chart = page.locator('#difference svg');
  check(await chart.locator('line[stroke="#D55E00" i]').count() >= 1, 'the break-even line');
  // At 240 the difference is within noise: drawn hollow and grey, the other four filled.
  check(await chart.locator('path[fill="white"][stroke="#9aa0a8"]').count() === 1, 'one grey hollow point');
  const data = JSON.parse(await page.locator('#data').textContent());
  check(data.pairs[0].points.length === 5, 'five variants in the data');
  check(data.robustness && data.robustness.inputs.length === 1, 'the robustness summary of the one axis');
  check((await page.locator('h2').allInnerTexts()).includes('How sure is the choice'), 'the robustness heading');
  await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
if (failures.length) {
  console.error('sweep page: ' + failures.length + ' failures\n  ' + failures.join('\n  '));
  process.exit(1);
}
console.log('sweep page: every check passed');
