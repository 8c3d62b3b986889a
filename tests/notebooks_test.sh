#!/usr/bin/env bash
# Executes every notebook headless against freshly produced results: a run of the default
# scenario, a small sweep (the example sweep with fewer trials), a small sensitivity analysis and a
# small frontier search.
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" run "$src/scenarios/seed-default.yaml" --trials 300 --out "$work/default" -q
"$bin" sweep "$src/scenarios/sweeps/pharma-risk-training.yaml" --trials 40 --out "$work/sweep" -q
"$bin" sensitivity "$src/scenarios/seed-default.yaml" --trials 100 --evaluation-trials 40 --samples 4 --out "$work/sensitivity" -q
export FLOWFOLIO_RESULTS="$work/default" FLOWFOLIO_STORE="$work/sweep/store.sqlite" MPLBACKEND=Agg
"$bin" frontier "$src/scenarios/seed-default.yaml" --trials 100 --evaluation-trials 40 --candidates 6 \
  --set optimize.refine=1 --out "$work/frontier" -q
export FLOWFOLIO_SENSITIVITY="$work/sensitivity" FLOWFOLIO_FRONTIER="$work/frontier"
count=0
for notebook in "$src"/notebooks/*.ipynb; do
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
    --output-dir "$work/executed" "$notebook" 2> "$work/log" || { cat "$work/log"; echo "FAIL $(basename "$notebook")"; exit 1; }
  count=$((count + 1))
done
[[ $count -ge 4 ]] || { echo "FAIL: only $count notebooks"; exit 1; }
echo "notebooks: $count passed, 0 failed"
