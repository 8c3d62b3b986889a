// Statistics over trials (MODEL.md section 8).
//
// Quantiles interpolate linearly between order statistics, as numpy's default does:
// for sorted x of size n, q(p) = x[i] + (h - i) (x[i+1] - x[i]) with h = (n - 1) p, i = floor(h).
#pragma once

#include <cstdint>
#include <span>
#include <utility>

namespace flowfolio {

struct Summary {
  double mean = 0, sd = 0, se = 0, min = 0, max = 0;
  double p5 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
};

// The tail of a money distribution such as npv, at a confidence level (0.95 by default).
struct TailRisk {
  double var95 = 0;   // value at risk: -q(1 - level)
  double cvar95 = 0;  // conditional value at risk: -(mean of the values at or below q(1 - level))
  double p_loss = 0;  // share of values strictly below 0
};

// A distribution-free confidence interval for a quantile, from order statistics: the
// 1-based ranks h -+ z sqrt(n p (1 - p)) around the estimate's own rank h = (n - 1) p + 1
// (normal approximation to the binomial count of values below the quantile), rounded
// outwards and clamped to the sample, so the interval always holds the estimate.
struct QuantileInterval {
  double lo = 0, hi = 0;
};

// The paired difference b - a of two strategies over the same trials.
struct PairedDifference {
  double mean = 0, se = 0;
  double lo95 = 0, hi95 = 0;  // mean -+ 1.959964 se
  double p_better = 0;        // share of trials with b > a
  double p_tie = 0;           // share with b == a
  double p_worse = 0;         // share with b < a
};

inline constexpr double kZ975 = 1.959964;  // two-sided 95% normal quantile (MODEL.md section 8)

struct MeanAndError {
  double mean = 0, se = 0;
};

// The mean and its standard error, without the sort summarize() needs. Requires: not empty.
MeanAndError mean_and_error(std::span<const double> values);

// Requires: sorted is sorted ascending and not empty; p in [0, 1].
double quantile_sorted(std::span<const double> sorted, double p);

// Requires: values not empty. sd uses the n - 1 denominator and is 0 for one value.
Summary summarize(std::span<const double> values);

// Requires: values not empty, level in (0, 1).
TailRisk tail_risk(std::span<const double> values, double level = 0.95);
// The same on values already sorted ascending.
TailRisk tail_risk_sorted(std::span<const double> sorted, double level = 0.95);

// Requires: sorted ascending and not empty; p in [0, 1]; z > 0 (1.959964 for 95%).
QuantileInterval quantile_interval(std::span<const double> sorted, double p, double z = kZ975);
// The 0-based ranks of that interval's ends among `count` values. Requires: count > 0.
std::pair<std::uint64_t, std::uint64_t> quantile_interval_ranks(std::uint64_t count, double p,
                                                                double z = kZ975);

// The share of values at or above `threshold`. Requires: values not empty.
double exceedance(std::span<const double> values, double threshold);


// Requires: a.size() == b.size() > 0.
PairedDifference paired_difference(std::span<const double> a, std::span<const double> b);

}  // namespace flowfolio
