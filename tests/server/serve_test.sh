#!/usr/bin/env bash
# flowfolio serve over real HTTP (docs/what-if.md): the page and its API, a bad Host, another
# site's Origin, an oversize body, malformed JSON, a path that is not served, then Ctrl-C
# and a clean exit. Run: serve_test.sh FLOWFOLIO SOURCE_DIR
set -euo pipefail
flowfolio=$1
source_dir=$2
work=$(mktemp -d)
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  [[ -f $work/out ]] && sed 's/^/  server: /' "$work/out" "$work/err" >&2
  exit 1
}

# An invalid scenario is refused before anything listens, as `flowfolio validate` refuses it.
printf 'name: x\nhorizon: 0\n' > "$work/bad.yaml"
code=0
"$flowfolio" serve "$work/bad.yaml" --port 0 > /dev/null 2> "$work/bad.err" || code=$?
[[ $code == 2 ]] || fail "an invalid scenario gave status $code, not 2"
grep -q "bad.yaml:2:10: horizon: must be a whole number of 1 or more, got 0" "$work/bad.err" ||
  fail "an invalid scenario said: $(cat "$work/bad.err")"

# Port 0: the system picks a free one; the server prints the address it got.
"$flowfolio" serve "$source_dir/scenarios/seed-default.yaml" --port 0 > "$work/out" 2> "$work/err" &
server=$!
for _ in $(seq 100); do
  grep -q "is at http://" "$work/out" && break
  kill -0 "$server" 2> /dev/null || fail "the server ended before listening"
  sleep 0.1
done
address=$(grep -o "http://127.0.0.1:[0-9]*/" "$work/out") || fail "no address printed"
port=${address#http://127.0.0.1:}
port=${port%/}

# status BODY_FILE [curl arguments...]: the HTTP status, the body into BODY_FILE
status() {
  local body=$1
  shift
  curl -s -o "$body" -w "%{http_code}" "$@"
}
expect() {  # expect STATUS BODY_SUBSTRING [curl arguments...]
  local want=$1 text=$2
  shift 2
  local got
  got=$(status "$work/body" "$@")
  [[ $got == "$want" ]] || fail "$* gave $got, not $want: $(cat "$work/body")"
  grep -qF -- "$text" "$work/body" || fail "$* said $(cat "$work/body"), not ...$text..."
}
json=(-H "Content-Type: application/json")

expect 200 "<title>What if? flowfolio</title>" "$address"
expect 200 "AbortController" "${address}what_if.js"
expect 200 '"key": "activities.pharma_campaign.incident.probability"' "${address}api/inputs"
expect 200 '"sentence": "Recommended: ' "${json[@]}" -d '{"trials": 200}' "${address}api/run"
expect 200 '"activities.pharma_campaign.incident.probability": 0.004' "${json[@]}" \
  -d '{"trials": 200, "settings": {"activities.pharma_campaign.incident.probability": 0.004}}' "${address}api/run"
expect 200 '"recommended"' "${json[@]}" -d '{"trials": 200}' "http://localhost:$port/api/run"

# Refusals, each a JSON error with a 4xx status.
expect 403 '{"error":"the Host header must be 127.0.0.1:' -H "Host: attacker.example:$port" "${address}api/inputs"
expect 403 '{"error":"requests from other sites are refused"}' -H "Origin: http://attacker.example" \
  "${json[@]}" -d '{}' "${address}api/run"
head -c 70000 /dev/zero | tr '\0' ' ' > "$work/big"
expect 413 '{"error":"the request is larger than 64 KiB"}' "${json[@]}" --data-binary "@$work/big" "${address}api/run"
expect 400 '{"error":"the request is not valid JSON"}' "${json[@]}" -d '{"trials": ' "${address}api/run"
expect 400 'is outside its range 0.0005 to 0.004' "${json[@]}" \
  -d '{"settings": {"activities.pharma_campaign.incident.probability": 2}}' "${address}api/run"
expect 400 'trials: 1000000 is more than a what-if rerun runs' "${json[@]}" -d '{"trials": 1000000}' "${address}api/run"
expect 415 '{"error":"the request must be JSON' -H "Content-Type: text/plain" -d '{}' "${address}api/run"
expect 404 '{"error":"nothing is served here' "${address}etc/passwd"
expect 404 '{"error":"nothing is served here' --path-as-is "${address}../../etc/passwd"
expect 404 '{"error":"nothing is served here' "${address}api/run"   # GET of a POST route
kill -0 "$server" || fail "the server ended during the hostile requests"


echo "serve: all checks passed"
