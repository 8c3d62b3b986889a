#!/usr/bin/env bash
# The flowfolio program from outside: exit statuses, messages and files.
set -uo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'umount "$work/tiny" 2> /dev/null; rm -rf "$work"' EXIT
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
  if [[ -n $pattern ]] && ! grep -qE -- "$pattern" "$work/stdout" "$work/stderr"; then
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

# A file name that is not UTF-8 (Linux allows any bytes) runs, and the manifest that names
# it is still JSON, the bad byte written as U+FFFD.
latin1=$(printf 'caf\xe9')
cp "$default" "$work/$latin1.yaml"
expect latin1-name 0 "" -- "$bin" run "$work/$latin1.yaml" --trials 20 --out "$work/$latin1" --quiet
python3 -c 'import json, sys; m = json.load(open(sys.argv[1], encoding="utf-8")); assert "caf\ufffd.yaml" in m["scenario_file"], m' \
  "$work/$latin1/manifest.json" || { echo "FAIL latin1-name: manifest"; failures=$((failures + 1)); }

touch "$work/a-file"
expect out-is-a-file 1 "cannot create .*a-file: Not a directory" -- "$bin" run "$default" --trials 10 --out "$work/a-file/x"
expect single-trial 0 "slot  0 veteran +gen 0" -- "$bin" run "$default" --trial 3 --trace --strategy train_staff
grep -q "strategy status_quo" "$work/stdout" && { echo "FAIL --strategy did not limit the trace"; failures=$((failures + 1)); }
expect trace-unknown-strategy 2 "--strategy: unknown strategy 'nope'; known: status_quo" -- "$bin" run "$default" --trial 3 --trace --strategy nope

# compare: sentences, every output file, names checked, pairs.
expect compare 0 "train_staff beats status_quo in [0-9]+% of futures; expected npv gain" -- \
  "$bin" compare "$default" --trials 256 --out "$work/cmp" --pair train_staff:mentored_mix --levels 0.9,0.99
for f in summary.json paired.json trials.csv series.csv manifest.json; do
  [[ -s "$work/cmp/$f" ]] || { echo "FAIL compare: no $f"; failures=$((failures + 1)); }
