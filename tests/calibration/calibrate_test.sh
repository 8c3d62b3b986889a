#!/usr/bin/env bash
# flowfolio calibrate and flowfolio history from the command line (docs/calibration.md):
# the shipped synthetic history is what its script makes; calibrating it writes the three
# outputs, the same bytes on one thread as on all; calibrated.yaml validates, runs, drives a
# sensitivity study and a report that names the numbers from data; the severities agree
# with SciPy; bad input is refused with its place, exit status 2 and nothing written; a
# folder of the user's is never touched.
#
#   calibrate_test.sh FLOWFOLIO SOURCE_DIR PYTHON
set -euo pipefail
flowfolio=$1
src=$2
python=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "calibrate test: $*" >&2; exit 1; }
history=$src/scenarios/history
calibrate() {  # calibrate OUT [more options]: the shipped example
  local out=$1
  shift
  "$flowfolio" calibrate "$src/scenarios/seed-default.yaml" --as status_quo --start 2023-01-02 \
    --work "$history/work.csv" --incidents "$history/incidents.csv" --ramp "$history/ramp.csv" \
    --trials 300 --out "$out" "$@"
}

# The shipped history is what make-history.sh makes, byte for byte.
mkdir "$work/made"
bash "$history/make-history.sh" "$flowfolio" "$work/made"
for f in work incidents ramp; do
  cmp -s "$work/made/$f.csv" "$history/$f.csv" || fail "scenarios/history/$f.csv is not what make-history.sh makes"
done

# The three outputs, and the table on the terminal.
calibrate "$work/cal" > "$work/cal.out"
for f in calibrated.yaml calibration.json calibration.html; do
  [[ -s $work/cal/$f ]] || fail "calibrate wrote no $f"
done
grep -q "Incident probability per unit at balance (p0)" "$work/cal.out" || fail "no p0 table: $(cat "$work/cal.out")"
grep -q "^extends: \"$src/scenarios/seed-default.yaml\"" "$work/cal/calibrated.yaml" ||
  fail "calibrated.yaml does not extend the scenario by its absolute path"
grep -q "# p0, the incident probability per unit at balance: 3 incidents in 78 units" "$work/cal/calibrated.yaml" ||
  fail "calibrated.yaml's comment on pharma's p0 is not there"

# Reproducible: one thread gives the same bytes as all of them.
if command -v taskset > /dev/null; then
  taskset -c 0 "$flowfolio" calibrate "$src/scenarios/seed-default.yaml" --as status_quo --start 2023-01-02 \
    --work "$history/work.csv" --incidents "$history/incidents.csv" --ramp "$history/ramp.csv" \
    --trials 300 --out "$work/one" -q > /dev/null
  for f in calibrated.yaml calibration.json calibration.html; do
    cmp -s "$work/cal/$f" "$work/one/$f" || fail "$f differs on one core"
  done
fi

# calibrated.yaml validates, runs as it is, and drives the sensitivity study over the
# calibrated values' intervals; the report says which numbers came from data.
"$flowfolio" validate "$work/cal/calibrated.yaml" > /dev/null
"$flowfolio" run "$work/cal/calibrated.yaml" --trials 200 --report -q --out "$work/run"
grep -q 'id="assumptions-calibrated"' "$work/run/report.html" || fail "the report has no table of the calibrated numbers"
grep -q "of the scenario's numbers come from the organisation's own history" "$work/run/report.html" ||
  fail "the report does not say that numbers came from the history"
"$flowfolio" sensitivity "$work/cal/calibrated.yaml" --trials 200 --method tornado --evaluation-trials 100 -q \
  --out "$work/sens"
"$python" - "$work/sens/sensitivity.json" << 'EOF' || fail "the sensitivity study is not over the calibrated values"
import json, sys
names = [i["name"] for i in json.load(open(sys.argv[1]))["inputs"]]
assert "branded pharma campaign incident probability" in names and "veteran marketer learning rate" in names, names
assert not any("training" in n for n in names), names  # the base scenario's own inputs are replaced
EOF

# Severity against SciPy: the shipped history, then one with 30 losses of one activity so
# the Anderson-Darling test runs too.
"$python" "$src/tests/calibration/severity_scipy.py" "$work/cal/calibration.json" "$history/incidents.csv" > /dev/null
{
  echo "period,activity,units"
  for p in $(seq 0 29); do echo "$p,community,10"; done
} > "$work/work30.csv"
"$python" -c "
import numpy as np
rng = np.random.default_rng(20261206)
print('period,activity,loss')
for p, x in enumerate(rng.lognormal(8.3, 1.1, 30)): print(f'{p},community,{x:.2f}')
" > "$work/incidents30.csv"
"$flowfolio" calibrate "$src/scenarios/seed-default.yaml" --work "$work/work30.csv" --incidents "$work/incidents30.csv" \
  --trials 50 --out "$work/cal30" -q > /dev/null
"$python" "$src/tests/calibration/severity_scipy.py" "$work/cal30/calibration.json" "$work/incidents30.csv" 1 > /dev/null

# Bad input: the place and the problem, exit status 2, and no folder written.
printf 'period,activity,units\n0,twet,5\n1,tweet,-1\n' > "$work/bad.csv"
status=0
"$flowfolio" calibrate "$src/scenarios/seed-default.yaml" --work "$work/bad.csv" --incidents "$history/incidents.csv" \
  --out "$work/nothing" 2> "$work/err" || status=$?
[[ $status == 2 ]] || fail "a bad work.csv exits $status, not 2"
grep -qF "$work/bad.csv:2:3: activity: unknown activity 'twet' (did you mean 'tweet'?)" "$work/err" || fail "$(cat "$work/err")"
grep -qF "$work/bad.csv:3:9: units: must be a whole number from 0 to 1000000000, got -1" "$work/err" || fail "$(cat "$work/err")"
[[ ! -e $work/nothing ]] || fail "a refused calibration wrote its folder"
status=0
"$flowfolio" calibrate "$src/scenarios/seed-default.yaml" --as status_kwo --work "$history/work.csv" \
  --incidents "$history/incidents.csv" --out "$work/nothing" 2> "$work/err" || status=$?
[[ $status == 2 ]] && grep -qF -- "--as: unknown strategy 'status_kwo' (did you mean 'status_quo'?); known: status_quo" "$work/err" ||
  fail "an unknown --as: status $status, $(cat "$work/err")"
status=0
"$flowfolio" history "$src/scenarios/seed-default.yaml" --start 2023-02-30 --out "$work/nothing" 2> "$work/err" || status=$?
[[ $status == 2 ]] && grep -q -- "--start: must be a date YYYY-MM-DD, got '2023-02-30'" "$work/err" ||
  fail "a bad --start: status $status, $(cat "$work/err")"
[[ ! -e $work/nothing ]] || fail "a refused history wrote its folder"

# A folder holding the user's own file is refused and left as it was.
mkdir "$work/mine"
echo "my notes" > "$work/mine/notes.txt"
status=0
calibrate "$work/mine" 2> "$work/err" || status=$?
[[ $status == 2 ]] || fail "calibrate into a folder of the user's exits $status"
[[ $(cat "$work/mine/notes.txt") == "my notes" && $(ls -A "$work/mine") == notes.txt ]] ||
  fail "calibrate touched a folder of the user's: $(ls -A "$work/mine")"
# ... while its own folder is replaced whole.
calibrate "$work/cal" -q > /dev/null

echo "calibrate: history, outputs, one core, run, sensitivity, report, SciPy, errors and the user's folder all checked"
