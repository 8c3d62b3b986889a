#!/usr/bin/env bash
# Do two builds of flowfolio write the same results? For a change that must not change
# behaviour (a refactoring): run both programs on every shipped scenario and sweep, with
# the same arguments in twin folders, and compare the files byte for byte.
#
#   bash bench/same_results.sh OLD_BINARY NEW_BINARY [quick]
#
# Compared: summary.json, paired.json, series.csv, trials.csv, scenario.yaml,
# sensitivity.json, frontier.json, a sweep's results.csv, and every store's SQL dump with
# the binary's path taken out of its command lines.
# manifest.json is not compared: it records the clock. `quick` uses fewer evaluations.
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
quick=${3:-}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
study_size=()
[[ $quick == quick ]] && study_size=(--evaluation-trials 256)

run_both() {  # run_both NAME ARGS...: both programs, outputs in old/NAME and new/NAME
  local name=$1
  shift
  for side in old new; do
    local bin=$old
    [[ $side == new ]] && bin=$new
    mkdir -p "$work/$side"
    (cd "$work/$side" && "$bin" "$@" --out "$name" -q >/dev/null)
  done
}

dump() {  # dump STORE: the store's rows, the binary named BIN
  sqlite3 "$1" .dump | sed "s#$old#BIN#g; s#$new#BIN#g"
}

scenarios=("$src"/scenarios/*.yaml)
for s in "${scenarios[@]}"; do
  n=$(basename "$s" .yaml)
  run_both "run-$n" run "$s" --trials 5000 --threads 2
  run_both "compare-$n" compare "$s" --trials 3000 --threads 2
  if grep -q '^sensitivity:' "$s"; then
    run_both "sensitivity-$n" sensitivity "$s" --trials 1000 --threads 2 "${study_size[@]}"
  fi
  if grep -q '^optimize:' "$s"; then
    run_both "frontier-$n" frontier "$s" --trials 1000 --threads 2 "${study_size[@]}"
  fi
done
for w in "$src"/scenarios/sweeps/*.yaml; do
  # A sweep names its base relative to itself: both sides read the shipped files.
  run_both "sweep-$(basename "$w" .yaml)" sweep "$w" --trials 1000 --threads 2
done

different=0
compared=0
for dir in "$work"/old/*/; do
  name=$(basename "$dir")
  for f in summary.json paired.json series.csv trials.csv scenario.yaml sensitivity.json frontier.json results.csv; do
    [[ -e $dir/$f ]] || continue
    compared=$((compared + 1))
    cmp -s "$dir/$f" "$work/new/$name/$f" || { echo "DIFFERENT: $name/$f"; different=1; }
  done
  if [[ -e $dir/store.sqlite ]]; then
    compared=$((compared + 1))
    cmp -s <(dump "$dir/store.sqlite") <(dump "$work/new/$name/store.sqlite") || { echo "DIFFERENT: $name/store.sqlite"; different=1; }
  fi
done
echo "$compared files compared"
[[ $different == 0 ]] && echo "every result byte-identical"
exit $different
