// The what-if page (docs/what-if.md): sliders for the scenario's inputs, a quick rerun on
// every change then a refined one, stale reruns aborted, the scenario's own answer kept as
// a ghost, the settings in the address. Every string reaches the page as text, never HTML.
"use strict";

const kQuickTrials = 500;
let page = null;          // GET /api/inputs
let against = null;       // the strategy the others are measured against; null: the scenario's first
const bases = {};         // per baseline, the answers at the scenario's own values: {refined, quick}
let base = null;          // the answer at the scenario's own values (refined), for this baseline
let baseQuick = null;     // the same at kQuickTrials, what a first answer is compared with
let lastMoved = null;     // the key of the input moved last, where a flip is marked
const flips = {};         // key -> values where a refined answer's recommendation flipped
let settings = {};        // key -> value, only the changed inputs
let inFlight = null;      // the AbortController of the rerun under way

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

function money(x) {
  if (x === null || x === undefined || !isFinite(x)) return "n/a";
  const a = Math.abs(x);
  const [d, s] = a >= 1e6 ? [1e6, "M"] : a >= 1e3 ? [1e3, "k"] : [1, ""];
  return (x < 0 ? "-" : "") + (a / d).toFixed(a >= 1e3 ? 2 : 0) + s;
}
const share = (x) => (100 * x).toFixed(1) + "%";

async function api(path, body, signal) {
  const init = body === undefined ? {signal} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body), signal};
  const res = await fetch(path, init);
  const json = await res.json();
  if (!res.ok) throw Object.assign(new Error(json.error || "HTTP " + res.status), {status: res.status});
  return json;
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  settings = {};
  for (const input of page.inputs) {
    const v = params.get(input.key);
    if (v !== null && v !== "" && isFinite(Number(v))) settings[input.key] = Number(v);
  }
  const named = params.get("baseline");
  against = page.strategies.some((s) => s.name === named) && named !== page.baseline ? named : null;
}

function writeAddress() {
  const params = new URLSearchParams();
  if (against !== null) params.set("baseline", against);
  for (const [k, v] of Object.entries(settings)) params.set(k, String(v));
  const query = params.toString();
  history.replaceState(null, "", query ? "?" + query : location.pathname);
}

function valueOf(input) {
  if (input.key in settings) return settings[input.key];
  return input.base === null ? (input.low + input.high) / 2 : input.base;
}

function inputControl(input) {
  const step = input.step > 0 ? input.step : (input.high - input.low) / 200;
  const range = el("input", {type: "range", min: input.low, max: input.high, step, value: valueOf(input)});
  const number = el("input", {type: "number", min: input.low, max: input.high, step: "any", value: valueOf(input)});
  const unit = input.unit === "multiplier" ? " (× as written)" : input.unit === "money" ? " (" + page.currency + ")" : "";
  const marks = el("div", {className: "flips"});
  marks.dataset.key = input.key;
  const box = el("div", {className: "input"}, el("label", {textContent: input.name + unit}),
                 el("div", {className: "row"}, range, number), marks);
  box.classList.toggle("changed", input.key in settings);
  drawFlips(input, marks);
  const set = (v) => {
    if (!isFinite(v) || v < input.low || v > input.high) return;
    range.value = v;
    number.value = v;
    if (input.base !== null && v === input.base) delete settings[input.key];
    else settings[input.key] = v;
    box.classList.toggle("changed", input.key in settings);
    lastMoved = input.key;
    writeAddress();
  };
  range.addEventListener("input", () => set(Number(range.value)));
  range.addEventListener("change", () => rerun());
  number.addEventListener("change", () => { set(Number(number.value)); rerun(); });
  return box;
}

// The values of an input where the recommendation flipped, as marks under its slider.
function drawFlips(input, marks) {
  marks.replaceChildren(...(flips[input.key] || []).map(({value, to}) => {
    const mark = el("span", {className: "flip", title: "the recommendation flips to " + to + " at " + value});
    mark.dataset.value = String(value);
    mark.style.left = (100 * (value - input.low) / (input.high - input.low)) + "%";
    return mark;
  }));
}

