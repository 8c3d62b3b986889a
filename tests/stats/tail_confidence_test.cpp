// CVaR's interval on heavy-tailed losses (tail_confidence.hpp): its coverage on a
// lognormal with sigma 1.8, like the campaign's severities, and the thin-tail check.
//
// Coverage tests use fixed seeds; each asserts a floor three standard errors of a
// binomial share below the coverage measured with numpy at larger repeats (docs/frontier.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "flowfolio/stats/tail_confidence.hpp"

using namespace flowfolio;

namespace {

constexpr double kSigma = 1.8;

// The true CVaR95 of a lognormal(0, sigma) loss: e^(sigma^2/2) Phi(sigma - z95) / 0.05.
double true_cvar(double sigma) {
  return std::exp(sigma * sigma / 2) * normal_cdf(sigma - 1.6448536269514722) / 0.05;
}

// npv = -loss for n lognormal losses, sorted ascending.
std::vector<double> lognormal_npv(std::mt19937_64& rng, std::size_t n, double sigma) {
  std::normal_distribution<double> z;
  std::vector<double> x(n);
  for (double& v : x) v = -std::exp(sigma * z(rng));
  std::sort(x.begin(), x.end());
  return x;
}

struct Coverage {
  double hall = 0, symmetric = 0, hall_upper = 0;  // two-sided 95%, and one-sided 95% upper
};

Coverage coverage(std::size_t n, int repeats, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const double truth = true_cvar(kSigma);
  Coverage c;
  for (int r = 0; r < repeats; ++r) {
    const CvarEstimate e = cvar_estimate(lognormal_npv(rng, n, kSigma));
    const auto [lo, hi] = cvar_bounds(e);
    c.hall += lo <= truth && truth <= hi;
    c.symmetric += std::abs(e.cvar - truth) <= kZ975 * e.se;
    c.hall_upper += truth <= cvar_bounds(e, 1.6448536269514722).second;
  }
  c.hall /= repeats;
  c.symmetric /= repeats;
  c.hall_upper /= repeats;
  return c;
}

// Three binomial standard errors at share p over `repeats`.
double three_se(double p, int repeats) { return 3 * std::sqrt(p * (1 - p) / repeats); }

}  // namespace

TEST_CASE("normal_cdf: known values, both tails", "[tail]") {
  CHECK(normal_cdf(0) == 0.5);
  CHECK(normal_cdf(1.959963984540054) == Approx(0.975).margin(1e-14));
  CHECK(normal_cdf(-1.6448536269514722) == Approx(0.05).margin(1e-14));
  CHECK(normal_cdf(-10) == Approx(7.61985302416e-24).epsilon(1e-3));
  CHECK(normal_cdf(12) == 1);
  CHECK(normal_cdf(-40) == 0);
}

TEST_CASE("Hall's interval covers a lognormal sigma 1.8 CVaR95 near 95%, the symmetric one does not",
          "[tail][statistical]") {
  // Measured with 400 to 2000 repeats in numpy: Hall two-sided 93.5% at n = 2000 and 20000,
  // one-sided upper 90% and 92.5%; the symmetric interval 86% and 92%.
  const int repeats = 1000;
  const Coverage c = coverage(2000, repeats, 20261206);
  CHECK(c.hall >= 0.935 - three_se(0.935, repeats));
  CHECK(c.hall <= 0.985);  // not bought by an interval too wide to be of use
  CHECK(c.hall_upper >= 0.90 - three_se(0.90, repeats));
  CHECK(c.hall - c.symmetric >= 0.04);
  const int fewer = 300;
  const Coverage big = coverage(20000, fewer, 7);
  CHECK(big.hall >= 0.935 - three_se(0.935, fewer));
  CHECK(big.hall_upper >= 0.925 - three_se(0.925, fewer));
}

TEST_CASE("the confidence within a ceiling is Hall's upper bound read backwards", "[tail]") {
  std::mt19937_64 rng(11);
  const CvarEstimate e = cvar_estimate(lognormal_npv(rng, 4000, kSigma));
  CHECK(e.skewness > 1);  // heavy losses skew the influence terms
  // At the one-sided 95% upper bound the confidence is 95%, and it rises with the ceiling.
  const double upper = cvar_bounds(e, 1.6448536269514722).second;
  CHECK(confidence_within(e, upper) == Approx(0.95).margin(1e-9));
  CHECK(confidence_within(e, upper * 2) > 0.99);
  CHECK(confidence_within(e, e.cvar) < 0.5);  // the estimate is more often low than high
  CHECK(confidence_within(e, 0) < 1e-6);
  // The interval leans upwards: more room above the estimate than below.
  const auto [lo, hi] = cvar_bounds(e);
  CHECK(hi - e.cvar > e.cvar - lo);
}

TEST_CASE("a tail of few trials, or one that a single trial decides, is thin", "[tail]") {
  std::mt19937_64 rng(5);
  const CvarEstimate few = cvar_estimate(lognormal_npv(rng, 500, 0.5));
  CHECK(few.tail_trials == 25);
  CHECK(few.thin);
  const CvarEstimate many = cvar_estimate(lognormal_npv(rng, 20000, 0.5));
  CHECK(many.tail_trials == 1000);
  CHECK_FALSE(many.thin);
  // 2000 trials, and one loss of a thousand times the rest.
  std::vector<double> one(2000, -1.0);
  for (std::size_t i = 0; i < one.size(); ++i) one[i] -= 0.001 * static_cast<double>(i);
  one[0] = -3000;
  std::sort(one.begin(), one.end());
  const CvarEstimate decided = cvar_estimate(one);
  CHECK(decided.worst_share > 0.9);
  CHECK(decided.thin);
  // Every trial alike: nothing uncertain, the confidence is 1 or 0.
  const std::vector<double> flat(1000, -5.0);
  const CvarEstimate none = cvar_estimate(flat);
  CHECK(none.se == 0);
  CHECK(confidence_within(none, 5) == 1);
  CHECK(confidence_within(none, 4.9) == 0);
}
