#!/usr/bin/env bash
# Scaling of the cluster build from 1 to N ranks on this machine (docs/cluster.md):
#
#   bash bench/cluster_scaling.sh [TRIALS] [MAX_RANKS] [STUDY...]   # defaults 8000, 2, none
#
# Runs the default scenario with `mpirun -np R flowfolio run --threads 1` for R = 1 ..
# MAX_RANKS, and the plain build on 1 thread and on R threads for comparison; prints
# wall time, trials a second and speed-up, and checks every result is byte-identical.
# Each STUDY named (sensitivity, frontier) then runs with its full default settings,
# `mpirun -np R flowfolio STUDY --threads 1` for R = 1 .. MAX_RANKS (about 2 minutes a
# run on one core), its evaluations shared by the ranks; its files must be identical too.
set -euo pipefail
trials=${1:-8000}
max=${2:-2}
studies=("${@:3}")
src=$(cd "$(dirname "$0")/.." && pwd)
mpi_bin=$src/build-mpi/flowfolio
plain_bin=$src/build/flowfolio
scenario=$src/scenarios/seed-default.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_MCA_btl_vader_single_copy_mechanism=none

seconds() {  # seconds OUT_DIR command...: wall time of the command, in seconds
  local out=$1
  shift
  local start end
  start=$(date +%s.%N)
  "$@" --out "$out" -q
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

printf "%-34s %8s %12s %9s\n" "run ($trials trials x 5 strategies)" "wall s" "trials/s" "speed-up"
base=""
report() {
  local name=$1 t=$2
  [[ -z $base ]] && base=$t
  printf "%-34s %8.2f %12.0f %8.2fx\n" "$name" "$t" "$(echo "$trials / $t" | bc -l)" "$(echo "$base / $t" | bc -l)"
}
for r in $(seq 1 "$max"); do
  t=$(seconds "$work/np$r" mpirun --allow-run-as-root --oversubscribe -np "$r" "$mpi_bin" run "$scenario" --trials "$trials" --threads 1)
  report "mpirun -np $r, --threads 1" "$t"
done
for k in 1 "$max"; do
  t=$(seconds "$work/plain$k" "$plain_bin" run "$scenario" --trials "$trials" --threads "$k")
  report "plain build, --threads $k" "$t"
done
for r in $(seq 2 "$max"); do
  for f in summary.json trials.csv series.csv paired.json; do
    cmp -s "$work/np1/$f" "$work/np$r/$f" || { echo "DIFFERENT: $f on $r ranks"; exit 1; }
    cmp -s "$work/np1/$f" "$work/plain1/$f" || { echo "DIFFERENT: $f, plain build"; exit 1; }
  done
done
echo "every result byte-identical"

for study in "${studies[@]}"; do
  printf "\n%-34s %8s %9s\n" "$study (default settings)" "wall s" "speed-up"
  study_base=""
  for r in $(seq 1 "$max"); do
    start=$(date +%s.%N)
    mpirun --allow-run-as-root --oversubscribe -np "$r" "$mpi_bin" "$study" "$scenario" --threads 1 \
      --out "$work/$study-np$r" -q
    t=$(echo "$(date +%s.%N) - $start" | bc)
    [[ -z $study_base ]] && study_base=$t
    printf "%-34s %8.2f %8.2fx\n" "mpirun -np $r, --threads 1" "$t" "$(echo "$study_base / $t" | bc -l)"
    for f in "$study.json" summary.json trials.csv series.csv paired.json; do
      cmp -s "$work/$study-np1/$f" "$work/$study-np$r/$f" || { echo "DIFFERENT: $study $f on $r ranks"; exit 1; }
    done
  done
  echo "every $study result byte-identical"
done
