#!/usr/bin/env python3
"""Do two runs of the same scenario agree within Monte Carlo error?

For an engine change that moves the random-number layout (issue 15): results then change,
but only by luck. Each metric's mean of every strategy in A and B must differ by less than
K combined standard errors, sqrt(se_A^2 + se_B^2) (default K = 4). A metric with se 0 in
both (a constant) must be equal. Prints every comparison past 3 se, and exits 1 when any
is past K.

  python3 bench/results_agree.py OLD/summary.json NEW/summary.json [--k 4]
  python3 bench/results_agree.py --runs OLD_BINARY NEW_BINARY [--trials 20000]
      runs both binaries on the three shipped scenarios and compares each pair.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

SCENARIOS = ["seed-default", "b2b-software", "hospital-system"]


def compare(a_path, b_path, k):
    a = json.load(open(a_path))
    b = json.load(open(b_path))
    worst, failures, count = 0.0, 0, 0
    for sa, sb in zip(a["strategies"], b["strategies"]):
        assert sa["name"] == sb["name"], (sa["name"], sb["name"])
        for metric, ma in sa["metrics"].items():
            mb = sb["metrics"][metric]
            se = math.hypot(ma["se"], mb["se"])
            count += 1
            if se == 0:
                if ma["mean"] != mb["mean"]:
                    failures += 1
                    print(f"  {sa['name']:>14} {metric:<20} constant moved: {ma['mean']} -> {mb['mean']}")
                continue
            z = abs(ma["mean"] - mb["mean"]) / se
            worst = max(worst, z)
            if z > 3:
                print(f"  {sa['name']:>14} {metric:<20} {ma['mean']:.6g} -> {mb['mean']:.6g}: {z:.2f} se")
            if z > k:
                failures += 1
    print(f"{b_path}: {count} means compared, worst {worst:.2f} combined se, {failures} past {k}")
    return failures


def run_both(old, new, trials, source):
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for name in SCENARIOS:
            outs = []
            for tag, binary in (("old", old), ("new", new)):
                out = os.path.join(work, f"{name}-{tag}")
                subprocess.run([binary, "run", os.path.join(source, "scenarios", name + ".yaml"),
                                "--trials", str(trials), "--out", out, "-q"], check=True)
                outs.append(os.path.join(out, "summary.json"))
            failures += compare(outs[0], outs[1], args.k)
    return failures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--k", type=float, default=4.0)
    parser.add_argument("--runs", action="store_true", help="A and B are binaries to run, not summaries")
    parser.add_argument("--trials", type=int, default=20000)
    args = parser.parse_args()
    source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bad = run_both(args.a, args.b, args.trials, source) if args.runs else compare(args.a, args.b, args.k)
    sys.exit(1 if bad else 0)
