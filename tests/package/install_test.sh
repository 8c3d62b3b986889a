#!/usr/bin/env bash
# Installs flowfolio into a temporary prefix, moves the prefix elsewhere and checks that
# its program still writes reports with the chart libraries inlined: they are found from
# the program's own path (report.hpp), not from the build folder.
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/first" > /dev/null
for file in vega.min.js vega-lite.min.js vega-embed.min.js; do
  cmp "$work/first/share/flowfolio/report/$file" "$build_dir/report-assets/$file"
done
cp -a "$work/first" "$work/moved"
rm -rf "$work/first"
program=$work/moved/bin/flowfolio
if grep -q -a -F "$build_dir" "$program"; then
  echo "install: the installed program holds the build folder's path $build_dir" >&2
  exit 1
fi
unset FLOWFOLIO_REPORT_ASSETS
cd "$work"
"$program" run "$source_dir/scenarios/seed-default.yaml" --trials 200 --report --out run -q
"$program" report run -o again.html > /dev/null
for html in run/report.html again.html; do
  # Each library is inlined whole: its own first line appears in the page.
  for file in vega.min.js vega-lite.min.js vega-embed.min.js; do
    if ! grep -q -F "$(head -c 200 "$build_dir/report-assets/$file")" "$html"; then
      echo "install: $html does not inline $file" >&2
      exit 1
    fi
  done
done
echo "install: ok"