done
[[ $(wc -l < "$work/cmp/trials.csv") -eq $((5 * 256 + 1)) ]] || { echo "FAIL trials.csv rows"; failures=$((failures + 1)); }
[[ $(wc -l < "$work/cmp/series.csv") -eq $((5 * 104 + 1)) ]] || { echo "FAIL series.csv rows"; failures=$((failures + 1)); }
grep -q '"scenario_sha256": "'"$(sha256sum "$default" | cut -d' ' -f1)"'"' "$work/cmp/manifest.json" || { echo "FAIL manifest hash"; failures=$((failures + 1)); }
grep -q '"strategy": "train_staff",' "$work/cmp/paired.json" || { echo "FAIL paired.json"; failures=$((failures + 1)); }
grep -q '"level": 0.99' "$work/cmp/summary.json" || { echo "FAIL --levels"; failures=$((failures + 1)); }
expect compare-bad-baseline 2 "--baseline: unknown strategy 'nobody'" -- "$bin" compare "$default" --baseline nobody
expect compare-bad-pair 2 "--pair x: write the pair as STRATEGY:BASELINE" -- "$bin" compare "$default" --pair x
expect self-pair 2 "--pair train_staff:train_staff: a strategy compared with itself" -- "$bin" compare "$default" --pair train_staff:train_staff
expect cap-without-precision 2 "max-trials" -- "$bin" run "$default" --max-trials 10
expect trial-with-out 2 "excludes" -- "$bin" run "$default" --trial 1 --out "$work/x"
expect bad-level 2 "levels" -- "$bin" run "$default" --levels 0.9,1.5
expect precision-and-trials 2 "excludes" -- "$bin" run "$default" --precision 0.1 --trials 10
expect precision-cap 0 "stopped at the cap of 100 trials" -- "$bin" run "$default" --precision 0.001 --max-trials 100 --out "$work/prec"
expect independent 0 "independent streams" -- "$bin" compare "$default" --trials 64 --independent-streams --out "$work/ind"
for f in "$src"/scenarios/*.yaml; do
  expect "run-$(basename "$f")" 0 "strategy" -- "$bin" run "$f" --trials 50 --out "$work/any"
done

# sensitivity: its files and store rows, the same on any thread count, bad input refused
# before anything is written.
sens=(--trials 64 --evaluation-trials 32 --samples 4 -q)
expect sensitivity 0 "" -- "$bin" sensitivity "$default" "${sens[@]}" --out "$work/sens" --store "$work/shared.sqlite"
for f in summary.json sensitivity.json store.sqlite manifest.json; do
  [[ -s "$work/sens/$f" ]] || { echo "FAIL sensitivity: no $f"; failures=$((failures + 1)); }
done
grep -q '"label": "npv of train_staff minus hire_interns"' "$work/sens/sensitivity.json" || { echo "FAIL sensitivity.json outputs"; failures=$((failures + 1)); }
rows=$(/usr/bin/python3 -c 'import sqlite3, sys
for f in sys.argv[1:]:
    db = sqlite3.connect(f)
    print(db.execute("select count(*) from sensitivity_tornado").fetchone()[0], db.execute("select count(*) from sensitivity_indices").fetchone()[0])' \
  "$work/sens/store.sqlite" "$work/shared.sqlite" | tr '\n' ' ')
# 7 outputs (3 for each of two strategies, one difference) x 8 inputs, in both stores.
[[ $rows == "56 56 56 56 " ]] || { echo "FAIL sensitivity store rows: $rows"; failures=$((failures + 1)); }
cp "$work/sens/sensitivity.json" "$work/sens-first.json"
expect sensitivity-1-thread 0 "" -- "$bin" sensitivity "$default" "${sens[@]}" --threads 1 --out "$work/sens"
cmp -s "$work/sens-first.json" "$work/sens/sensitivity.json" || { echo "FAIL sensitivity: 1 and 2 threads differ"; failures=$((failures + 1)); }
expect sensitivity-strategy 0 "mean npv of train_staff" -- "$bin" sensitivity "$default" --trials 64 --evaluation-trials 32 \
  --method tornado --strategy train_staff --out "$work/sens-one"
grep -q "hire_interns:" "$work/stdout" && grep -q "mean npv of hire_interns" "$work/stdout" && { echo "FAIL --strategy did not limit the outputs"; failures=$((failures + 1)); }
expect sensitivity-unknown-strategy 2 "--strategy: unknown strategy 'nope'" -- "$bin" sensitivity "$default" --strategy nope --out "$work/never"
expect sensitivity-method 2 "method" -- "$bin" sensitivity "$default" --method both-ways --out "$work/never"
expect sensitivity-no-block 2 "has no sensitivity: block" -- "$bin" sensitivity "$src/scenarios/b2b-software.yaml" --out "$work/never"
expect sensitivity-bad-end 2 "seed-default.yaml:[0-9]+:[0-9]+: sensitivity.inputs\[1\]: the value -1 makes the scenario invalid" -- \
  "$bin" sensitivity "$default" --set 'sensitivity.inputs.1.range=[-1, 2]' --out "$work/never"
expect sensitivity-too-large 2 "each evaluation of this study .* would need about .* of memory.* use fewer trials per evaluation" -- \
  "$bin" sensitivity "$default" --evaluation-trials 900000000 --out "$work/never"
[[ ! -e "$work/never" ]] || { echo "FAIL a refused sensitivity analysis wrote output"; failures=$((failures + 1)); }

# frontier: its files and store rows, the same on any thread count, bad input refused.
front=(--trials 64 --evaluation-trials 32 --candidates 6 --set optimize.refine=1 --confirm-trials 512
       --set optimize.confirm_max_trials=1024 -q)
expect frontier 0 "" -- "$bin" frontier "$default" "${front[@]}" --out "$work/front" --store "$work/shared.sqlite"
for f in summary.json frontier.json store.sqlite manifest.json; do
  [[ -s "$work/front/$f" ]] || { echo "FAIL frontier: no $f"; failures=$((failures + 1)); }
done
grep -q '"recommendation": "' "$work/front/frontier.json" || { echo "FAIL frontier.json recommendation"; failures=$((failures + 1)); }
points=$(/usr/bin/python3 -c 'import json, sqlite3, sys
doc = json.load(open(sys.argv[1]))
counts = [sqlite3.connect(f).execute("select count(*) from frontier_points").fetchone()[0] for f in sys.argv[2:]]
tried = [sqlite3.connect(f).execute("select count(*), sum(recommended) from frontier_confirmations").fetchone()
         for f in sys.argv[2:]]
runs = len(doc["confirmation"]["runs"])
ok = counts == [len(doc["points"])] * 2 and len(doc["points"]) == 5 * doc["candidates"]
ok = ok and runs >= 1 and tried == [(runs, int(doc["confirmation"]["confirmed"] is not None))] * 2
print("ok" if ok else (counts, tried, runs))' \
  "$work/front/frontier.json" "$work/front/store.sqlite" "$work/shared.sqlite")
[[ $points == ok ]] || { echo "FAIL frontier store rows: $points"; failures=$((failures + 1)); }
cp "$work/front/frontier.json" "$work/front-first.json"
expect frontier-1-thread 0 "" -- "$bin" frontier "$default" "${front[@]}" --threads 1 --out "$work/front"
cmp -s "$work/front-first.json" "$work/front/frontier.json" || { echo "FAIL frontier: 1 and 2 threads differ"; failures=$((failures + 1)); }
expect frontier-strategy 0 "train_staff: front of mean npv against CVaR95" -- "$bin" frontier "$default" --trials 64 \
  --evaluation-trials 32 --candidates 4 --set optimize.refine=0 --confirm-trials 512 --set optimize.confirm_max_trials=1024 \
  --strategy train_staff --out "$work/front-one"
grep -q "hire_interns: front" "$work/stdout" && { echo "FAIL frontier --strategy did not limit the search"; failures=$((failures + 1)); }
expect frontier-no-block 2 "has no optimize: block" -- "$bin" frontier "$src/scenarios/b2b-software.yaml" --out "$work/never"
expect frontier-bad-bound 2 "seed-default.yaml:[0-9]+:[0-9]+: optimize.decisions\[0\]: the value -1 makes the scenario invalid" -- \
  "$bin" frontier "$default" --set 'optimize.decisions.0.range=[-1, 1]' --out "$work/never"
[[ ! -e "$work/never" ]] || { echo "FAIL a refused frontier search wrote output"; failures=$((failures + 1)); }

# --set: the run and its report use the override, and the manifest records it.
expect set-run 0 "" -- "$bin" run "$default" --trials 64 --out "$work/set" -q --report \
  --set activities.pharma_campaign.incident.probability=0.02
grep -q '"activities.pharma_campaign.incident.probability=0.02"' "$work/set/manifest.json" || { echo "FAIL --set not in manifest"; failures=$((failures + 1)); }
grep -q ">2.0%<" "$work/set/report.html" || { echo "FAIL report does not show the override"; failures=$((failures + 1)); }
expect set-bad 2 "--set activities.pharma.x=1: no item named 'pharma' in activities" -- "$bin" run "$default" --set activities.pharma.x=1

# Sweeps: a grid of variants into a store; a resumed sweep ends with the same store.
cat > "$work/sweep.yaml" <<YAML
base: $src/scenarios/seed-default.yaml
trials: 64
grid:
  activities.pharma_campaign.incident.probability: [0.0005, 0.004]
  strategies.train_staff.train.0.hours_per_period: [2, 6]
YAML
expect sweep 0 "4 variants run, 0 already in the store" -- "$bin" sweep "$work/sweep.yaml" --out "$work/sweep"
[[ $(wc -l < "$work/sweep/results.csv") -eq $((4 * 5 * 18 + 1)) ]] || { echo "FAIL sweep results.csv rows"; failures=$((failures + 1)); }
cp "$work/sweep/results.csv" "$work/sweep-full.csv"
# Take the last two variants out of the store, as if the sweep had been killed after two.
python3 "$src/tests/forget_variants.py" "$work/sweep/store.sqlite" 2
expect sweep-resume 0 "2 variants run, 2 already in the store" -- "$bin" sweep "$work/sweep.yaml" --out "$work/sweep"
cmp -s "$work/sweep-full.csv" "$work/sweep/results.csv" || { echo "FAIL resumed sweep differs"; failures=$((failures + 1)); }
# The decision in one command: the manager's question (a linked intern-cost axis, a relative
# incident axis, baseline hire_interns), with --set under every variant; typed columns, the
# paired table, the break-even and the robustness sentence; resumed, the same bytes.
expect sweep-decision 0 "No flip in range \\(with intern cost=1x\\): train the veterans leads hire two interns" -- \
  "$bin" sweep "$src/scenarios/sweeps/interns-or-training.yaml" --trials 64 --set horizon=26 --out "$work/sweep-decision"
grep -q "^Train the veterans leads hire two interns by .* on the scenario as written" "$work/stdout" ||
  { echo "FAIL sweep-decision: no robustness sentence"; cat "$work/stdout"; failures=$((failures + 1)); }
[[ $(head -1 "$work/sweep-decision/results.csv") == "run_id,variant,position,pharma incident probability,intern cost,strategy,metric,mean,sd,se,min,max,p5,p25,p50,p75,p95,var95,cvar95,p_loss" ]] ||
  { echo "FAIL sweep-decision: results.csv header"; head -1 "$work/sweep-decision/results.csv"; failures=$((failures + 1)); }
grep -q '^sweep-[0-9a-f]*,"pharma incident probability=0.7071x, intern cost=1.2x",3,0.7071,1.2,train_staff,hire_interns,npv,' "$work/sweep-decision/paired.csv" ||
  { echo "FAIL sweep-decision: paired.csv rows"; head -3 "$work/sweep-decision/paired.csv"; failures=$((failures + 1)); }
grep -q "How sure is the choice" "$work/sweep-decision/sweep.html" || { echo "FAIL sweep-decision: page"; failures=$((failures + 1)); }
cp "$work/sweep-decision/decision.json" "$work/sweep-decision-full.json"
cp "$work/sweep-decision/paired.csv" "$work/sweep-decision-full.csv"
python3 "$src/tests/forget_variants.py" "$work/sweep-decision/store.sqlite" 5
expect sweep-decision-resume 0 "9 variants run, 5 already in the store" -- \
  "$bin" sweep "$src/scenarios/sweeps/interns-or-training.yaml" --trials 64 --set horizon=26 --out "$work/sweep-decision"
cmp -s "$work/sweep-decision-full.json" "$work/sweep-decision/decision.json" || { echo "FAIL resumed decision.json differs"; failures=$((failures + 1)); }
cmp -s "$work/sweep-decision-full.csv" "$work/sweep-decision/paired.csv" || { echo "FAIL resumed paired.csv differs"; failures=$((failures + 1)); }
expect sweep-bad-pair 2 "--baseline interns: no strategy named .interns. \\(known: status_quo, hire_interns" -- \
  "$bin" sweep "$src/scenarios/sweeps/interns-or-training.yaml" --baseline interns --out "$work/bad-pair"
[[ ! -e "$work/bad-pair" ]] || { echo "FAIL a refused sweep left its folder"; failures=$((failures + 1)); }
cat > "$work/bad-sweep.yaml" <<YAML
base: $src/scenarios/seed-default.yaml
variants:
  - name: broken
    set: {activities.tweet.hours_per_unit: -1}
YAML
expect sweep-bad-variant 2 "in variant 'broken': must be above 0, got -1" -- "$bin" sweep "$work/bad-sweep.yaml" --out "$work/bad-sweep"

# Output safety: a folder with the user's own files is never touched.
mkdir -p "$work/mine" && echo "keep me" > "$work/mine/notes.txt"
expect foreign-folder 2 "holds files flowfolio did not write \(notes.txt\)" -- "$bin" run "$default" --trials 10 --out "$work/mine"
[[ $(cat "$work/mine/notes.txt") == "keep me" && $(ls "$work/mine" | wc -l) -eq 1 ]] || { echo "FAIL foreign folder changed"; failures=$((failures + 1)); }
# Results replace old results whole: a file the new run does not write is gone too.
expect results-a 0 "" -- "$bin" run "$default" --trials 64 --out "$work/res" -q --report
expect results-b 0 "" -- "$bin" run "$default" --trials 128 --out "$work/res" -q
[[ ! -e "$work/res/report.html" ]] || { echo "FAIL old results mixed with new"; failures=$((failures + 1)); }
grep -q '"trials": 128' "$work/res/manifest.json" || { echo "FAIL new results not in place"; failures=$((failures + 1)); }
ls -a "$work" | grep -q "tmp-\|flowfolio-lock" && { echo "FAIL staging folder or lock left behind"; failures=$((failures + 1)); }
# ... but only when flowfolio wrote them: the marker lists every file with its SHA-256.
grep -q '"name": "trials.csv"' "$work/res/.flowfolio.json" || { echo "FAIL no marker"; failures=$((failures + 1)); }
cp -a "$work/res" "$work/res-mine" && echo "my note" > "$work/res-mine/notes.txt"
expect results-with-user-file 2 "holds files flowfolio did not write \(notes.txt\)" -- "$bin" run "$default" --trials 64 --out "$work/res-mine" -q
rm "$work/res-mine/notes.txt" && echo '{}' > "$work/res-mine/summary.json"
expect results-edited 2 "summary.json \(changed\)" -- "$bin" run "$default" --trials 64 --out "$work/res-mine" -q
[[ $(cat "$work/res-mine/summary.json") == "{}" ]] || { echo "FAIL edited results replaced"; failures=$((failures + 1)); }
# A folder holding only the user's scenario, or a symlink and .., which means the kernel's folder.
mkdir -p "$work/own" && printf '# mine\nextends: base.yaml\n' > "$work/own/scenario.yaml"
expect user-scenario-folder 2 "holds files flowfolio did not write \(scenario.yaml\)" -- "$bin" run "$default" --trials 10 --out "$work/own"
mkdir -p "$work/deep/inner" "$work/dd" && ln -s "$work/deep/inner" "$work/dd/link" && mkdir "$work/dd/res" && echo mine > "$work/dd/res/notes.txt"
expect symlink-dotdot 0 "" -- "$bin" run "$default" --trials 10 --out "$work/dd/link/../res" -q
[[ -s "$work/deep/res/summary.json" && $(cat "$work/dd/res/notes.txt") == mine ]] || { echo "FAIL symlink/.. wrote the lexical folder"; failures=$((failures + 1)); }
# report -o: a file flowfolio did not write is not replaced; its own report is.
echo "<p>mine</p>" > "$work/page.html"
expect report-over-user-file 2 "page.html: exists and flowfolio did not write it" -- "$bin" report "$work/set" -o "$work/page.html"
[[ $(cat "$work/page.html") == "<p>mine</p>" ]] || { echo "FAIL report replaced the user's page"; failures=$((failures + 1)); }
expect report-over-report 0 "wrote" -- "$bin" report "$work/set" -o "$work/set/report.html"
expect report-default 0 "wrote" -- "$bin" report "$work/set"
expect run-after-report 0 "" -- "$bin" run "$default" --trials 64 --out "$work/set" -q
# What would change the answer: run --report writes decision.json and the section; run
# alone does not; report DIR on a folder without the file still renders it, and leaves
# the folder as it was.
expect decision-run 0 "" -- "$bin" run "$default" --trials 64 --out "$work/decision" -q --report
grep -q '"trials_per_evaluation": 64' "$work/decision/decision.json" && grep -q 'id="what-would-change"' "$work/decision/report.html" ||
  { echo "FAIL run --report wrote no decision.json or no section"; failures=$((failures + 1)); }
[[ ! -e "$work/set/decision.json" ]] || { echo "FAIL run without --report wrote decision.json"; failures=$((failures + 1)); }
expect report-computes-decision 0 "wrote" -- "$bin" report "$work/set" -o "$work/set-report.html"
grep -q 'id="what-would-change"' "$work/set-report.html" && grep -q 'id="chart-decision"' "$work/set-report.html" &&
  [[ ! -e "$work/set/decision.json" ]] || { echo "FAIL report DIR without decision.json"; failures=$((failures + 1)); }
# --store: only a store flowfolio created takes rows, refused before the run.
echo "not a store" > "$work/notes.sqlite"
expect store-not-ours 2 "--store .*notes.sqlite: is not a results store flowfolio created" -- "$bin" sensitivity "$default" "${sens[@]}" --out "$work/never" --store "$work/notes.sqlite"
[[ ! -e "$work/never" && $(cat "$work/notes.sqlite") == "not a store" ]] || { echo "FAIL --store touched the user's file"; failures=$((failures + 1)); }
# A sweep into a folder with the user's results.csv is refused; its own folder resumes.
mkdir -p "$work/sweep-mine" && echo "my,results" > "$work/sweep-mine/results.csv"
expect sweep-user-results 2 "holds files flowfolio did not write \(results.csv\)" -- "$bin" sweep "$work/sweep.yaml" --out "$work/sweep-mine"
[[ $(cat "$work/sweep-mine/results.csv") == "my,results" ]] || { echo "FAIL sweep replaced the user's results.csv"; failures=$((failures + 1)); }

# Runs that would not fit are refused before they start.
expect too-large 2 "this run.s results .* would need about .* of memory, and .* is allowed .*--allow-large-run" -- "$bin" run "$default" --trials 1000000000 --out "$work/huge" --statistics exact
[[ ! -e "$work/huge" ]] || { echo "FAIL refused run wrote"; failures=$((failures + 1)); }
# ... and by default they keep summaries instead of every trial (stopped here after a second).
"$bin" run "$default" --trials 1000000000 --out "$work/huge" > /dev/null 2> "$work/stderr" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
[[ $? -eq 130 ]] && grep -q "keeping mergeable summaries instead" "$work/stderr" && passes=$((passes + 1)) ||
  { echo "FAIL auto statistics did not choose summaries"; cat "$work/stderr"; failures=$((failures + 1)); }

# Summaries on demand: no trials.csv, the method and its bound in summary.json.
expect sketch 0 "wrote .*/sketch/\{manifest.json, paired.json, scenario.yaml, series.csv, summary.json\}" -- "$bin" run "$default" --trials 300 --statistics sketch --out "$work/sketch"
[[ ! -e "$work/sketch/trials.csv" ]] || { echo "FAIL sketch wrote trials.csv"; failures=$((failures + 1)); }
grep -q '"method": "sketch"' "$work/sketch/summary.json" || { echo "FAIL sketch: no method in summary.json"; failures=$((failures + 1)); }
grep -q '"relative_accuracy": 0.005' "$work/sketch/summary.json" || { echo "FAIL sketch: no bound in summary.json"; failures=$((failures + 1)); }
grep -q 'trials.csv' "$work/sketch/manifest.json" && { echo "FAIL sketch: manifest lists trials.csv"; failures=$((failures + 1)); }
expect sketch-report 2 "--report needs every trial: use --statistics exact" -- "$bin" run "$default" --statistics sketch --report --out "$work/x"
expect sketch-precision 2 "--precision needs every trial" -- "$bin" run "$default" --statistics sketch --precision 0.1 --out "$work/x"
expect statistics-bad 2 "statistics" -- "$bin" run "$default" --statistics median

