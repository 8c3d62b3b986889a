// Opens a flowfolio report in headless Chromium (Debian's package) and checks it as a
// reader would: no console error, no request leaving the file, every chart drawn with a
// non-zero size, the verdict present; and, for the injection scenario, that no script
// of the scenario's ran; that no two placed labels of a chart overlap, that no small
// multiple has an empty cell, and that the loss exceedance curve has its log axis and
// threshold rules. With --pdf FILE, also that FILE (the page printed by Chromium) has 3 to
// 8 A4 pages and every chart whole on one of them. Saves a full-page screenshot for a
// person to look at.
//
//   node browser_test.mjs REPORT.html SCREENSHOT.png [--injection|--names|...] [--pdf FILE]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const modules = process.env.FLOWFOLIO_NODE_MODULES;
const { chromium } = require(require.resolve('playwright-core', { paths: [modules] }));

const args = process.argv.slice(2);
const pdfAt = args.indexOf('--pdf');
const pdf = pdfAt >= 0 ? args.splice(pdfAt, 2)[1] : null;
const [report, screenshot, mode] = args;
const failures = [];
// Runs in the page. Every mark label (Vega's text marks, not axis, legend or title text:
// the risk chart's names, the paired-difference shares, the loss exceedance thresholds
// and shares) as drawn: no two of one chart may intersect.
function labelOverlaps() {
  const out = [];
  for (const chart of document.querySelectorAll('.chart')) {
    const boxes = [...chart.querySelectorAll('svg g.mark-text.role-mark text')]
      .map((t) => ({ text: t.textContent.replace(/\u200b/g, ''), box: t.getBoundingClientRect() }))
      .filter((l) => l.box.width > 0);
    for (let i = 0; i < boxes.length; ++i)
      for (let j = i + 1; j < boxes.length; ++j) {
        const a = boxes[i].box, b = boxes[j].box;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          out.push(chart.id + ': labels ' + JSON.stringify(boxes[i].text) + ' and ' + JSON.stringify(boxes[j].text) + ' overlap');
      }
  }
  return out;
}

// Runs in the page. A small multiple has one cell per strategy, each with marks drawn,
// and no axis under a place where a cell is missing (Vega-Lite's wrapped facets draw
// one under an empty sixth cell).
function emptyCells() {
  const out = [];
  const strategies = JSON.parse(document.getElementById('data').textContent).strategies.length;
  for (const id of ['chart-fan', 'chart-zones']) {
    const svg = document.querySelector('#' + id + ' svg');
    if (!svg) continue;
    const cells = [...svg.querySelectorAll('g.role-scope[class$="cell"] > g')];
    if (cells.length !== strategies) out.push(id + ': ' + cells.length + ' cells for ' + strategies + ' strategies');
    cells.forEach((cell, k) => {
      const drawn = [...cell.querySelectorAll('g.role-mark path')].some((p) => (p.getAttribute('d') || '').length > 10);
      if (!drawn) out.push(id + ': cell ' + k + ' has no marks');
    });
    const boxes = cells.map((c) => c.getBoundingClientRect());
    for (const footer of svg.querySelectorAll('g.role-column-footer > g')) {
      const f = footer.getBoundingClientRect();
      const above = boxes.some((c) => c.left < f.right && f.left < c.right && f.top - c.bottom > -2 && f.top - c.bottom < 40);
      if (!above) out.push(id + ': an axis at x ' + Math.round(f.left) + ' has no cell above it (an empty panel)');
    }
  }
  return out;
}