function markFlip(answer) {
  const input = page.inputs.find((i) => i.key === lastMoved);
  if (!input || !(input.key in answer.settings)) return;
  const value = answer.settings[input.key];
  const list = (flips[input.key] = flips[input.key] || []);
  if (!list.some((f) => f.value === value)) list.push({value, to: labelOf(answer.recommended)});
  drawFlips(input, document.querySelector('.flips[data-key="' + CSS.escape(input.key) + '"]'));
}

const labelOf = (name) => (page.strategies.find((s) => s.name === name) || {label: name}).label;

// A rerun's request: the changed inputs, the trials, and the baseline when it is not the scenario's.
const request = (trials, changed = settings) =>
  Object.assign({settings: changed, trials}, against === null ? {} : {baseline: against});

// The scenario's own answers for the chosen baseline, asked once per baseline.
async function loadBase(signal) {
  const name = against === null ? page.baseline : against;
  if (!bases[name]) {
    const refined = await api("/api/run", request(page.default_trials, {}), signal);
    const quick = await api("/api/run", request(kQuickTrials, {}), signal);
    bases[name] = {refined, quick};
  }
  ({refined: base, quick: baseQuick} = bases[name]);
}

// "Measured against": which strategy the differences column and the sentence pair with.
function drawBaselineChoice() {
  const select = document.getElementById("baseline");
  select.replaceChildren(...page.strategies.map((s) =>
    el("option", {value: s.name, textContent: s.label, selected: s.name === (against || page.baseline)})));
  select.onchange = () => {
    against = select.value === page.baseline ? null : select.value;
    // A flip is relative to the baseline's own answer: marks made against another are dropped.
    for (const key of Object.keys(flips)) delete flips[key];
    writeAddress();
    drawInputs();
    rerun();
  };
}

function drawInputs() {
  const box = document.getElementById("inputs");
  box.replaceChildren(...page.inputs.map(inputControl));
}

function cell(now, was, format) {
  const td = el("td", {textContent: format(now)});
  if (was !== undefined && base !== null) td.append(el("span", {className: "ghost", textContent: format(was)}));
  return td;
}

function drawAnswer(answer, refined) {
  document.getElementById("sentence").textContent = answer.sentence;
  // A first answer is compared with the base at the same trials: the same futures, so a
  // flip is the setting's, not the noise of fewer trials.
  const was = refined ? base : baseQuick;
  const flipped = was !== null && answer.recommended !== was.recommended;
  const flip = document.getElementById("flip");
  flip.textContent = flipped ? "The recommendation flips: " + labelOf(answer.recommended) + " instead of " +
    labelOf(was.recommended) + (refined ? "." : " (first answer; refining).") : "";
  flip.hidden = !flipped;
  if (flipped && refined) markFlip(answer);
  drawSpread(answer);
  document.getElementById("status").textContent =
    (refined ? "Refined: " : "First answer: ") + answer.trials + " trials, seed " + answer.seed + ".";
  document.getElementById("against").textContent = "against " + labelOf(answer.baseline) + " (95% interval)";
  const rows = answer.strategies.map((s, i) => {
    const was = base ? base.strategies[i] : undefined;
    const d = answer.differences.find((x) => x.strategy === s.name);
    const dWas = base ? base.differences.find((x) => x.strategy === s.name) : undefined;
    const diff = (x) => x ? money(x.mean) + " (" + money(x.lo95) + " to " + money(x.hi95) + ")" : "baseline";
    const tr = el("tr", {className: s.name === answer.recommended ? "recommended" : ""},
                  el("td", {textContent: s.label}),
                  cell(s, was, (x) => money(x.mean_npv) + " ± " + money(x.se)),
                  cell(s.p5, was && was.p5, money),
                  cell(s.cvar95, was && was.cvar95, money),
                  cell(s.p_loss, was && was.p_loss, share),
                  cell(d, dWas, diff));
    return tr;
  });
  document.querySelector("#strategies tbody").replaceChildren(...rows);
}

