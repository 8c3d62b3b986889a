// The DDSketch and mergeable moments (sketch.hpp) against exact statistics over the same
// draws: every bound tested is the one sketch.hpp proves, not a tolerance fitted to data.
#include "flowfolio/stats/sketch.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "flowfolio/core/random.hpp"
#include "flowfolio/stats/statistics.hpp"

using namespace flowfolio;

namespace {

// A money-like distribution with both signs and a heavy loss tail: a normal body
// (mean 1M, sd 2M) less, in 5% of draws, a lognormal loss (median 2.2M, sigma 1.5), and
// exact zeros in 1%. Keyed draws (random.hpp), so the data are fixed by the seed.
std::vector<double> npv_like(std::size_t n, std::uint64_t seed) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    Stream s(seed, i, StreamKind::kUnit, 0, 0, 0, 0);
    const double u1 = 1 - s.uniform(), u2 = s.uniform(), u3 = s.uniform(), u4 = 1 - s.uniform(), u5 = s.uniform();
    const double z = std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
    const double w = std::sqrt(-2 * std::log(u4)) * std::cos(2 * M_PI * u5);
    x[i] = u3 < 0.01 ? 0.0 : 1e6 + 2e6 * z - (u3 < 0.06 ? std::exp(std::log(2.2e6) + 1.5 * w) : 0.0);
  }
  return x;
}

constexpr double kRounding = 1 + 1e-12;  // sketch.hpp: logarithms' rounding

}  // namespace

TEST_CASE("sketch quantiles are within the relative bound of exact quantiles", "[sketch]") {
  const std::vector<double> values = npv_like(200'000, 42);
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (double alpha : {0.01, 0.005, 0.001}) {
    QuantileSketch sketch(alpha);
    for (double v : values) sketch.add(v);
    REQUIRE(sketch.count() == values.size());
    CHECK(sketch.min() == sorted.front());
    CHECK(sketch.max() == sorted.back());
    double worst = 0;  // the largest error over its bound, to see the bound is not loose by orders
    for (double p : {0.0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0}) {
      const double h = (sorted.size() - 1) * p;
      const auto i = static_cast<std::size_t>(std::floor(h));
      const double bracket = std::max(std::abs(sorted[i]), std::abs(sorted[std::min(i + 1, sorted.size() - 1)]));
      const double error = std::abs(sketch.quantile(p) - quantile_sorted(sorted, p));
      INFO("alpha " << alpha << ", p " << p);
      CHECK(error <= alpha * bracket * kRounding + kSketchZero);
      worst = std::max(worst, error / (alpha * bracket));
    }
    CHECK(worst > 0.01);  // the sketch does approximate: the test would see a broken bound
    for (double p : {0.001, 0.01, 0.05, 0.1}) {
      const std::size_t m = static_cast<std::size_t>(std::floor((sorted.size() - 1) * p)) + 1;
      const double exact = std::accumulate(sorted.begin(), sorted.begin() + m, 0.0) / m;
      double magnitude = 0;
      for (std::size_t k = 0; k < m; ++k) magnitude += std::abs(sorted[k]);
      INFO("tail alpha " << alpha << ", p " << p);
      CHECK(std::abs(sketch.tail_mean(p) - exact) <= alpha * (magnitude / m) * kRounding);
    }
    // CVaR95 as statistics.hpp defines it (no ties here): the mean of the values at or below q(0.05).
    const TailRisk exact = tail_risk_sorted(sorted, 0.95);
    CHECK(std::abs(-sketch.tail_mean(0.05) - exact.cvar95) <= alpha * std::abs(exact.cvar95) * kRounding);
  }
}

TEST_CASE("sketches merge exactly, in any order", "[sketch]") {
  const std::vector<double> values = npv_like(30'000, 7);
  QuantileSketch whole(0.005), a(0.005), b(0.005), c(0.005);
  for (std::size_t i = 0; i < values.size(); ++i) {
    whole.add(values[i]);
    (i < 9000 ? a : i < 21000 ? b : c).add(values[i]);
  }
  QuantileSketch abc = a, cba = c;
  abc.merge(b);
  abc.merge(c);
  cba.merge(b);
  cba.merge(a);
  CHECK(abc == whole);
  CHECK(cba == whole);
  CHECK(abc.quantile(0.05) == whole.quantile(0.05));
  CHECK(cba.tail_mean(0.05) == whole.tail_mean(0.05));
  QuantileSketch empty(0.005);
  abc.merge(empty);
  CHECK(abc == whole);
}

TEST_CASE("zeros, one value and negative-only data", "[sketch]") {
  QuantileSketch losses(0.01);
  for (int i = 0; i < 90; ++i) losses.add(0.0);
  for (int i = 1; i <= 10; ++i) losses.add(1000.0 * i);
  CHECK(losses.quantile(0.5) == 0.0);  // exact zeros stay exactly zero
  CHECK(losses.value_at_rank(89) == 0.0);
  CHECK(losses.value_at_rank(95) == Approx(6000).epsilon(0.01));
  CHECK(losses.quantile(1.0) == 10000.0);  // the extremes are exact

  QuantileSketch one(0.01);
  one.add(-3.5);
  CHECK(one.quantile(0.3) == -3.5);
  CHECK(one.tail_mean(0.05) == -3.5);

  QuantileSketch negative(0.01);
  for (int i = 1; i <= 1000; ++i) negative.add(-static_cast<double>(i));
  CHECK(negative.quantile(0.5) == Approx(-500.5).epsilon(0.01));
  CHECK(negative.tail_mean(0.099) == Approx(-950.5).epsilon(0.01));  // the 99 + 1 smallest
}

TEST_CASE("moments merge to the whole data's mean and variance", "[sketch][moments]") {
  const std::vector<double> values = npv_like(50'000, 3);
  StreamingMoments whole, first, second;
  for (std::size_t i = 0; i < values.size(); ++i) {
    whole.add(values[i]);
    (i < 12345 ? first : second).add(values[i]);
  }
  first.merge(second);
  const MeanAndError exact = mean_and_error(values);
  CHECK(first.count == values.size());
  CHECK(first.mean == Approx(exact.mean).epsilon(1e-12));
  CHECK(whole.mean == Approx(exact.mean).epsilon(1e-12));
  const double exact_sd = exact.se * std::sqrt(static_cast<double>(values.size()));
  CHECK(std::sqrt(first.variance()) == Approx(exact_sd).epsilon(1e-12));
  CHECK(std::sqrt(whole.variance()) == Approx(exact_sd).epsilon(1e-12));
  StreamingMoments none;
  none.merge(whole);
  CHECK(none.mean == whole.mean);
}