// Runs in the page. The loss exceedance chart: a logarithmic x axis (ticks a factor of 10
// apart, evenly spaced) and one dashed rule, labelled, per loss threshold of the scenario.
function lossExceedance() {
  const data = JSON.parse(document.getElementById('data').textContent).loss_exceedance;
  const svg = document.querySelector('#chart-lec svg');
  if (!data.points.length) return svg ? ['chart-lec drawn with no curve'] : [];
  if (!svg) return ['no loss exceedance chart'];
  const out = [];
  const si = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  const value = (text) => { const m = /^([\d.]+)([kMGT]?)$/.exec(text.trim()); return m ? Number(m[1]) * si[m[2]] : NaN; };
  const centre = (b) => (b.left + b.right) / 2;
  let ticks = null;
  for (const axis of svg.querySelectorAll('g.role-axis')) {
    // Each tick's value from its label, its place from its tick line (the end labels are
    // flush with the axis ends, not centred on their ticks).
    const labels = [...axis.querySelectorAll('g.role-axis-label text')];
    const lines = [...axis.querySelectorAll('g.role-axis-tick line')];
    const at = lines.map((l) => l.getBoundingClientRect());
    if (labels.length > 2 && lines.length === labels.length && at.every((b) => b.width < 2))
      ticks = labels.map((l, k) => ({ v: value(l.textContent), x: centre(at[k]) }));
  }
  if (!ticks || ticks.some((t) => Number.isNaN(t.v))) return ['chart-lec: no x axis of amounts'];
  // Vega draws ticks on whole pixels: the step is measured over all of them.
  const step = (ticks[ticks.length - 1].x - ticks[0].x) / (ticks.length - 1);
  ticks.forEach((t, k) => {
    if (k === 0) return;
    if (Math.abs(t.v / ticks[k - 1].v - 10) > 1e-9) out.push('chart-lec: x ticks ' + ticks[k - 1].v + ' and ' + t.v + ' are not a decade apart');
    if (Math.abs(t.x - ticks[k - 1].x - step) > 1.5) out.push('chart-lec: x ticks not evenly spaced: not a log scale');
  });
  const rules = [...svg.querySelectorAll('g.mark-rule line')].filter((l) => l.getAttribute('stroke-dasharray'));
  const thresholds = data.thresholds.filter((x) => x > 0);
  const names = [...svg.querySelectorAll('g[class*="lec_threshold_label_marks"] text')].map((t) => t.textContent);
  for (const x of thresholds) {
    // Where x falls between the ticks, on a log scale.
    const at = ticks[0].x + step * Math.log10(x / ticks[0].v);
    if (!rules.some((r) => Math.abs(centre(r.getBoundingClientRect()) - at) < 2)) out.push('chart-lec: no rule at threshold ' + x);
  }
  if (names.length !== thresholds.length) out.push('chart-lec: ' + names.length + ' threshold labels for ' + thresholds.length + ' thresholds');
  return out;
}

