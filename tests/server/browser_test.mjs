// The what-if page in headless Chromium (Debian's package, driven by playwright-core), as
// an executive would use it (docs/what-if.md): `flowfolio serve` on a free port, the pharma
// incident probability moved from 0.001 to 0.004 (the table changes, training's lead over
// interns widens, the address keeps the setting), a reload keeps the state, reset clears
// it, one pharma asset a week flips the recommendation and the flip is marked on its
// slider, measuring against hire two interns shows training's lead over them directly, the
// downloaded scenario passes `flowfolio validate` and sets exactly the changed
// values, malformed and hostile requests get clear errors with the server still up, and no
// console error or outside request all along. Prints (does not assert) the time from a
// slider's release to the first and to the refined answer. Saves a screenshot.
//
//   node browser_test.mjs FLOWFOLIO SOURCE_DIR SCREENSHOT.png
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require(require.resolve('playwright-core', { paths: [process.env.FLOWFOLIO_NODE_MODULES] }));

const [flowfolio, source, screenshot] = process.argv.slice(2);
const scenario = resolve(source, 'scenarios/seed-default.yaml');
const pharma = 'activities.pharma_campaign.incident.probability';
const demand = 'activities.pharma_campaign.units_per_period';
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const work = mkdtempSync(join(tmpdir(), 'what-if-'));

// The server, on a port the system picks; its address from the line it prints.
const server = spawn(flowfolio, ['serve', scenario, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const address = await new Promise((done, fail) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
    if (m) done(m[0]);
  });
  server.on('exit', (code) => fail(new Error('the server ended (' + code + '): ' + serverErr)));
});
const port = Number(new URL(address).port);