// The npv spread per strategy: P5 to P95 as a bar, P50 as a dot, the mean as a tick; the
// scenario's own answer as a faint bar beneath. Plain SVG, drawn in the page.
function drawSpread(answer) {
  const svgNS = "http://www.w3.org/2000/svg";
  const make = (tag, attrs) => {
    const node = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const rows = answer.strategies.map((s, i) => ({now: s, was: base ? base.strategies[i] : null}));
  const values = rows.flatMap((r) => [r.now.p5, r.now.p95].concat(r.was ? [r.was.p5, r.was.p95] : []));
  const lo = Math.min(0, ...values), hi = Math.max(0, ...values);
  const width = 560, left = 170, right = 20, rowH = 30, top = 10;
  const x = (v) => left + (width - left - right) * (v - lo) / (hi - lo || 1);
  const svg = make("svg", {viewBox: "0 0 " + width + " " + (top + rows.length * rowH + 24), role: "img",
                           "aria-label": "npv spread per strategy, P5 to P95"});
  svg.append(make("line", {x1: x(0), x2: x(0), y1: top - 4, y2: top + rows.length * rowH, class: "zero"}));
  rows.forEach(({now, was}, i) => {
    const y = top + i * rowH + 10;
    const name = make("text", {x: left - 8, y: y + 4, "text-anchor": "end"});
    name.textContent = now.label;
    svg.append(name);
    if (was) svg.append(make("line", {x1: x(was.p5), x2: x(was.p95), y1: y + 9, y2: y + 9, class: "ghost-bar"}),
                        make("circle", {cx: x(was.p50), cy: y + 9, r: 2.5, class: "ghost-dot"}));
    svg.append(make("line", {x1: x(now.p5), x2: x(now.p95), y1: y, y2: y, class: "bar"}),
               make("circle", {cx: x(now.p50), cy: y, r: 4, class: "dot"}),
               make("line", {x1: x(now.mean_npv), x2: x(now.mean_npv), y1: y - 7, y2: y + 7, class: "mean"}));
  });
  const axisY = top + rows.length * rowH + 16;
  // The zero line's label only where it clears the ends' labels.
  const ticks = [lo, hi].concat(x(0) - x(lo) > 60 && x(hi) - x(0) > 60 ? [0] : []);
  for (const v of ticks) {
    const t = make("text", {x: x(v), y: axisY, "text-anchor": v === lo ? "start" : v === hi ? "end" : "middle"});
    t.textContent = money(v);
    svg.append(t);
  }
  document.getElementById("spread").replaceChildren(svg);
}

// "Download this scenario": the server writes the YAML (POST /api/scenario); the page saves it.
async function download() {
  const res = await fetch("/api/scenario", {method: "POST", headers: {"Content-Type": "application/json"},
                                            body: JSON.stringify({settings})});
  if (!res.ok) {
    document.getElementById("error").textContent = (await res.json()).error;
    return;
  }
  const url = URL.createObjectURL(new Blob([await res.text()], {type: "application/yaml"}));
  const a = el("a", {href: url, download: page.scenario.replace(/[^A-Za-z0-9_-]/g, "_") + "-what-if.yaml"});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function rerun() {
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  document.getElementById("error").textContent = "";
  document.getElementById("status").textContent = "Rerunning…";
  try {
    await loadBase(controller.signal);
    if (controller.signal.aborted) return;
    // The scenario as written: its answer is already here.
    if (Object.keys(settings).length === 0) return drawAnswer(base, true);
    for (const trials of [kQuickTrials, page.default_trials]) {
      const answer = await api("/api/run", request(trials), controller.signal);
      if (controller.signal.aborted) return;
      drawAnswer(answer, trials === page.default_trials);
    }
  } catch (e) {
    // An aborted fetch or a request the server replaced by a newer one: a newer rerun follows.
    if (e.name === "AbortError" || e.status === 409) return;
    document.getElementById("error").textContent = e.message;
  }
}

async function start() {
  try {
    page = await api("/api/inputs");
    document.getElementById("title").textContent = "What if? " + page.title;
    readAddress();
    await loadBase();
    drawInputs();
    drawBaselineChoice();
    drawAnswer(base, true);
    if (Object.keys(settings).length > 0) rerun();
  } catch (e) {
    document.getElementById("error").textContent = e.message;
  }
  document.getElementById("download").addEventListener("click", download);
  document.getElementById("reset").addEventListener("click", () => {
    settings = {};
    against = null;
    writeAddress();
    drawInputs();
    drawBaselineChoice();
    rerun();
  });
}

start();