# Interruption: SIGINT exits 130 and SIGTERM 143, writing nothing; old results stay.
# The signal is sent once the run has begun (its staging folder exists): a fixed wait was
# too short for a loaded machine starting the cluster build's MPI.
for sig in INT TERM; do
  "$bin" run "$default" --trials 1000000 --out "$work/res" -q > /dev/null 2> "$work/stderr" &
  pid=$!
  for _ in $(seq 600); do
    ls -a "$work" | grep -q '^\.res.*tmp-' && break
    sleep 0.05
  done
  sleep 0.2
  kill -"$sig" "$pid"
  wait "$pid"
  status=$?
  expected=$([[ $sig == INT ]] && echo 130 || echo 143)
  if [[ $status -ne $expected ]]; then echo "FAIL SIG$sig: exit $status"; failures=$((failures + 1)); else passes=$((passes + 1)); fi
  grep -q "nothing was written" "$work/stderr" || { echo "FAIL SIG$sig message"; failures=$((failures + 1)); }
  grep -q '"trials": 128' "$work/res/manifest.json" || { echo "FAIL SIG$sig touched old results"; failures=$((failures + 1)); }
done
ls -a "$work" | grep -q "tmp-" && { echo "FAIL interrupted run left a staging folder"; failures=$((failures + 1)); }

