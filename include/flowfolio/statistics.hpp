// Statistics over trials (MODEL.md section 8).
//
// Quantiles interpolate linearly between order statistics, as numpy's default does:
// for sorted x of size n, q(p) = x[i] + (h - i) (x[i+1] - x[i]) with h = (n - 1) p, i = floor(h).
#pragma once

#include <span>

namespace flowfolio {

struct Summary {
  double mean = 0, sd = 0, se = 0, min = 0, max = 0;
  double p5 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
};

// The tail of a money distribution such as npv.
struct TailRisk {
  double var95 = 0;   // -q05
  double cvar95 = 0;  // -(mean of the values at or below q05)
  double p_loss = 0;  // share of values strictly below 0
};

// The paired difference b - a of two strategies over the same trials.
struct PairedDifference {
  double mean = 0, se = 0;
  double lo95 = 0, hi95 = 0;  // mean -+ 1.959964 se
  double p_better = 0;        // share of trials with b > a
  double p_tie = 0;           // share with b == a
};

// Requires: sorted is sorted ascending and not empty; p in [0, 1].
double quantile_sorted(std::span<const double> sorted, double p);

// Requires: values not empty. sd uses the n - 1 denominator and is 0 for one value.
Summary summarize(std::span<const double> values);

// Requires: values not empty.
TailRisk tail_risk(std::span<const double> values);

// Requires: a.size() == b.size() > 0.
PairedDifference paired_difference(std::span<const double> a, std::span<const double> b);

}  // namespace flowfolio
