#!/usr/bin/env python3
"""flowfolio's severity fits against SciPy's, from outside (docs/calibration.md, "Severity").

For every activity of calibration.json fitted on its own losses: the lognormal's maximum
likelihood against scipy.stats.lognorm.fit(losses, floc=0); for pooled ones the median
exp(mean log loss). Every interval against SciPy's own distributions: Student's t for the
median, the noncentral t for the P95. Where the Anderson-Darling test ran, its statistic
against scipy.stats.anderson on the log-losses. All to 1e-6 relative.

Usage: severity_scipy.py CALIBRATION_JSON INCIDENTS_CSV [MIN_TESTED]
  MIN_TESTED: fail unless at least this many activities had the Anderson-Darling test.
"""
import csv
import json
import math
import sys

import numpy as np
from scipy import stats

RTOL = 1e-6
Z95 = stats.norm.ppf(0.95)


def close(what, ours, theirs, problems):
    if not math.isclose(ours, theirs, rel_tol=RTOL, abs_tol=1e-12):
        problems.append(f"{what}: flowfolio {ours!r}, SciPy {theirs!r}")


def main():
    calibration = json.load(open(sys.argv[1]))
    min_tested = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    losses = {}
    with open(sys.argv[2], newline="") as f:
        for row in csv.DictReader(f):
            losses.setdefault(row["activity"], []).append(float(row["loss"]))
    problems, own, tested = [], 0, 0
    for fit in calibration["severities"]:
        name, method = fit["activity"], fit["method"]
        x = np.array(losses.get(name, []))
        if sorted(fit["losses"]) != sorted(x.tolist()):
            problems.append(f"{name}: the losses are not incidents.csv's")
        if method == "kept":
            continue
        y = np.log(x)
        if method == "own":
            own += 1
            shape, _, scale = stats.lognorm.fit(x, floc=0)
            close(f"{name} sigma", fit["sigma"], shape, problems)
            close(f"{name} median", fit["median"]["estimate"], scale, problems)
        close(f"{name} median (mean log)", fit["median"]["estimate"], math.exp(y.mean()), problems)
        # The intervals, from the fit's own sigma estimate: s over its degrees of freedom.
        df, n = fit["degrees_of_freedom"], len(y)
        s = fit["sigma"] * math.sqrt(n / df) if method == "own" else None
        if s is None:  # pooled: sigma is sqrt(SS / N), s is sqrt(SS / df); recover s from the median interval
            t = stats.t.ppf(0.95, df)
            s = math.log(fit["median"]["p95"] / fit["median"]["estimate"]) * math.sqrt(n) / t
        t = stats.t.ppf([0.05, 0.95], df)
        close(f"{name} median p5", fit["median"]["p5"], math.exp(y.mean() + t[0] * s / math.sqrt(n)), problems)
        close(f"{name} median p95", fit["median"]["p95"], math.exp(y.mean() + t[1] * s / math.sqrt(n)), problems)
        nct = stats.nct.ppf([0.05, 0.95], df, Z95 * math.sqrt(n))
        close(f"{name} P95 p5", fit["p95"]["p5"], math.exp(y.mean() + nct[0] * s / math.sqrt(n)), problems)
        close(f"{name} P95 p95", fit["p95"]["p95"], math.exp(y.mean() + nct[1] * s / math.sqrt(n)), problems)
        if fit["anderson_darling"] is not None:
            tested += 1
            close(f"{name} Anderson-Darling", fit["anderson_darling"]["statistic"], stats.anderson(y, "norm").statistic,
                  problems)
    if own == 0:
        problems.append("no activity was fitted on its own losses: nothing was compared")
    if tested < min_tested:
        problems.append(f"{tested} activities had the Anderson-Darling test, not {min_tested}")
    for p in problems:
        print("severity_scipy:", p, file=sys.stderr)
    print(f"severity_scipy: {own} own fits and {tested} Anderson-Darling tests agree with SciPy to {RTOL:g}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
