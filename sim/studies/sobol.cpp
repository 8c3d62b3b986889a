// Sobol indices: the Saltelli design and the estimators (sensitivity.hpp, docs/sensitivity.md).
#include "flowfolio/studies/sensitivity.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "flowfolio/core/random.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "studies/study.hpp"

namespace flowfolio {

namespace {
// Sub-stream tags of the design's keyed streams (kind: market, far above any period).
constexpr std::uint64_t kDesign = std::uint64_t{1} << 40;

struct Estimates {
  std::vector<double> first, total;
};

// The estimators over the rows `rows` of the evaluations.
Estimates estimate(std::size_t d, const std::vector<double>& fa, const std::vector<double>& fb,
                   const std::vector<std::vector<double>>& fab,
                   const std::vector<std::size_t>& rows) {
  const double n = static_cast<double>(rows.size());
  // Two passes: the mean can be large against the spread (a P(loss) near 1, say).
  double sum = 0, squares = 0;
  for (std::size_t r : rows) sum += fa[r] + fb[r];
  const double mean = sum / (2 * n);
  for (std::size_t r : rows) squares += (fa[r] - mean) * (fa[r] - mean) + (fb[r] - mean) * (fb[r] - mean);
  const double variance = squares / (2 * n);
  Estimates e{std::vector<double>(d, 0.0), std::vector<double>(d, 0.0)};
  if (!(variance > 0)) return e;
  for (std::size_t i = 0; i < d; ++i) {
    double first = 0, total = 0;
    for (std::size_t r : rows) {
      // Saltelli 2010, with f(B) centred: the same expectation (f(AB) - f(A) has mean 0)
      // and far less variance when the output's mean is large against its spread.
      first += (fb[r] - mean) * (fab[i][r] - fa[r]);
      total += (fa[r] - fab[i][r]) * (fa[r] - fab[i][r]);  // Jansen 1999
    }
    e.first[i] = first / n / variance;
    e.total[i] = total / (2 * n) / variance;
  }
  return e;
}
}  // namespace

SaltelliDesign saltelli_design(std::size_t d, std::size_t n, std::uint64_t seed) {
  assert(d >= 1 && n >= 2);
  SaltelliDesign design{.d = d, .n = n, .points = std::vector<double>(n * (d + 2) * d)};
  // A and B side by side are the first n points of a 2d-dimensional digitally shifted
  // Sobol sequence: low-discrepancy points, still uniform on average.
  const std::vector<double> sequence = study::shifted_sobol_points(2 * d, n, seed);
  std::vector<double> a(d), b(d);
  for (std::size_t r = 0; r < n; ++r) {
    std::copy_n(&sequence[r * 2 * d], d, a.begin());
    std::copy_n(&sequence[r * 2 * d + d], d, b.begin());
    double* row = &design.points[r * (d + 2) * d];
    std::copy(a.begin(), a.end(), row);
    std::copy(b.begin(), b.end(), row + d);
    for (std::size_t i = 0; i < d; ++i) {
      double* point = row + (2 + i) * d;
      std::copy(a.begin(), a.end(), point);
      point[i] = b[i];
    }
  }
  return design;
}

SobolIndices sobol_from_evaluations(const SaltelliDesign& design, std::span<const double> y,
                                    std::uint64_t seed, std::size_t bootstrap) {
  const std::size_t d = design.d, n = design.n;
  assert(y.size() == design.size() && bootstrap >= 2);
  std::vector<double> fa(n), fb(n);
  std::vector<std::vector<double>> fab(d, std::vector<double>(n));
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t k = r * (d + 2);
    fa[r] = y[k];
    fb[r] = y[k + 1];
    for (std::size_t i = 0; i < d; ++i) fab[i][r] = y[k + 2 + i];
  }

  std::vector<std::size_t> rows(n);
  for (std::size_t r = 0; r < n; ++r) rows[r] = r;
  const Estimates point_estimate = estimate(d, fa, fb, fab, rows);

  SobolIndices out;
  out.first = point_estimate.first;
  out.total = point_estimate.total;
  out.evaluations = design.size();
  {
    double sum = 0, squares = 0;
    for (std::size_t r = 0; r < n; ++r) sum += fa[r] + fb[r];
    const double mean = sum / (2.0 * n);
    for (std::size_t r = 0; r < n; ++r) squares += (fa[r] - mean) * (fa[r] - mean) + (fb[r] - mean) * (fb[r] - mean);
    out.variance = squares / (2.0 * n);
  }

  // Bootstrap: resample the rows with replacement, the same rows for every index.
  std::vector<std::vector<double>> first_draws(d), total_draws(d);
  for (std::size_t k = 0; k < bootstrap; ++k) {
    Stream pick(seed, k, StreamKind::kMarket, 2, kDesign, 0, 0);
    for (std::size_t r = 0; r < n; ++r)
      rows[r] = std::min(n - 1, static_cast<std::size_t>(pick.uniform() * n));
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

SobolIndices sobol_indices(std::size_t d, std::size_t n,
                           const std::function<double(std::span<const double>)>& model,
                           std::uint64_t seed, std::size_t bootstrap) {
  const SaltelliDesign design = saltelli_design(d, n, seed);
  std::vector<double> y(design.size());
  for (std::size_t k = 0; k < design.size(); ++k) y[k] = model(design.point(k));
  return sobol_from_evaluations(design, y, seed, bootstrap);
}

}  // namespace flowfolio