# A full disk and a read-only folder: a clear error, exit 1, old results intact.
# Needs root to mount a small tmpfs; skipped (and said so) otherwise.
if [[ $(id -u) -eq 0 ]] && mkdir -p "$work/tiny" && mount -t tmpfs -o size=300k tmpfs "$work/tiny" 2> /dev/null; then
  expect tiny-first 0 "" -- "$bin" run "$default" --trials 8 --out "$work/tiny/res" -q
  cp -r "$work/tiny/res" "$work/tiny-before"
  expect disk-full 1 "No space left on device" -- "$bin" run "$default" --trials 4000 --out "$work/tiny/res" -q
  diff -r "$work/tiny-before" "$work/tiny/res" > /dev/null || { echo "FAIL full disk changed old results"; failures=$((failures + 1)); }
  [[ $(ls -a "$work/tiny" | grep -c tmp-) -eq 0 ]] || { echo "FAIL full disk left a staging folder"; failures=$((failures + 1)); }
  mount -o remount,ro "$work/tiny"
  expect read-only 1 "Read-only file system" -- "$bin" run "$default" --trials 8 --out "$work/tiny/res" -q
  diff -r "$work/tiny-before" "$work/tiny/res" > /dev/null || { echo "FAIL read-only changed old results"; failures=$((failures + 1)); }
  umount "$work/tiny"
else
  echo "skipped: full-disk and read-only checks need root and tmpfs"
fi

echo "$passes passed, $failures failed"
[[ $failures -eq 0 ]]
