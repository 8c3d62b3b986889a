#!/usr/bin/env bash
# Installs the built flowfolio into a temporary prefix and builds a separate project
# against it with find_package(flowfolio).
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" > /dev/null
cmake -S "$source_dir" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$work/build" > /dev/null
"$work/build/consumer" "$source_dir/../../scenarios/seed-default.yaml"
test -x "$work/prefix/bin/flowfolio"
echo "package consumer: ok"
