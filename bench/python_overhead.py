#!/usr/bin/env python3
"""What the Python binding adds to a run: flowfolio.run() against the same run made by
flowfolio::run() in C++, in the same process, interleaved round by round (alternating which
goes first) so that both see the same machine. Prints the fastest and the median of each,
in wall time and in the process's CPU time (all its threads: the work done, which the
machine's other load disturbs less), and the binding's share of each.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [--trials 2000] [--rounds 41]
"""
import argparse
import pathlib
import statistics
import time

import flowfolio
from flowfolio._native import core

SCENARIO = pathlib.Path(__file__).resolve().parents[1] / "scenarios" / "seed-default.yaml"


def clocks():
    return time.perf_counter(), time.process_time()


def since(start):
    return tuple(now - then for now, then in zip(clocks(), start))


def figures(times):
    """Fastest and median wall time, fastest and median CPU time."""
    wall, cpu = zip(*times)
    return min(wall), statistics.median(wall), min(cpu), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=41)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    scenario = flowfolio.Scenario.load(SCENARIO)
    python, python_frame, cpp = [], [], []
    flowfolio.run(scenario, trials=args.trials, progress=False)  # warm the caches once

    def from_python():
        start = clocks()
        results = flowfolio.run(scenario, trials=args.trials, seed=7, threads=args.threads, progress=False)
        python.append(since(start))
        results.trials  # the frame, on top of the run
        python_frame.append(since(start))

    def from_cpp():
        start = clocks()
        core._cpp_run_seconds(scenario._source, args.trials, 7, args.threads)
        cpp.append(since(start))

    for round in range(args.rounds):
        for measure in (from_python, from_cpp) if round % 2 == 0 else (from_cpp, from_python):
            measure()
    print(f"{args.trials} trials x {len(scenario.strategies)} strategies, {args.rounds} rounds")
    print(f"  {'':30}{'wall, fastest':>14}{'median':>12}{'CPU, fastest':>14}{'median':>12}")
    base = figures(cpp)
    for label, times in (("C++ flowfolio::run()", cpp), ("Python flowfolio.run()", python),
                         ("... and results.trials frame", python_frame)):
        t = figures(times)
        print(f"  {label:30}" + "".join(f"{x * 1000:{w}.1f} ms" for x, w in zip(t, (11, 9, 11, 9))))
        if times is not cpp:
            print(f"  {'':30}" + "".join(f"{(a / b - 1) * 100:{w}.1f}%  " for a, b, w in zip(t, base, (11, 9, 11, 9))))


if __name__ == "__main__":
    main()
