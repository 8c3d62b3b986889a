// The what-if page (docs/what-if.md): sliders for the scenario's inputs, a quick rerun on
// every change then a refined one, stale reruns aborted, the scenario's own answer kept as
// a ghost, the settings in the address. Every string reaches the page as text, never HTML.
"use strict";

const kQuickTrials = 500;
let page = null;          // GET /api/inputs
let base = null;          // the answer at the scenario's own values (refined)
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
}

function writeAddress() {
  const params = new URLSearchParams();
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
  const box = el("div", {className: "input"}, el("label", {textContent: input.name + unit}),
                 el("div", {className: "row"}, range, number));
  box.classList.toggle("changed", input.key in settings);
  const set = (v) => {
    if (!isFinite(v) || v < input.low || v > input.high) return;
    range.value = v;
    number.value = v;
    if (input.base !== null && v === input.base) delete settings[input.key];
    else settings[input.key] = v;
    box.classList.toggle("changed", input.key in settings);
    writeAddress();
  };
  range.addEventListener("input", () => set(Number(range.value)));
  range.addEventListener("change", () => rerun());
  number.addEventListener("change", () => { set(Number(number.value)); rerun(); });
  return box;
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
  document.getElementById("status").textContent =
    (refined ? "Refined: " : "First answer: ") + answer.trials + " trials, seed " + answer.seed + ".";
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

async function rerun() {
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  document.getElementById("error").textContent = "";
  try {
    for (const trials of [kQuickTrials, page.default_trials]) {
      const answer = await api("/api/run", {settings, trials}, controller.signal);
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
    base = await api("/api/run", {trials: page.default_trials});
    readAddress();
    drawInputs();
    drawAnswer(base, true);
    if (Object.keys(settings).length > 0) rerun();
  } catch (e) {
    document.getElementById("error").textContent = e.message;
  }
  document.getElementById("reset").addEventListener("click", () => {
    settings = {};
    writeAddress();
    drawInputs();
    rerun();
  });
}

start();
