#!/usr/bin/env python3
"""The layers of docs/architecture.md, held: a file in one layer's folder includes only
headers of its own layer and of the layers below it, so that the folders keep telling
the architecture. Run: python3 tests/layers_test.py SOURCE_DIR (exit 1 names each
include that reaches up or sideways)."""
import pathlib
import re
import sys

# Each layer and the layers it may use, bottom to top (docs/architecture.md).
ALLOWED = {
    "core": {"core"},
    "engine": {"core", "engine"},
    "stats": {"core", "engine", "stats"},
    "yaml": {"core", "engine", "yaml"},
    "output": {"core", "engine", "stats", "yaml", "output"},
    "studies": {"core", "engine", "stats", "yaml", "output", "studies"},
    "calibration": {"core", "engine", "stats", "yaml", "output", "calibration"},
    "cluster": {"core", "engine", "stats", "cluster"},
    "cmd": {"core", "engine", "stats", "yaml", "output", "studies", "calibration", "cluster", "server", "cmd"},
    "python": {"core", "engine", "stats", "yaml", "output", "studies", "python"},
    "server": {"core", "engine", "stats", "yaml", "output", "studies", "server"},
}
INCLUDE = re.compile(r'^#include "(?:flowfolio/)?(\w+)/[\w/]+\.hpp"', re.M)


def layer_of(path: pathlib.Path, root: pathlib.Path) -> str | None:
    parts = path.relative_to(root).parts
    if parts[0] == "sim":
        return parts[1]
    if parts[:2] == ("include", "flowfolio") and len(parts) > 3:
        return parts[2]
    return None


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    files = [p for d in ("sim", "include/flowfolio") for p in (root / d).rglob("*.[ch]pp")]
    problems, checked = [], 0
    for path in sorted(files):
        layer = layer_of(path, root)
        if layer is None:
            continue
        if layer not in ALLOWED:
            problems.append(f"{path.relative_to(root)}: folder '{layer}' is not a layer of docs/architecture.md")
            continue
        for used in INCLUDE.findall(path.read_text()):
            checked += 1
            if used not in ALLOWED[layer]:
                problems.append(f"{path.relative_to(root)}: the {layer} layer includes a {used} header")
    for p in problems:
        print(p)
    print(f"layers: {checked} includes checked, {len(problems)} reaching up or sideways")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
