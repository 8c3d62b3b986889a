// Distribution::scaled(k) is the distribution of k X, for every family: the same stream
// gives k times the original draw (up to rounding, which a lognormal's log k adds), and
// the closed forms scale as they must (mean k m, variance k^2 v, quantiles k q).
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "flowfolio/core/distribution.hpp"

using namespace flowfolio;

namespace {
void check_scaled(const Distribution& d, double k) {
  const Distribution s = d.scaled(k);
  CHECK(s.family() == d.family());
  CHECK(s.has_clip() == d.has_clip());
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    Stream a(7, trial, StreamKind::kMarket, 0, 0, 0, 0), b(7, trial, StreamKind::kMarket, 0, 0, 0, 0);
    const double x = d.sample(a), y = s.sample(b);
    CHECK(y == Approx(k * x).epsilon(1e-12).margin(1e-300));
  }
  CHECK(s.mean() == Approx(k * d.mean()).epsilon(1e-12));
  CHECK(s.variance() == Approx(k * k * d.variance()).epsilon(1e-12));
  for (double u : {0.05, 0.3, 0.5, 0.9})
    CHECK(s.quantile(u) == Approx(k * d.quantile(u)).epsilon(1e-9));
  CHECK(s.support_min() == Approx(k * d.support_min()));
}
}  // namespace

TEST_CASE("scaled: fixed", "[distribution]") {
  check_scaled(Distribution::fixed(3.5), 0.5);
  CHECK(Distribution::fixed(3.5).scaled(2).is_fixed());
}
TEST_CASE("scaled: uniform", "[distribution]") { check_scaled(Distribution::uniform(1, 5), 2); }
TEST_CASE("scaled: triangular", "[distribution]") { check_scaled(Distribution::triangular(1, 2, 6), 0.75); }
TEST_CASE("scaled: pert", "[distribution]") { check_scaled(Distribution::pert(5000, 15000, 60000), 1.25); }
TEST_CASE("scaled: normal", "[distribution]") { check_scaled(Distribution::normal(10, 3), 0.5); }
TEST_CASE("scaled: lognormal", "[distribution]") {
  check_scaled(Distribution::lognormal_interval(20000, 200000), 2);
}
TEST_CASE("scaled: beta", "[distribution]") { check_scaled(Distribution::beta(2, 5, 0, 10), 1.5); }
TEST_CASE("scaled: discrete", "[distribution]") {
  check_scaled(Distribution::discrete({1, 4, 9}, {1, 2, 1}), 0.5);
}
TEST_CASE("scaled: a clip scales with its distribution", "[distribution]") {
  const Distribution d = Distribution::normal(100, 50).clipped(0, 150);
  check_scaled(d, 2);
  const Distribution s = d.scaled(2);
  CHECK(s.support_min() == 0);
  CHECK(s.quantile(0.999) == Approx(300));  // the clip's top, doubled
}
