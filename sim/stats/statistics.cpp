#include "flowfolio/stats/statistics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <vector>

namespace flowfolio {

namespace {

struct Moments {
  double mean = 0, sd = 0, se = 0;
};

// Two passes (mean, then squared deviations) in index order: exact enough and
// independent of how the values were produced.
Moments moments(std::span<const double> values) {
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  Moments m;
  m.mean = sum / n;
  if (values.size() > 1) {
    double squares = 0;
    for (double v : values) squares += (v - m.mean) * (v - m.mean);
    m.sd = std::sqrt(squares / (n - 1));
  }
  m.se = m.sd / std::sqrt(n);
  return m;
}

std::vector<double> sorted_copy(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}
}  // namespace

MeanAndError mean_and_error(std::span<const double> values) {
  assert(!values.empty());
  const Moments m = moments(values);
  return {m.mean, m.se};
}

double quantile_sorted(std::span<const double> sorted, double p) {
  assert(!sorted.empty() && p >= 0 && p <= 1);
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto i = static_cast<std::size_t>(std::floor(h));
  if (i + 1 >= sorted.size()) return sorted.back();
  return sorted[i] + (h - static_cast<double>(i)) * (sorted[i + 1] - sorted[i]);
}

Summary summarize(std::span<const double> values) {
  assert(!values.empty());
  const Moments m = moments(values);
  const std::vector<double> sorted = sorted_copy(values);
  Summary s;
  s.mean = m.mean;
  s.sd = m.sd;
  s.se = m.se;
  s.min = sorted.front();
  s.max = sorted.back();
  s.p5 = quantile_sorted(sorted, 0.05);
  s.p25 = quantile_sorted(sorted, 0.25);
  s.p50 = quantile_sorted(sorted, 0.50);
  s.p75 = quantile_sorted(sorted, 0.75);
  s.p95 = quantile_sorted(sorted, 0.95);
  return s;
}

TailRisk tail_risk(std::span<const double> values, double level) {
  assert(!values.empty());
  const std::vector<double> sorted = sorted_copy(values);
  return tail_risk_sorted(sorted, level);
}

TailRisk tail_risk_sorted(std::span<const double> sorted, double level) {
  assert(!sorted.empty() && level > 0 && level < 1);
  // 1 - 0.95 is 0.050000000000000044 in binary; rounding to 15 digits makes VaR95 -p5 exactly.
  const double q = quantile_sorted(sorted, std::round((1 - level) * 1e15) / 1e15);
  double tail_sum = 0;
  std::size_t tail_count = 0;
  for (double v : sorted) {
    if (v > q) break;
    tail_sum += v;
    ++tail_count;
  }
  TailRisk r;
  r.var95 = -q;
  r.cvar95 = -(tail_sum / static_cast<double>(tail_count));  // tail_count >= 1: min <= q
  const auto losses = std::lower_bound(sorted.begin(), sorted.end(), 0.0) - sorted.begin();
  r.p_loss = static_cast<double>(losses) / static_cast<double>(sorted.size());
  return r;
}

std::pair<std::uint64_t, std::uint64_t> quantile_interval_ranks(std::uint64_t count, double p, double z) {
  assert(count > 0 && p >= 0 && p <= 1 && z > 0);
  const double n = static_cast<double>(count);
  const double half = z * std::sqrt(n * p * (1 - p));
  const double rank = (n - 1) * p + 1;  // the estimate's own (fractional) 1-based rank
  const double lower = std::clamp(std::floor(rank - half), 1.0, n);
  const double upper = std::clamp(std::ceil(rank + half), 1.0, n);
  return {static_cast<std::uint64_t>(lower) - 1, static_cast<std::uint64_t>(upper) - 1};
}

QuantileInterval quantile_interval(std::span<const double> sorted, double p, double z) {
  assert(!sorted.empty());
  const auto [lower, upper] = quantile_interval_ranks(sorted.size(), p, z);
  return {sorted[lower], sorted[upper]};
}

double exceedance(std::span<const double> values, double threshold) {
  assert(!values.empty());
  std::size_t count = 0;
  for (double v : values) count += v >= threshold;
  return static_cast<double>(count) / static_cast<double>(values.size());
}

PairedDifference paired_difference(std::span<const double> a, std::span<const double> b) {
  assert(a.size() == b.size() && !a.empty());
  std::vector<double> diff(a.size());
  std::size_t better = 0, tie = 0, worse = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff[i] = b[i] - a[i];
    better += b[i] > a[i];
    tie += b[i] == a[i];
    worse += b[i] < a[i];
  }
  const Moments m = moments(diff);
  const double n = static_cast<double>(a.size());
  return {.mean = m.mean,
          .se = m.se,
          .lo95 = m.mean - kZ975 * m.se,
          .hi95 = m.mean + kZ975 * m.se,
          .p_better = static_cast<double>(better) / n,
          .p_tie = static_cast<double>(tie) / n,
          .p_worse = static_cast<double>(worse) / n};
}

}  // namespace flowfolio
