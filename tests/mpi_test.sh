#!/usr/bin/env bash
# The cluster build under mpirun on one machine: 1, 2 and 3 ranks give byte for byte the
# files of one process (runs, sweeps, sensitivity and frontier studies); a cluster sweep
# resumes from its store; a failing rank fails the job, names itself and publishes
# nothing. (docs/cluster.md)
#
#   mpi_test.sh MPI_BINARY SOURCE_DIR [REFERENCE_BINARY]
#
# REFERENCE_BINARY is the plain build's flowfolio; without it, MPI_BINARY started without
# mpirun (a job of one process) is the reference.
set -uo pipefail
bin=$1
src=$(cd "$2" && pwd)
reference=${3:-$1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
pass() { passes=$((passes + 1)); }

# CI runs as root, and a CI machine has fewer cores than ranks: both need saying.
# The shared-memory transport's single-copy mechanism (CMA) is refused in many
# containers; copying through the shared segment works everywhere.
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpi() { mpirun --allow-run-as-root --oversubscribe -np "$@"; }

default=$src/scenarios/seed-default.yaml
files=(summary.json paired.json trials.csv series.csv scenario.yaml)
# The manifest differs only where it must: the command line, the threads, the clock.
manifest_core() { grep -vE '"(command_line|threads|start_time|end_time)"' "$1"; }
same_results() {  # same_results NAME DIR_A DIR_B
  local name=$1 a=$2 b=$3 f ok=1
  for f in "${files[@]}"; do
    [[ -e $a/$f || -e $b/$f ]] || continue  # trials.csv, when statistics are summaries
    cmp -s "$a/$f" "$b/$f" || { fail "$name: $f differs"; ok=0; }
  done
  diff <(manifest_core "$a/manifest.json") <(manifest_core "$b/manifest.json") > /dev/null ||
    { fail "$name: manifest.json differs beyond command line, threads and times"; ok=0; }
  [[ $ok -eq 1 ]] && pass
}

# 1. Runs: 700 trials are 11 blocks of 64, the last one partial, shared 11, 5+6, 3+4+4.
"$reference" run "$default" --trials 700 --threads 2 --out "$work/ref" -q || fail "reference run"
for n in 1 2 3; do
  mpi "$n" "$bin" run "$default" --trials 700 --threads 1 --out "$work/np$n" -q > "$work/stdout" 2> "$work/stderr" ||
    { fail "run on $n ranks: exit $?"; cat "$work/stderr"; continue; }
  same_results "run on $n ranks" "$work/ref" "$work/np$n"
  [[ ! -s "$work/stdout" ]] || fail "run on $n ranks printed with --quiet"
done
# Only rank 0 prints: one table, not one per rank.
mpi 3 "$bin" run "$default" --trials 128 --threads 1 --out "$work/loud" > "$work/stdout" 2> /dev/null
[[ $(grep -c "se(mean npv)" "$work/stdout") -eq 1 ]] && pass || fail "3 ranks printed $(grep -c "se(mean npv)" "$work/stdout") tables"

# Precision runs add trials in steps; every step is shared.
"$reference" run "$default" --precision 0.001 --max-trials 1500 --threads 2 --out "$work/ref-precision" -q
mpi 3 "$bin" run "$default" --precision 0.001 --max-trials 1500 --threads 1 --out "$work/np3-precision" -q ||
  fail "precision run on 3 ranks: exit $?"
same_results "precision run on 3 ranks" "$work/ref-precision" "$work/np3-precision"

# compare with independent streams.
"$reference" compare "$default" --trials 300 --independent-streams --threads 2 --out "$work/ref-ind" -q
mpi 2 "$bin" compare "$default" --trials 300 --independent-streams --threads 1 --out "$work/np2-ind" -q ||
  fail "independent streams on 2 ranks: exit $?"
same_results "independent streams on 2 ranks" "$work/ref-ind" "$work/np2-ind"

# Summarized statistics (--statistics sketch): the sketches merge exactly, so the same bytes.
"$reference" run "$default" --trials 700 --statistics sketch --threads 2 --out "$work/ref-sketch" -q
mpi 3 "$bin" run "$default" --trials 700 --statistics sketch --threads 1 --out "$work/np3-sketch" -q ||
  fail "summarized run on 3 ranks: exit $?"
[[ -s "$work/np3-sketch/summary.json" && ! -e "$work/np3-sketch/trials.csv" ]] || fail "summarized run: wrong files"
same_results "summarized run on 3 ranks" "$work/ref-sketch" "$work/np3-sketch"

# 2. Sweeps: the same store on any number of ranks, and a cluster sweep resumes; the
# break-even search and the robustness summary take the same decisions on every rank.
cat > "$work/sweep.yaml" <<YAML
base: $default
trials: 130
grid:
  activities.pharma_campaign.incident.probability: [0.0005, 0.004]
  strategies.train_staff.train.0.hours_per_period: [2, 6]
break_even:
  pair: [mentored_mix, train_staff]
  axis: activities.pharma_campaign.incident.probability
YAML
sweep_files=(results.csv paired.csv decision.json sweep.html)
"$reference" sweep "$work/sweep.yaml" --out "$work/sweep-ref" -q || fail "reference sweep"
for n in 1 2 3; do
  mpi "$n" "$bin" sweep "$work/sweep.yaml" --threads 1 --out "$work/sweep-np$n" -q ||
    { fail "sweep on $n ranks: exit $?"; continue; }
  for f in "${sweep_files[@]}"; do
    cmp -s "$work/sweep-ref/$f" "$work/sweep-np$n/$f" && pass || fail "sweep on $n ranks: $f differs"
  done
done
# As if the 3-rank sweep had been killed after two variants, then resumed on 2 ranks.
python3 "$src/tests/forget_variants.py" "$work/sweep-np3/store.sqlite" 2
mpi 2 "$bin" sweep "$work/sweep.yaml" --threads 1 --out "$work/sweep-np3" > "$work/stdout" 2> "$work/stderr" ||
  fail "resumed sweep: exit $?"
grep -q "2 variants run, 2 already in the store" "$work/stdout" && pass || { fail "resumed sweep: $(cat "$work/stdout")"; }
for f in "${sweep_files[@]}"; do
  cmp -s "$work/sweep-ref/$f" "$work/sweep-np3/$f" && pass || fail "resumed sweep: $f differs"
done

# 3. Studies: each evaluation runs whole on one rank and every rank gets every number, so
# 1, 2 and 3 ranks take the same decisions and write the same bytes as one process.
study_files=(sensitivity.json frontier.json summary.json paired.json trials.csv series.csv scenario.yaml)
# The store holds the command line, which names the binary and the output folder.
store_dump() { python3 -c 'import sqlite3, sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$1" |
  sed -E "s|'[^']* (sensitivity\|frontier) [^']*'|'COMMAND'|"; }
same_study() {  # same_study NAME DIR_A DIR_B
  local name=$1 a=$2 b=$3 f ok=1
  for f in "${study_files[@]}"; do
    [[ -e $a/$f || -e $b/$f ]] || continue
    cmp -s "$a/$f" "$b/$f" || { fail "$name: $f differs"; ok=0; }
  done
  cmp -s <(store_dump "$a/store.sqlite") <(store_dump "$b/store.sqlite") || { fail "$name: store.sqlite differs"; ok=0; }
  [[ $ok -eq 1 ]] && pass
}
sensitivity_small=(--samples 8 --evaluation-trials 128 --trials 256)
frontier_small=(--candidates 8 --evaluation-trials 128 --trials 256 --confirm-trials 512 --set optimize.confirm_max_trials=1024)
"$reference" sensitivity "$default" "${sensitivity_small[@]}" --threads 2 --out "$work/sens-ref" -q || fail "reference sensitivity"
"$reference" frontier "$default" "${frontier_small[@]}" --threads 2 --out "$work/front-ref" -q || fail "reference frontier"
for n in 1 2 3; do
  mpi "$n" "$bin" sensitivity "$default" "${sensitivity_small[@]}" --threads 1 --out "$work/sens-np$n" -q ||
    { fail "sensitivity on $n ranks: exit $?"; continue; }
  same_study "sensitivity on $n ranks" "$work/sens-ref" "$work/sens-np$n"
  mpi "$n" "$bin" frontier "$default" "${frontier_small[@]}" --threads 1 --out "$work/front-np$n" -q ||
    { fail "frontier on $n ranks: exit $?"; continue; }
  same_study "frontier on $n ranks" "$work/front-ref" "$work/front-np$n"
done
# Only rank 0 prints the study's table.
mpi 2 "$bin" sensitivity "$default" "${sensitivity_small[@]}" --threads 1 --out "$work/sens-loud" > "$work/stdout" 2> /dev/null
[[ $(grep -c "evaluations x 128 trials" "$work/stdout") -eq 1 ]] && pass ||
  fail "2 ranks printed $(grep -c "evaluations x 128 trials" "$work/stdout") sensitivity tables"

# 4. Faults: a rank that fails stops the job, is named with its cause, and nothing appears.
expect_failure() {  # expect_failure NAME STATUS PATTERN -- command...
  local name=$1 status=$2 pattern=$3
  shift 4
  "$@" > "$work/stdout" 2> "$work/stderr"
  local got=$?
  if [[ $got -ne $status ]]; then fail "$name: exit $got, expected $status"; cat "$work/stderr"; return; fi
  grep -qE -- "$pattern" "$work/stderr" && pass || { fail "$name: stderr does not match /$pattern/"; cat "$work/stderr"; }
}
for rank in 1 2 0; do
  FLOWFOLIO_TEST_FAIL_RANK=$rank expect_failure "rank $rank fails a run" 1 \
    "rank $rank: .*failure injected by FLOWFOLIO_TEST_FAIL_RANK" -- \
    mpi 3 "$bin" run "$default" --trials 700 --threads 1 --out "$work/failed-$rank" -q
  [[ ! -e "$work/failed-$rank" ]] && pass || fail "rank $rank failed, yet $work/failed-$rank exists"
done
ls -a "$work" | grep -q "tmp-" && fail "a failed run left a staging folder" || pass
# A failure after results exist leaves the old results whole.
FLOWFOLIO_TEST_FAIL_RANK=1 expect_failure "rank 1 fails a rerun" 1 "rank 1: " -- \
  mpi 2 "$bin" run "$default" --trials 300 --threads 1 --out "$work/np2" -q
same_results "old results after a failed rerun" "$work/ref" "$work/np2"
# A failing rank in a sweep: the variant is not in the store, and a rerun completes it.
FLOWFOLIO_TEST_FAIL_RANK=2 expect_failure "rank 2 fails a sweep" 1 "rank 2: .*failure injected" -- \
  mpi 3 "$bin" sweep "$work/sweep.yaml" --threads 1 --out "$work/sweep-failed" -q
[[ ! -e "$work/sweep-failed/results.csv" ]] && pass || fail "a failed sweep wrote results.csv"
mpi 3 "$bin" sweep "$work/sweep.yaml" --threads 1 --out "$work/sweep-failed" -q || fail "sweep after a failure: exit $?"
cmp -s "$work/sweep-ref/results.csv" "$work/sweep-failed/results.csv" && pass || fail "sweep after a failure differs"
# A rank failing during a study: named, and nothing published.
for rank in 1 0; do
  FLOWFOLIO_TEST_FAIL_RANK=$rank expect_failure "rank $rank fails a sensitivity analysis" 1 \
    "rank $rank: .*failure injected by FLOWFOLIO_TEST_FAIL_RANK" -- \
    mpi 2 "$bin" sensitivity "$default" "${sensitivity_small[@]}" --threads 1 --out "$work/sens-failed-$rank" -q
  [[ ! -e "$work/sens-failed-$rank" ]] && pass || fail "rank $rank failed a study, yet its folder exists"
done
FLOWFOLIO_TEST_FAIL_RANK=2 expect_failure "rank 2 fails a frontier search" 1 "rank 2: .*failure injected" -- \
  mpi 3 "$bin" frontier "$default" "${frontier_small[@]}" --threads 1 --out "$work/front-failed" -q
[[ ! -e "$work/front-failed" ]] && pass || fail "a failed frontier search left its folder"
# A place rank 0 cannot write: the job fails before any rank simulates.
touch "$work/a-file"
expect_failure "unwritable output" 1 "cannot create .*a-file.*Not a directory" -- \
  mpi 2 "$bin" run "$default" --trials 64 --threads 1 --out "$work/a-file/x"
grep -q "rank 0 of 2" "$work/stderr" && pass || fail "unwritable output: rank 0 not named"
# Invalid input stays exit status 2 on the cluster.
expect_failure "invalid input" 2 "no-such.yaml: no such file" -- mpi 2 "$bin" run "$work/no-such.yaml" -q

echo "$passes passed, $failures failed"
[[ $failures -eq 0 ]]