// A raw HTTP request, so Host and Origin can be anyone's: {status, body}.
function raw(method, path, headers, body = '') {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => done({ status: res.statusCode, body: text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on('console', (m) => { if (m.type() === 'error') failures.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => failures.push('page error: ' + e.message));
  page.on('request', (r) => { if (!r.url().startsWith(address) && !r.url().startsWith('blob:')) failures.push('outside request: ' + r.url()); });
  // Every answer the page received, in order.
  const answers = [];
  page.on('response', async (r) => {
    if (r.url() === address + 'api/run' && r.ok()) answers.push(await r.json());
  });

  // Waits (at most 20 s) until `done()` holds on this side.
  async function until(done, what) {
    for (let i = 0; i < 400 && !done(); ++i) await new Promise((r) => setTimeout(r, 50));
    if (!done()) throw new Error('waited 20 s for ' + what);
  }
  const refined = () => page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Refined'));
  const row = (label) => page.locator('#strategies tbody tr', { hasText: label }).first().innerText();
  const gap = (a) => {
    const npv = (name) => a.strategies.find((s) => s.name === name).mean_npv;
    return npv('train_staff') - npv('hire_interns');
  };
  // Moves an input's slider to `value` as a release does (input, then change), and gives the
  // page's own times from the release to the first and to the refined answer, in ms.
  async function move(key, value) {
    const before = answers.length;
    const times = await page.evaluate(([key, value]) => new Promise((done) => {
      const status = document.getElementById('status');
      const range = document.querySelector('.flips[data-key="' + CSS.escape(key) + '"]').parentElement
        .querySelector('input[type=range]');
      const marks = {};
      const seen = new MutationObserver(() => {
        const t = performance.now() - t0;
        if (status.textContent.startsWith('First') && marks.first === undefined) marks.first = t;
        if (status.textContent.startsWith('Refined') && marks.first !== undefined) {
          marks.refined = t;
          seen.disconnect();
          done(marks);
        }
      });
      seen.observe(status, { childList: true, characterData: true, subtree: true });
      const t0 = performance.now();
      range.value = String(value);
      range.dispatchEvent(new Event('input'));
      range.dispatchEvent(new Event('change'));
    }), [key, value]);
    await until(() => answers.length >= before + 2, 'the answers to a move');
    return times;
  }

  await page.goto(address);
  await refined();
  await until(() => answers.length >= 2, 'the base answers');
  const [base, baseQuick] = answers;
  const baseRow = await row('train the veterans');

  // 0.001 -> 0.004: a new table, training's lead over interns wider, the address updated.
  const speeds = [await move(pharma, 0.004)];
  const risky = answers.at(-1);
  check(risky.settings[pharma] === 0.004 && risky.trials === base.trials, 'the refined answer is not at 0.004: ' + JSON.stringify(risky.settings));
  check(gap(risky) > gap(base), 'train_staff minus hire_interns did not widen: ' + gap(base) + ' -> ' + gap(risky));
  check(await row('train the veterans') !== baseRow, 'the table did not change');
  check(new URL(page.url()).searchParams.get(pharma) === '0.004', 'the address is ' + page.url());
  speeds.push(await move(pharma, 0.002), await move(pharma, 0.003), await move(pharma, 0.004));

  // A reload keeps the setting: the slider's value and the answer.
  const beforeReload = answers.length;
  await page.reload();
  await until(() => answers.slice(beforeReload).some((a) => a.settings[pharma] === 0.004 && a.trials === base.trials),
              'a refined answer at 0.004 after the reload');
  const box = page.locator('.input', { has: page.locator(`.flips[data-key="${pharma}"]`) });
  check(await box.locator('input[type=number]').inputValue() === '0.004', 'the number box after a reload: ' + await box.locator('input[type=number]').inputValue());
  check((await box.getAttribute('class')).includes('changed'), 'the input is not marked changed after a reload');

  // Reset: the address and the answer are the scenario's again, at once (the page has it).
  const beforeReset = answers.length;
  await page.click('#reset');
  await refined();
  check(new URL(page.url()).search === '', 'the address after reset: ' + page.url());
  check(answers.length === beforeReset, 'reset asked the server for the answer it already had');
  check(await row('train the veterans') === baseRow, 'the table after reset is not the scenario\'s');

  // One pharma asset a week: the recommendation flips, the page says so and marks the value.
  await move(demand, 1);
  const flipped = answers.at(-1);
  check(flipped.recommended !== base.recommended, 'one asset a week did not flip the recommendation');
  check(await page.isVisible('#flip') && (await page.innerText('#flip')).includes('flips'), 'no flip sentence');
  const mark = page.locator(`.flips[data-key="${demand}"] .flip`);
  check(await mark.count() === 1 && await mark.getAttribute('data-value') === '1', 'no flip mark at 1 on the demand slider');
  check(await page.locator('#spread svg circle.dot').count() === base.strategies.length, 'the npv spread is not drawn per strategy');
  check(await page.locator('#spread svg .ghost-bar').count() === base.strategies.length, 'the npv spread has no ghost');

  // The download extends the original, sets exactly the two changed values, and validates.
  await move(pharma, 0.004);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const file = join(work, download.suggestedFilename());
  await download.saveAs(file);
  const yaml = readFileSync(file, 'utf8');
  check(download.suggestedFilename() === 'seed-default-what-if.yaml', 'downloaded as ' + download.suggestedFilename());
  check(yaml.includes('extends: ' + scenario), 'the download does not extend ' + scenario + ':\n' + yaml);
  const body = yaml.split('\n').filter((l) => l && !l.startsWith('#'));
  check(JSON.stringify(body) === JSON.stringify(['extends: ' + scenario, 'activities:', '  - name: pharma_campaign',
    '    incident:', '      probability: 0.004', '    units_per_period: 1']), 'the download sets more than the changes:\n' + yaml);
  try {
    execFileSync(flowfolio, ['validate', file], { stdio: 'pipe' });
  } catch (e) {
    failures.push('flowfolio validate refused the download: ' + e.stderr);
  }

  // Measured against hire two interns: training's lead over interns is read off directly,
  // with its interval, and the address keeps the choice through a reload.
  const beforeChoice = answers.length;
  await page.selectOption('#baseline', 'hire_interns');
  await page.waitForFunction(() => document.getElementById('against').textContent.includes('hire two interns') &&
                                   document.getElementById('status').textContent.startsWith('Refined'));
  // The page draws an answer before this side has read the response's body: wait for it too.
  const chosen = () => answers.slice(beforeChoice).filter((a) => a.baseline === 'hire_interns' &&
                                                                a.trials === base.trials && Object.keys(a.settings).length === 2);
  await until(() => chosen().length > 0, 'the refined answer against hire_interns');
  const lead = chosen().at(-1).differences.find((d) => d.strategy === 'train_staff');
  check(lead && lead.baseline === 'hire_interns' && lead.lo95 > 0, 'no lead of training over interns: ' + JSON.stringify(lead));
  check(new URL(page.url()).searchParams.get('baseline') === 'hire_interns', 'the address without the baseline: ' + page.url());
  check((await row('hire two interns')).includes('baseline'), 'the interns row is not marked as the baseline');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('against').textContent.includes('hire two interns'));
  check(await page.inputValue('#baseline') === 'hire_interns', 'the baseline choice after a reload');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Refined'));
  await page.screenshot({ path: screenshot, fullPage: true });

  // Malformed and hostile requests: a clear JSON error each, the server up after all.
  const json = { 'Content-Type': 'application/json' };
  const host = { Host: '127.0.0.1:' + port };
  const cases = [
    ['POST', '/api/run', { ...host, ...json }, '{"trials": ', 400, 'the request is not valid JSON'],
    ['POST', '/api/run', { ...host, ...json }, '[1, 2]', 400, 'must be a JSON object'],
    ['POST', '/api/run', { ...host, ...json }, '{"settings": {"<script>alert(1)</script>": 1}}', 400, "unknown input '<script>"],
    ['POST', '/api/run', { ...host, ...json }, `{"settings": {"${pharma}": "0.004"}}`, 400, 'is not a number'],
    ['POST', '/api/run', { ...host, ...json }, `{"settings": {"${pharma}": 1e308}}`, 400, 'is outside its range'],
    ['POST', '/api/run', { ...host, ...json }, '{"trials": -5}', 400, 'trials: -5 is not a whole number'],
    ['POST', '/api/run', { ...host, ...json }, '{"trials": 1e9}', 400, 'is not a whole number'],
    ['POST', '/api/scenario', { ...host, ...json }, '{"settings": {"model.x": 1}}', 400, "unknown input 'model.x'"],
    ['POST', '/api/run', { ...host, ...json }, '{"baseline": "<b>interns</b>"}', 400, 'is not a strategy of the scenario'],
    ['POST', '/api/run', { ...host, ...json }, '{"a":' + ' '.repeat(70000) + '1}', 413, 'larger than 64 KiB'],
    ['POST', '/api/run', { ...host, 'Content-Type': 'text/plain' }, '{}', 415, 'must be JSON'],
    ['POST', '/api/run', { ...host, ...json, Origin: 'http://evil.example' }, '{}', 403, 'other sites are refused'],
    ['GET', '/api/inputs', { Host: 'evil.example:' + port }, '', 403, 'the Host header must be'],
    ['GET', '/../../etc/passwd', host, '', 404, 'nothing is served here'],
    ['GET', '/what_if.js/../../CMakeLists.txt', host, '', 404, 'nothing is served here'],
  ];
  for (const [method, path, headers, body, status, text] of cases) {
    const got = await raw(method, path, headers, body);
    let error = '';
    try { error = JSON.parse(got.body).error; } catch { error = 'not JSON: ' + got.body.slice(0, 80); }
    check(got.status === status && error.includes(text), `${method} ${path} ${body.slice(0, 40)}: ${got.status} ${error}, not ${status} ...${text}...`);
  }
  check((await raw('GET', '/api/inputs', host)).status === 200, 'the server does not answer after the hostile requests');
  check(server.exitCode === null, 'the server ended');
  // The page still works after them, and the favicon request was quiet (204).
  check((await raw('GET', '/favicon.ico', host)).status === 204, 'favicon.ico is not 204');

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const first = speeds.map((s) => Math.round(s.first)), ref = speeds.map((s) => Math.round(s.refined));
  console.log(`what-if speed, slider release to first answer (${baseQuick.trials} trials): ${first.join(', ')} ms, median ${median(first)} ms; ` +
              `to refined answer (${base.trials} trials): ${ref.join(', ')} ms, median ${median(ref)} ms`);
} finally {
  await browser.close();
  server.kill('SIGINT');
  rmSync(work, { recursive: true, force: true });
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('what-if page: table, address, reload, reset, flip mark, spread, download and hostile requests all checked; no console error');
