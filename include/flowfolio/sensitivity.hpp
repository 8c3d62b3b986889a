// Variance-based sensitivity: Sobol indices from the Saltelli sampling design with the
// Saltelli (2010) first-order and Jansen (1999) total-effect estimators, and bootstrap
// intervals (docs/sensitivity.md). The building block of `flowfolio sensitivity`
// (issue 9); validated against functions whose indices are known in closed form.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace flowfolio {

struct SobolIndices {
  std::vector<double> first, total;        // S_i and ST_i, per input
  std::vector<double> first_se, total_se;  // bootstrap standard errors
  std::vector<double> first_lo, first_hi;  // 95% bootstrap percentile intervals
  std::vector<double> total_lo, total_hi;
  double variance = 0;                     // of the output over A and B
  std::size_t evaluations = 0;             // n (d + 2)
};

// `model` maps a point of the unit cube [0, 1)^d to the output; the caller transforms
// each coordinate to its input's range or distribution. The design (matrices A, B and
// the d matrices A with column i from B) is drawn from keyed streams under `seed`, and
// the bootstrap resamples likewise, so the result is a pure function of its arguments.
// Requires: d >= 1, n >= 2, bootstrap >= 2.
SobolIndices sobol_indices(std::size_t d, std::size_t n,
                           const std::function<double(std::span<const double>)>& model,
                           std::uint64_t seed, std::size_t bootstrap = 200);

}  // namespace flowfolio
