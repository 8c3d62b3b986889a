#!/usr/bin/env bash
# Hostile inputs: each folder here is one case a hostile user would try. The runner copies
# the case into a scratch folder, runs its `setup` (what cannot live in git: symlinks,
# FIFOs, an earlier run's folder), records every file there as the user's, then runs `run`
# under a memory bound (ulimit -v) and a time bound, and checks what `expect` says: the exit
# status, patterns on stdout and stderr, and that every file the user had is unchanged
# (except the globs a case lists in `changes`). README.md in this folder has the format.
#
# Usage: run.sh FLOWFOLIO SOURCE_DIR [CASE...]
# Under the sanitizers (HOSTILE_SANITIZED=1) the memory bound is left out, since ASan
# reserves terabytes of address space, the time bounds are four times as long, and the
# cases whose expect says `needs ulimit` are skipped.
set -uo pipefail

FLOWFOLIO=$(realpath "$1")
SRC=$(realpath "$2")
shift 2
here="$SRC/tests/hostile"
scratch_root=$(mktemp -d)
trap 'chmod -R u+w "$scratch_root" 2> /dev/null; rm -rf "$scratch_root"' EXIT

cases=("$@")
if [[ ${#cases[@]} -eq 0 ]]; then
  for d in "$here"/*/; do cases+=("$(basename "$d")"); done
fi

# Every regular file, link, FIFO and folder below the folder with its content's hash (or target),
# one line each, sorted, leaving out the globs of `changes`.
inventory() {
  local dir=$1 changes=$2
  (cd "$dir" && find . -mindepth 1 \( -type f -o -type l -o -type p -o -type d \) -print0 | sort -z |
    while IFS= read -r -d '' f; do
      local keep=1
      if [[ -f "$changes" ]]; then
        while IFS= read -r glob; do
          [[ -n "$glob" && "${f#./}" == $glob ]] && keep=0
        done < "$changes"
      fi
      [[ $keep -eq 1 ]] || continue
      if [[ -L "$f" ]]; then echo "link $f -> $(readlink "$f")"
      elif [[ -p "$f" ]]; then echo "fifo $f"
      elif [[ -d "$f" ]]; then echo "folder $f"
      else echo "file $f $(sha256sum < "$f" | cut -d' ' -f1)"; fi
    done) | LC_ALL=C sort
}

expect_value() {  # expect_value FILE KEY DEFAULT
  local v
  v=$(awk -v k="$2" '$1 == k { $1 = ""; sub(/^ /, ""); print; exit }' "$1")
  echo "${v:-$3}"
}

passed=0
failed=0
skipped=0
for name in "${cases[@]}"; do
  case_dir="$here/$name"
  # A case about the memory bound itself cannot run where there is none.
  if [[ ${HOSTILE_SANITIZED:-0} == 1 ]] && grep -qx 'needs ulimit' "$case_dir/expect"; then
    skipped=$((skipped + 1))
    printf 'skip %-44s (needs the memory bound, which the sanitizers rule out)\n' "$name"
    continue
  fi
  work="$scratch_root/$name"
  mkdir -p "$work"
  cp -a "$case_dir"/. "$work"/
  expect="$work/expect"
  status=$(expect_value "$expect" status "")
  seconds=$(expect_value "$expect" seconds 30)
  [[ ${HOSTILE_SANITIZED:-0} == 1 ]] && seconds=$((seconds * 4))
  memory=$(expect_value "$expect" memory 2048)
  problems=()
  [[ -n "$status" ]] || problems+=("expect has no status line")
  export FLOWFOLIO SRC SCENARIOS="$SRC/scenarios"
  if [[ -f "$work/setup" ]]; then
    (cd "$work" && bash setup) > "$work/.setup.log" 2>&1 || problems+=("setup failed: $(cat "$work/.setup.log")")
  fi
  before=$(inventory "$work" "$work/changes")
  limit=$((memory * 1024))
  [[ ${HOSTILE_SANITIZED:-0} == 1 ]] && limit=unlimited
  started=$(date +%s%N)
  (cd "$work" && ulimit -v "$limit" && timeout -k 5 "$seconds" bash run) \
    > "$scratch_root/$name.out" 2> "$scratch_root/$name.err" < /dev/null
  got=$?
  elapsed=$((($(date +%s%N) - started) / 1000000))
  [[ $got -eq 124 || $got -eq 137 ]] && problems+=("did not finish within $seconds s")
  [[ -n "$status" && $got -ne $status ]] && problems+=("exit status $got, expected $status")
  while IFS= read -r line; do
    key=${line%% *}
    pattern=${line#* }
    case $key in
      stdout | stderr)
        grep -Eq -- "$pattern" "$scratch_root/$name.$([[ $key == stdout ]] && echo out || echo err)" ||
          problems+=("$key does not match: $pattern") ;;
      '!stdout' | '!stderr')
        grep -Eq -- "$pattern" "$scratch_root/$name.$([[ $key == '!stdout' ]] && echo out || echo err)" &&
          problems+=("${key#!} matches what it must not: $pattern") ;;
    esac
  done < "$expect"
  after=$(inventory "$work" "$work/changes")
  lost=$(LC_ALL=C comm -23 <(echo "$before") <(echo "$after"))
  [[ -z "$lost" ]] || problems+=("files the user had were changed or removed: $lost")

  if [[ ${#problems[@]} -eq 0 ]]; then
    passed=$((passed + 1))
    printf 'ok   %-44s exit %3d in %6d ms\n' "$name" "$got" "$elapsed"
  else
    failed=$((failed + 1))
    printf 'FAIL %-44s exit %3d in %6d ms\n' "$name" "$got" "$elapsed"
    for p in "${problems[@]}"; do echo "     - $p"; done
    echo "     stderr: $(head -c 600 "$scratch_root/$name.err")"
  fi
done
echo "hostile: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
