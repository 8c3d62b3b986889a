#!/usr/bin/env python3
"""What the Python binding adds to a run: flowfolio.run() against the same run made by
flowfolio::run() in C++, in the same process, interleaved round by round so that both
see the same machine. Prints the median of each and their ratio.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [--trials 2000] [--rounds 21]
"""
import argparse
import pathlib
import statistics
import time

import flowfolio
from flowfolio._native import core

SCENARIO = pathlib.Path(__file__).resolve().parents[1] / "scenarios" / "seed-default.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    scenario = flowfolio.Scenario.load(SCENARIO)
    python, python_frame, cpp = [], [], []
    flowfolio.run(scenario, trials=args.trials, progress=False)  # warm the caches once
    def from_python():
        start = time.perf_counter()
        results = flowfolio.run(scenario, trials=args.trials, seed=7, threads=args.threads, progress=False)
        python.append(time.perf_counter() - start)
        results.trials  # the frame, on top of the run
        python_frame.append(time.perf_counter() - start)

    def from_cpp():
        cpp.append(core._cpp_run_seconds(scenario._source, args.trials, 7, args.threads))

    for round in range(args.rounds):  # which goes first alternates, so neither has the warmer start
        for measure in (from_python, from_cpp) if round % 2 == 0 else (from_cpp, from_python):
            measure()
    c, p, f = (statistics.median(x) for x in (cpp, python, python_frame))
    print(f"{args.trials} trials x {len(scenario.strategies)} strategies, {args.rounds} rounds, medians:")
    print(f"  C++ flowfolio::run()          {c * 1000:8.1f} ms")
    print(f"  Python flowfolio.run()        {p * 1000:8.1f} ms  ({(p / c - 1) * 100:+.1f}%)")
    print(f"  ... and results.trials frame  {f * 1000:8.1f} ms  ({(f / c - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()
