#!/usr/bin/env bash
# The flowfolio program from outside: exit statuses, messages and files.
set -uo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0

expect() {  # expect NAME STATUS PATTERN -- command...
  local name=$1 status=$2 pattern=$3
  shift 4
  "$@" > "$work/stdout" 2> "$work/stderr"
  local got=$?
  if [[ $got -ne $status ]]; then
    echo "FAIL $name: exit $got, expected $status"; cat "$work/stderr"; failures=$((failures + 1)); return
  fi
  if [[ -n $pattern ]] && ! cat "$work/stdout" "$work/stderr" | grep -qE -- "$pattern"; then
    echo "FAIL $name: output does not match /$pattern/"; cat "$work/stdout" "$work/stderr"
    failures=$((failures + 1)); return
  fi
  passes=$((passes + 1))
}

default=$src/scenarios/seed-default.yaml
expect validate-ok 0 "valid: 4 activities, 2 profiles, 5 strategies" -- "$bin" validate "$default"

cat > "$work/bad.yaml" <<'YAML'
name: bad
horizon: 0
activities:
  - name: a
    challenge: {online: 2, domain: 0.5}
    hours_per_unit: 1
    units_per_period: 1
    value: {pert: [3, 1, 2]}
profiles: []
staff: [{profile: ghost, count: 1}]
strategies: [{name: s}]
YAML
expect validate-bad 2 "bad.yaml:2:10: horizon: must be a whole number of 1 or more, got 0" -- "$bin" validate "$work/bad.yaml"
grep -q "bad.yaml:5:25: activities.a.challenge.online: must be in \[0, 1\], got 2" "$work/stderr" || { echo "FAIL all-at-once: challenge"; failures=$((failures + 1)); }
grep -q "activities.a.value.pert: must be ordered" "$work/stderr" || { echo "FAIL all-at-once: pert"; failures=$((failures + 1)); }
grep -q "staff\[0\].profile: unknown profile 'ghost'" "$work/stderr" || { echo "FAIL all-at-once: ghost"; failures=$((failures + 1)); }
grep -q "problems found; nothing was run" "$work/stderr" || { echo "FAIL all-at-once: count"; failures=$((failures + 1)); }

expect run-bad-scenario 2 "horizon" -- "$bin" run "$work/bad.yaml" --out "$work/bad-out"
[[ ! -e "$work/bad-out" ]] || { echo "FAIL run-bad-scenario wrote output"; failures=$((failures + 1)); }
expect missing-file 2 "no-such.yaml: no such file" -- "$bin" validate "$work/no-such.yaml"
expect bad-trials 2 "trials" -- "$bin" run "$default" --trials 0
expect unknown-flag 2 "--bogus" -- "$bin" run "$default" --bogus
expect no-command 2 "subcommand" -- "$bin"
expect trace-without-trial 2 "--trace needs --trial" -- "$bin" run "$default" --trace
expect help 0 "Usage" -- "$bin" --help

expect run-ok 0 "mentored_mix" -- "$bin" run "$default" --trials 200 --threads 2 --out "$work/out"
grep -q "se(mean npv)" "$work/stdout" || { echo "FAIL run-ok: no table header"; failures=$((failures + 1)); }
[[ -s "$work/out/summary.json" ]] || { echo "FAIL run-ok: no summary.json"; failures=$((failures + 1)); }
ls -a "$work/out" | grep -q tmp && { echo "FAIL run-ok: temporary file left"; failures=$((failures + 1)); }
cp "$work/out/summary.json" "$work/first.json"
expect run-again-1-thread 0 "" -- "$bin" run "$default" --trials 200 --threads 1 --out "$work/out" --quiet
cmp -s "$work/first.json" "$work/out/summary.json" || { echo "FAIL: 1 and 2 threads differ"; failures=$((failures + 1)); }
[[ ! -s "$work/stdout" ]] || { echo "FAIL --quiet printed"; failures=$((failures + 1)); }

touch "$work/a-file"
expect out-is-a-file 1 "cannot create output folder" -- "$bin" run "$default" --trials 10 --out "$work/a-file/x"
expect single-trial 0 "cum_discounted" -- "$bin" run "$default" --trial 3 --trace
for f in "$src"/scenarios/*.yaml; do
  expect "run-$(basename "$f")" 0 "strategy" -- "$bin" run "$f" --trials 50 --out "$work/any"
done

echo "$passes passed, $failures failed"
[[ $failures -eq 0 ]]
