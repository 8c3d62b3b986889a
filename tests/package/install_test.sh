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
# The Python module, when built: installed into the prefix's site folder, moved with it,
# it imports from there alone and writes a report with the chart libraries it carries.
if [[ -f "$build_dir/python/flowfolio/_build_info.py" ]]; then
  package=$(find "$work/moved/lib" -path '*-packages/flowfolio/__init__.py' | head -1)
  [[ -n "$package" ]] || { echo "install: no Python package under $work/moved/lib" >&2; exit 1; }
  site=$(dirname "$(dirname "$package")")
  python=$(sed -n 's/^PYTHON = "\(.*\)"$/\1/p' "$build_dir/python/flowfolio/_build_info.py")
  PYTHONPATH=$site PYTHONDONTWRITEBYTECODE=1 "$python" - "$source_dir/scenarios/seed-default.yaml" "$site" <<'PY'
import sys
import flowfolio
assert flowfolio.__file__.startswith(sys.argv[2]), flowfolio.__file__
results = flowfolio.run(flowfolio.Scenario.from_yaml(open(sys.argv[1]).read() + "report: {what_if_trials: 0}\n"),
                        trials=128, progress=False)
results.report("python.html", progress=False)
PY
  grep -q -F "$(head -c 200 "$build_dir/report-assets/vega.min.js")" python.html ||
    { echo "install: the Python module's report does not inline vega.min.js" >&2; exit 1; }
fi
echo "install: ok"
