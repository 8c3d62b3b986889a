#!/usr/bin/env bash
# Shell habits (docs/shell.md): --version, bash completion through the program, the manual
# page made from the help, --errors json, colour only on a terminal that wants it, and
# flowfolio init.
#   shell_test.sh FLOWFOLIO SOURCE_DIR MANUAL_PAGE
set -uo pipefail
flowfolio=$(realpath "$1")
src=$2
manual=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
default=$src/scenarios/seed-default.yaml

# --version: the program, the model and the commit.
"$flowfolio" --version | grep -Eq '^flowfolio [0-9]+\.[0-9]+\.[0-9]+ \(model 1\.1, commit ([0-9a-f]{12}(-dirty)?|unknown)\)$' ||
  fail "--version: $("$flowfolio" --version)"

# Completion: the script asks the program; COMP_WORDS[0] is the program as typed.
complete_line() {  # complete_line WORD... : what bash offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _flowfolio
            [[ ${#COMPREPLY[@]} -eq 0 ]] || printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$src/packaging/flowfolio.bash" "$@" | sort | tr '\n' ' '
}
expect_completion() {  # expect_completion "EXPECTED" WORD...
  local expected=$1
  shift
  local got
  got=$(complete_line "$@")
  [[ $got == "$expected" ]] || fail "completion of '$*': got '$got', not '$expected'"
}
expect_completion "report run " "$flowfolio" r
expect_completion "calibrate compare " "$flowfolio" c
expect_completion "--trial --trials " "$flowfolio" run "$default" --tri
expect_completion "--errors " "$flowfolio" --err
expect_completion "hire_interns " "$flowfolio" compare "$default" --baseline hi
expect_completion "jump_in " "$flowfolio" calibrate "$default" --as j
expect_completion "both sobol tornado " "$flowfolio" sensitivity "$default" --method ""
expect_completion "json text " "$flowfolio" validate "$default" --errors ""
expect_completion "b2b-software " "$flowfolio" init somewhere --example b
expect_completion "" "$flowfolio" run "$default" --out ""   # a folder: bash's own completion
grep -q '^complete .*-F _flowfolio flowfolio$' "$src/packaging/flowfolio.bash" || fail "the script does not register"

# The manual page: made from the help, every command and option in it, and well formed.
[[ -s $manual ]] || fail "no manual page at $manual"
"$flowfolio" manual | cmp -s - "$manual" || fail "the built manual page is not what flowfolio manual prints"
for command in $("$flowfolio" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'); do
  grep -q "^\.SS \"flowfolio $command" "$manual" || fail "the manual has no section for $command"
  for option in $("$flowfolio" "$command" --help | grep -oE '^ +(-[a-z],)?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
    [[ $option == --help ]] && continue
    grep -qF -- "${option//-/\\-}" "$manual" || fail "the manual does not mention $command $option"
  done
done
if command -v groff > /dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$manual" 2>&1)
  [[ -z $warnings ]] || fail "groff warns of the manual page: $warnings"
fi

# --errors json: the same problems as the text, as one JSON list on stderr, status 2.
printf 'name: bad\nhorizon: -1\nactivities: []\n' > "$work/bad.yaml"
"$flowfolio" validate "$work/bad.yaml" 2> "$work/text"
text_status=$?
"$flowfolio" validate "$work/bad.yaml" --errors json 2> "$work/json"
json_status=$?
[[ $text_status == 2 && $json_status == 2 ]] || fail "--errors json: status $json_status, text $text_status"
python3 - "$work/json" "$work/text" << 'EOF' || fail "--errors json: $(cat "$work/json")"
import json, sys
problems = json.load(open(sys.argv[1]))
text = [l for l in open(sys.argv[2]).read().splitlines() if "problems found" not in l]
assert len(problems) == len(text) >= 3, (problems, text)
for p, line in zip(problems, text):
    assert set(p) == {"file", "line", "column", "path", "message", "severity"}, p
    assert p["message"] in line and p["path"] in line and p["severity"] == "error", (p, line)
    assert line.startswith(f"{p['file']}:{p['line']}:{p['column']}:") or p["line"] is None, (p, line)
EOF
"$flowfolio" --errors json run --no-such-option "$default" 2> "$work/json"
[[ $? == 2 ]] && python3 -c 'import json,sys; p = json.load(open(sys.argv[1])); assert "no-such-option" in p[0]["message"]' "$work/json" ||
  fail "a wrong option with --errors json: $(cat "$work/json")"

# Colour only on a terminal, and never with NO_COLOR or TERM=dumb.
if command -v script > /dev/null; then
  script -qec "'$flowfolio' validate '$work/bad.yaml'" /dev/null > "$work/tty" 2>&1
  grep -q $'\033\[1;31m' "$work/tty" || fail "no colour on a terminal"
  NO_COLOR=1 script -qec "'$flowfolio' validate '$work/bad.yaml'" /dev/null > "$work/tty" 2>&1
  grep -q $'\033' "$work/tty" && fail "colour with NO_COLOR set"
  TERM=dumb script -qec "'$flowfolio' validate '$work/bad.yaml'" /dev/null > "$work/tty" 2>&1
  grep -q $'\033' "$work/tty" && fail "colour with TERM=dumb"
fi
grep -q $'\033' "$work/text" && fail "colour into a file"

# init: a starter scenario with its schema; never over a file of the user's.
"$flowfolio" init "$work/starter" --example b2b-software > "$work/out" || fail "init: $(cat "$work/out")"
head -1 "$work/starter/scenario.yaml" | grep -q '^# yaml-language-server: \$schema=scenario.schema.json$' ||
  fail "init's scenario does not name its schema"
"$flowfolio" validate "$work/starter/scenario.yaml" > /dev/null || fail "init's scenario does not validate"
"$flowfolio" schema | cmp -s - "$work/starter/scenario.schema.json" || fail "init's schema is not flowfolio schema's"
cp "$work/starter/scenario.yaml" "$work/before.yaml"
"$flowfolio" init "$work/starter" --example hospital-system 2> "$work/err" > /dev/null
[[ $? == 2 ]] && grep -q "exists already" "$work/err" || fail "init over an existing scenario: $(cat "$work/err")"
cmp -s "$work/before.yaml" "$work/starter/scenario.yaml" || fail "init changed an existing scenario"
"$flowfolio" init "$work/piped" < /dev/null 2> "$work/err" > /dev/null || fail "init without a terminal"
grep -q "starting from the example seed-default" "$work/err" || fail "init without a terminal: $(cat "$work/err")"
if command -v script > /dev/null; then
  printf '3\n' | script -qec "'$flowfolio' init '$work/asked'" /dev/null > /dev/null 2>&1
  grep -q 'the shipped example "hospital-system"' "$work/asked/scenario.yaml" 2> /dev/null ||
    fail "init did not take the answer 3 as hospital-system"
fi

[[ $failures == 0 ]] && echo "shell: --version, completion, manual page, --errors json, colour and init all checked"
exit "$failures"
