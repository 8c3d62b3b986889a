// Hand-made results for the recommendation rule and its sentence: strategies given by
// their per-trial npv, with paired intervals and tails worked out in the comments.
#pragma once

#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"

namespace flowfolio::testing {
inline const std::vector<double> kBase = {100, 200, 300, 400, 500, 600, 700, -800};

inline std::vector<double> plus(const std::vector<double>& a, const std::vector<double>& d) {
  std::vector<double> out(a.size());
  for (std::size_t t = 0; t < a.size(); ++t) out[t] = a[t] + d[t];
  return out;
}

// Strategies with the given per-trial npv, every other metric 0.
inline RunResults results(const std::vector<std::vector<double>>& npv) {
  RunResults r;
  r.trials = npv.front().size();
  r.strategies.resize(npv.size());
  for (std::size_t s = 0; s < npv.size(); ++s) {
    r.strategies[s].name = "s" + std::to_string(s);
    for (auto& column : r.strategies[s].per_trial) column.assign(r.trials, 0.0);
    r.strategies[s].per_trial[index(Metric::kNpv)] = npv[s];
  }
  return r;
}

// A: 1000 more than the baseline in every trial (interval [1000, 1000]), its worst trial 200.
inline const std::vector<double> kA = plus(kBase, std::vector<double>(8, 1000));
// B: A moved by differences summing to -20 (mean -2.5, sd about 160: tied with A), its
// worst trial 300, so its CVaR95 (minus the worst of 8 trials) is 100 smaller than A's.
inline const std::vector<double> kB = plus(kA, {-300, 200, -100, 100, 0, 0, -20, 100});
}  // namespace flowfolio::testing
