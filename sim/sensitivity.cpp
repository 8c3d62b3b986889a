#include "flowfolio/sensitivity.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "flowfolio/random.hpp"
#include "flowfolio/statistics.hpp"

namespace flowfolio {

namespace {
// Sub-stream tags of the design's keyed streams (kind: market, far above any period).
constexpr std::uint64_t kDesign = std::uint64_t{1} << 40;

struct Estimates {
  std::vector<double> first, total;
};

// The estimators over the rows `rows` of the evaluations.
Estimates estimate(std::size_t d, const std::vector<double>& fa, const std::vector<double>& fb,
                   const std::vector<std::vector<double>>& fab, const std::vector<std::size_t>& rows) {
  const double n = static_cast<double>(rows.size());
  double sum = 0, squares = 0;
  for (std::size_t r : rows) {
    sum += fa[r] + fb[r];
    squares += fa[r] * fa[r] + fb[r] * fb[r];
  }
  const double mean = sum / (2 * n);
  const double variance = squares / (2 * n) - mean * mean;
  Estimates e{std::vector<double>(d, 0.0), std::vector<double>(d, 0.0)};
  if (!(variance > 0)) return e;
  for (std::size_t i = 0; i < d; ++i) {
    double first = 0, total = 0;
    for (std::size_t r : rows) {
      first += fb[r] * (fab[i][r] - fa[r]);                      // Saltelli 2010
      total += (fa[r] - fab[i][r]) * (fa[r] - fab[i][r]);        // Jansen 1999
    }
    e.first[i] = first / n / variance;
    e.total[i] = total / (2 * n) / variance;
  }
  return e;
}
}  // namespace

SobolIndices sobol_indices(std::size_t d, std::size_t n,
                           const std::function<double(std::span<const double>)>& model,
                           std::uint64_t seed, std::size_t bootstrap) {
  assert(d >= 1 && n >= 2 && bootstrap >= 2);
  // A and B: n points each, from two keyed streams per row.
  std::vector<double> a(n * d), b(n * d);
  for (std::size_t r = 0; r < n; ++r) {
    Stream sa(seed, r, StreamKind::kMarket, 0, kDesign, 0, 0);
    Stream sb(seed, r, StreamKind::kMarket, 1, kDesign, 0, 0);
    for (std::size_t i = 0; i < d; ++i) {
      a[r * d + i] = sa.uniform();
      b[r * d + i] = sb.uniform();
    }
  }
  std::vector<double> fa(n), fb(n), point(d);
  std::vector<std::vector<double>> fab(d, std::vector<double>(n));
  for (std::size_t r = 0; r < n; ++r) {
    fa[r] = model(std::span<const double>(&a[r * d], d));
    fb[r] = model(std::span<const double>(&b[r * d], d));
    for (std::size_t i = 0; i < d; ++i) {
      std::copy_n(&a[r * d], d, point.begin());
      point[i] = b[r * d + i];
      fab[i][r] = model(point);
    }
  }

  std::vector<std::size_t> rows(n);
  for (std::size_t r = 0; r < n; ++r) rows[r] = r;
  const Estimates point_estimate = estimate(d, fa, fb, fab, rows);

  SobolIndices out;
  out.first = point_estimate.first;
  out.total = point_estimate.total;
  out.evaluations = n * (d + 2);
  {
    double sum = 0, squares = 0;
    for (std::size_t r = 0; r < n; ++r) {
      sum += fa[r] + fb[r];
      squares += fa[r] * fa[r] + fb[r] * fb[r];
    }
    const double mean = sum / (2.0 * n);
    out.variance = squares / (2.0 * n) - mean * mean;
  }

  // Bootstrap: resample the rows with replacement, the same rows for every index.
  std::vector<std::vector<double>> first_draws(d), total_draws(d);
  for (std::size_t k = 0; k < bootstrap; ++k) {
    Stream pick(seed, k, StreamKind::kMarket, 2, kDesign, 0, 0);
    for (std::size_t r = 0; r < n; ++r) rows[r] = std::min(n - 1, static_cast<std::size_t>(pick.uniform() * n));
    const Estimates e = estimate(d, fa, fb, fab, rows);
    for (std::size_t i = 0; i < d; ++i) {
      first_draws[i].push_back(e.first[i]);
      total_draws[i].push_back(e.total[i]);
    }
  }
  for (std::size_t i = 0; i < d; ++i) {
    const Summary f = summarize(first_draws[i]), t = summarize(total_draws[i]);
    std::sort(first_draws[i].begin(), first_draws[i].end());
    std::sort(total_draws[i].begin(), total_draws[i].end());
    out.first_se.push_back(f.sd);
    out.total_se.push_back(t.sd);
    out.first_lo.push_back(quantile_sorted(first_draws[i], 0.025));
    out.first_hi.push_back(quantile_sorted(first_draws[i], 0.975));
    out.total_lo.push_back(quantile_sorted(total_draws[i], 0.025));
    out.total_hi.push_back(quantile_sorted(total_draws[i], 0.975));
  }
  return out;
}

}  // namespace flowfolio
