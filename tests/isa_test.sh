#!/usr/bin/env bash
# The same bytes whichever instruction set the machine has (docs/performance.md).
# flowfolio has no vector paths of its own; the C library picks exp, log and pow by the
# processor at run time (an FMA version where it can). GLIBC_TUNABLES masks AVX, AVX2,
# AVX-512 and FMA, forcing the C library's SSE2 versions as on the oldest x86-64: the
# results must not change by a bit, on 1, 2 and 7 threads.
#   isa_test.sh FLOWFOLIO SOURCE_DIR
set -u
flowfolio=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
baseline=glibc.cpu.hwcaps=-AVX,-AVX2,-AVX512F,-FMA,-FMA4
for scenario in seed-default hospital-system; do
  file="$source_dir/scenarios/$scenario.yaml"
  "$flowfolio" run "$file" --trials 700 --threads 2 --out "$work/$scenario-native" -q || exit 1
  for threads in 1 2 7; do
    out="$work/$scenario-sse2-$threads"
    GLIBC_TUNABLES=$baseline "$flowfolio" run "$file" --trials 700 --threads "$threads" --out "$out" -q || exit 1
    for f in summary.json trials.csv series.csv; do
      cmp -s "$work/$scenario-native/$f" "$out/$f" || { echo "FAIL $scenario $f differs (SSE2, $threads threads)"; failures=$((failures + 1)); }
    done
  done
done
# The calibration of the example history: its fits run on the C library too (Boost.Math).
history=$source_dir/scenarios/history
calibrate() {  # calibrate OUT
  "$flowfolio" calibrate "$source_dir/scenarios/seed-default.yaml" --start 2023-01-02 --trials 200 -q --out "$1" \
    --work "$history/work.csv" --incidents "$history/incidents.csv" --ramp "$history/ramp.csv" > /dev/null || exit 1
}
calibrate "$work/calibration-native"
GLIBC_TUNABLES=$baseline calibrate "$work/calibration-sse2"
for f in calibrated.yaml calibration.json calibration.html; do
  cmp -s "$work/calibration-native/$f" "$work/calibration-sse2/$f" || { echo "FAIL calibration $f differs (SSE2)"; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ] && echo "same bytes with and without AVX/FMA, on 1, 2 and 7 threads, and in a calibration"
exit "$failures"