// The report printed to PDF by Chromium: 3 to 8 A4 pages, and every chart whole on one
// page. A chart's title (inside its SVG, at its top) must be on exactly one page, and
// every other text of the chart on that page too; at the printable width of A4 every
// chart must also be shorter than the printable height.
async function printed(page, file) {
  const out = [];
  const info = execFileSync('pdfinfo', [file]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  if (!/Page size:\s+594\.96 x 841\.92/.test(info)) out.push('the PDF is not A4: ' + /Page size:.*/.exec(info));
  if (pages < 3 || pages > 8) out.push('the PDF has ' + pages + ' pages, not 3 to 8');
  const squeeze = (s) => s.replace(/[\s\u200b]/g, '').replace(/\u2212/g, '-');
  const text = [];
  for (let k = 1; k <= pages; ++k)
    text.push(squeeze(execFileSync('pdftotext', ['-f', String(k), '-l', String(k), file, '-']).toString()));
  const inChart = await page.evaluate((ids) => ids.map((id) => {
    // Vega hides tick labels that would collide by making them transparent: not printed.
    const texts = [...document.querySelectorAll('#' + id + ' svg text')].filter((t) => t.getAttribute('opacity') !== '0')
      .map((t) => t.textContent).filter((t) => t.trim());
    // The chart's own title is its top-most (facet headers are titles too).
    const titles = [...document.querySelectorAll('#' + id + ' svg g.role-title-text text')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    return { id, title: titles.length ? titles[0].textContent : null, texts };
  }), charts);
  for (const chart of inChart) {
    if (!chart.title) { out.push(chart.id + ' has no title to find in the PDF'); continue; }
    const on = text.map((t, k) => (t.includes(squeeze(chart.title)) ? k + 1 : 0)).filter(Boolean);
    if (on.length !== 1) { out.push(chart.id + "'s title is on pages [" + on + '] of the PDF, not on exactly one'); continue; }
    const missing = chart.texts.filter((t) => !text[on[0] - 1].includes(squeeze(t)));
    if (missing.length) out.push(chart.id + ' is not whole on page ' + on[0] + ': ' + JSON.stringify(missing.slice(0, 5)) + ' are elsewhere');
  }
  // A4 less the @page margins of report.css (12 mm each side, 14 mm top and bottom), in CSS px.
  const mm = 96 / 25.4;
  await page.setViewportSize({ width: Math.floor(186 * mm), height: 900 });
  await page.emulateMedia({ media: 'print' });
  for (const id of charts) {
    const box = await page.locator('#' + id).boundingBox().catch(() => null);
    if (box && box.height > 269 * mm) out.push(id + ' is ' + Math.round(box.height) + ' px high in print, taller than an A4 page');
  }
  return out;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const charts = ['chart-npv', 'chart-fan', 'chart-paired', 'chart-zones', 'chart-risk', 'chart-lec', 'chart-decision'];
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
  if (!/^Recommended: /.test(verdict)) failures.push('no verdict: ' + verdict.slice(0, 200));
  // The first screen (the 1100 x 900 viewport, unscrolled) answers what to do, how much
  // better and how sure, how bad a bad future and a bad year get, the cash needed, and
  // what would change the answer.
  for (const id of ['figure-better', 'figure-bad', 'figure-bad-year', 'figure-cash', 'figure-change']) {
    const box = await page.locator('#' + id).boundingBox().catch(() => null);
    if (!box) failures.push('the first screen has no #' + id);
    else if (box.y + box.height > 900) failures.push('#' + id + ' is below the first screen: ' + JSON.stringify(box));
  }
  if (!/simulation's precision only/.test(verdict)) failures.push('the verdict does not say what its intervals measure');
  // Money as executives track it, and plain words.
  for (const id of ['money', 'years', 'years-recommended', 'glossary', 'appendix-table', 'assumptions-activities']) {
    if (await page.locator('#' + id).count() !== 1) failures.push('no #' + id + ' on the page');
  }
  const plain = await page.locator('#assumptions-activities').innerText().catch(() => '');
  if (!/typically .*, 90% between .* and /.test(plain)) failures.push('the assumptions are not in plain words: ' + plain.slice(0, 200));
  if (mode === '--sensitivity') {
    const text = await page.locator('#sensitivity').evaluate((h) => h.nextElementSibling.innerText);
    if (!/the assumptions that move it most are/.test(text)) failures.push('no sensitivity sentence: ' + text.slice(0, 200));
    const rows = await page.locator('#sensitivity-table tr').count();
    if (rows < 2) failures.push('the sensitivity table is empty');
  }
  if (mode === '--frontier') {
    const text = await page.locator('#frontier').evaluate((h) => h.nextElementSibling.innerText);
    if (!/Recommended: .*Confirmed on|best under the constraints|No candidate meets|No mix is recommended/i.test(text)) failures.push('no recommendation: ' + text.slice(0, 200));
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
  failures.push(...await page.evaluate(labelOverlaps));
  failures.push(...await page.evaluate(emptyCells));
  failures.push(...await page.evaluate(lossExceedance));
  await page.screenshot({ path: screenshot, fullPage: true });
  if (pdf) failures.push(...await printed(page, pdf));
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('report renders: ' + (charts.length) + ' charts, no console error, no outside request, no label overlap, no empty cell' +
            (pdf ? ', prints to A4 with every chart whole' : '') + '; screenshot ' + screenshot);
