#!/usr/bin/env bash
# Writes the default scenario's report and an injection scenario's report, and checks
# both in headless Chromium (browser_test.mjs). The screenshots and the printed default
# report stay in the build folder: BUILD/report-default.png, BUILD/report-injection.png,
# BUILD/report-default.pdf
set -euo pipefail
bin=$1
src=$2
build=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FLOWFOLIO_NODE_MODULES="$src/sim/output/report/node_modules"

"$bin" run "$src/scenarios/seed-default.yaml" --trials 400 --out "$work/default" --report -q
# Printed as a reader would, with Chromium's own --print-to-pdf. The page draws its charts
# after it loads; --virtual-time-budget lets Chromium run the page's tasks ahead in virtual
# time until they are done (or 10 s of it have passed) before printing, and the PDF check
# finds every chart's title in the PDF, so a print taken too early fails.
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --virtual-time-budget=10000 \
  --print-to-pdf="$build/report-default.pdf" "file://$work/default/report.html" 2> /dev/null
node "$src/tests/report/browser_test.mjs" "$work/default/report.html" "$build/report-default.png" \
  --pdf "$build/report-default.pdf"
# With a frontier search, the page adds the frontier chart and the recommendation.
"$bin" frontier "$src/scenarios/seed-default.yaml" --trials 200 --evaluation-trials 40 --candidates 6 \
  --set optimize.refine=1 --confirm-trials 512 --set optimize.confirm_max_trials=1024 --out "$work/frontier" --report -q
node "$src/tests/report/browser_test.mjs" "$work/frontier/report.html" "$build/report-frontier.png" --frontier
# With a sensitivity analysis, the page adds its tornado and indices (a small one here).
"$bin" sensitivity "$src/scenarios/seed-default.yaml" --trials 200 --evaluation-trials 40 --samples 4 \
  --out "$work/sensitivity" --report -q
node "$src/tests/report/browser_test.mjs" "$work/sensitivity/report.html" "$build/report-sensitivity.png" --sensitivity
"$bin" report "$work/sensitivity" -o "$work/sensitivity-again.html" > /dev/null
cmp -s <(grep -v "run finished" "$work/sensitivity/report.html") <(grep -v "run finished" "$work/sensitivity-again.html") ||
  { echo "FAIL: flowfolio report differs from sensitivity --report"; exit 1; }
# `flowfolio report` rebuilds the same page from the folder's files.
"$bin" report "$work/default" -o "$work/again.html" > /dev/null
cmp -s <(grep -v "run finished" "$work/default/report.html") <(grep -v "run finished" "$work/again.html") ||
  { echo "FAIL: flowfolio report differs from run --report"; exit 1; }

# Every string from a scenario is text, never markup or script.
sed -e 's/^name: seed-default/name: "<script>window.__injected = true; alert(1)<\/script>"/' \
    -e 's/^title: .*/title: "<script>window.__injected = true; alert(2)<\/script>"/' \
    -e 's/^    label: train the veterans/    label: "<b onmouseover=window.__injected=true>veterans<\/b>"/' \
    -e 's/^  - name: status_quo/  - name: "<img src=x onerror=window.__injected=true>"/' \
    -e "s/^description: >-/description: >-\n  <\/script><script>window.__injected = true<\/script>/" \
    "$src/scenarios/seed-default.yaml" > "$work/injection.yaml"
"$bin" run "$work/injection.yaml" --trials 100 --out "$work/injection" --report -q
if grep -q '<script>window.__injected\|<b onmouseover' "$work/injection/report.html"; then
  echo "FAIL: a scenario string reached the page unescaped"; exit 1
fi
node "$src/tests/report/browser_test.mjs" "$work/injection/report.html" "$build/report-injection.png" --injection

# Strategy names that are properties of every JavaScript object, or hold U+2028, still
# draw every chart with every strategy.
sed -e 's/\bstatus_quo\b/constructor/g; s/\bhire_interns\b/toString/g; s/\btrain_staff\b/__proto__/g' \
    -e 's/^  - name: mentored_mix/  - name: "line\\u2028separator"/; /strategies\.mentored_mix\./d' \
    -e '/^    label: /d' \
    "$src/scenarios/seed-default.yaml" > "$work/names.yaml"
"$bin" run "$work/names.yaml" --trials 100 --out "$work/names" --report -q
node "$src/tests/report/browser_test.mjs" "$work/names/report.html" "$build/report-names.png" --names
echo "report: 5 passed, 0 failed"
