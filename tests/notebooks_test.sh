#!/usr/bin/env bash
# Executes every notebook headless through the Python module, each making its own small run, sweep
# or study (300 trials, small designs), then the four analysis notebooks again on what the command
# line wrote (their documented alternative: a result folder, or a sweep's store).
# Arguments: the flowfolio program, the source folder, the module's PYTHONPATH folder.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: notebooks_test.sh FLOWFOLIO SOURCE_DIR PYTHONPATH_DIR" >&2; exit 2; }
bin=$1
src=$2
export PYTHONPATH="$3${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The notebooks' parameters, small; FLOWFOLIO_OUT keeps the quickstart's files in the temporary folder.
export FLOWFOLIO_SCENARIO="$src/scenarios/seed-default.yaml" FLOWFOLIO_TRIALS=300 FLOWFOLIO_OUT="$work/quickstart"
export FLOWFOLIO_SET='{"sensitivity.trials": 40, "sensitivity.samples": 4,
                      "optimize.trials": 40, "optimize.candidates": 6, "optimize.refine": 1}'
count=0
# execute NAME [VARIABLE=VALUE...]: runs notebooks/NAME.ipynb with those variables set; it must run
# every cell without an error and draw at least one figure.
execute() {
  local name=$1 out="$work/executed/$1-$count.ipynb"
  shift
  env "$@" jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
    --output-dir "$work/executed" --output "$name-$count" "$src/notebooks/$name.ipynb" 2> "$work/log" ||
    { cat "$work/log"; echo "FAIL $name $*"; exit 1; }
  grep -q '"image/png"' "$out" || { echo "FAIL $name $*: no figure"; exit 1; }
  count=$((count + 1))
}
for notebook in "$src"/notebooks/*.ipynb; do
  name=$(basename "$notebook" .ipynb)
  case $name in
    sweep-*) execute "$name" FLOWFOLIO_TRIALS=40 ;;  # 56 variants: as few trials as the sweep below
    *) execute "$name" ;;
  esac
done
[[ $count -ge 5 ]] || { echo "FAIL: only $count notebooks"; exit 1; }
[[ -s "$work/quickstart/pharma-risk-doubled/summary.json" && -s "$work/quickstart/pharma-risk-doubled.html" ]] ||
  { echo "FAIL quickstart: no result folder or report in $work/quickstart"; exit 1; }

"$bin" run "$src/scenarios/seed-default.yaml" --trials 300 --out "$work/default" -q
execute compare-strategies FLOWFOLIO_RESULTS="$work/default"
"$bin" sweep "$src/scenarios/sweeps/pharma-risk-training.yaml" --trials 40 --out "$work/sweep" -q
execute sweep-best-strategy FLOWFOLIO_STORE="$work/sweep/store.sqlite"
"$bin" sensitivity "$src/scenarios/seed-default.yaml" --evaluation-trials 40 --samples 4 --out "$work/sensitivity" -q
execute sensitivity FLOWFOLIO_SENSITIVITY="$work/sensitivity"
"$bin" frontier "$src/scenarios/seed-default.yaml" --evaluation-trials 40 --candidates 6 \
  --set optimize.refine=1 --confirm-trials 512 --set optimize.confirm_max_trials=1024 --out "$work/frontier" -q
execute frontier FLOWFOLIO_FRONTIER="$work/frontier"
echo "notebooks: $count runs passed ($((count - 4)) notebooks, then 4 on the command line's files), 0 failed"
