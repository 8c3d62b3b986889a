// The calibration's statistical pieces alone (calibration/fits.hpp): each against its
// closed form or a hand computation.
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "calibration/fits.hpp"

using namespace flowfolio;
using namespace flowfolio::calibration;

TEST_CASE("p0's prior: the scenario's value as its mean, with the weight of half an incident", "[calibration]") {
  const BetaPrior prior = rate_prior(0.001);
  CHECK(prior.a == 0.5);
  CHECK(prior.a / (prior.a + prior.b) == Approx(0.001));
  const BetaPrior jeffreys = rate_prior(0);
  CHECK(jeffreys.a == 0.5);
  CHECK(jeffreys.b == 0.5);
}

TEST_CASE("p0's posterior with one multiplier is the conjugate Beta, scaled", "[calibration]") {
  // k incidents in n units of multiplier m: Beta(a + k, b + n m - k).
  const BetaPrior prior = rate_prior(0.002);
  const RatePosterior posterior(prior, 7, 1000, {3.0});
  const boost::math::beta_distribution<> beta(prior.a + 7, prior.b + 3000 - 7);
  CHECK(posterior.mean() == Approx(boost::math::mean(beta)).epsilon(1e-12));
  CHECK(posterior.quantile(0.05) == Approx(boost::math::quantile(beta, 0.05)).epsilon(1e-9));
  CHECK(posterior.quantile(0.95) == Approx(boost::math::quantile(beta, 0.95)).epsilon(1e-9));
  CHECK(posterior.cdf(posterior.quantile(0.3)) == Approx(0.3).epsilon(1e-9));
  CHECK(posterior.density(0.002) == Approx(boost::math::pdf(beta, 0.002)).epsilon(1e-9));
  // The raw rate is 0.007; divided by the multiplier it is about 0.0023.
  CHECK(posterior.mean() == Approx((0.5 + 7) / (0.5 / 0.002 + 3000)).epsilon(1e-12));
}

TEST_CASE("p0's posterior weighs the simulated futures by how likely each makes the history", "[calibration]") {
  // Two futures, multipliers 1 and 10: 30 incidents in 1000 units are a rate at balance of
  // 0.03 in the first and 0.003 in the second, where the prior's mean is.
  const BetaPrior prior = rate_prior(0.003);
  const RatePosterior mixed(prior, 30, 1000, {1.0, 10.0});
  const RatePosterior first(prior, 30, 1000, {1.0}), second(prior, 30, 1000, {10.0});
  // The weights by hand: C(E, k) B(a + k, b + E - k) for E = 1000 and 10000.
  const auto log_weight = [&](double units) {
    return std::lgamma(units + 1) - std::lgamma(units - 30 + 1) + std::lgamma(prior.a + 30) +
           std::lgamma(prior.b + units - 30) - std::lgamma(prior.a + prior.b + units);
  };
  const double w1 = 1 / (1 + std::exp(log_weight(10000) - log_weight(1000)));
  CHECK(mixed.mean() == Approx(w1 * first.mean() + (1 - w1) * second.mean()).epsilon(1e-9));
  CHECK(mixed.cdf(0.01) == Approx(w1 * first.cdf(0.01) + (1 - w1) * second.cdf(0.01)).epsilon(1e-9));
  CHECK(w1 < 0.5);  // the second future agrees with the prior, so it weighs more
}

TEST_CASE("the lognormal's maximum likelihood: the logs' mean and their sd over n", "[calibration]") {
  const Lognormal fit = lognormal_mle({std::exp(1.0), std::exp(2.0), std::exp(4.0)});
  CHECK(fit.mu == Approx(7.0 / 3));
  CHECK(fit.sigma == Approx(std::sqrt(((1 - 7.0 / 3) * (1 - 7.0 / 3) + (2 - 7.0 / 3) * (2 - 7.0 / 3) +
                                       (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 3)));
}

TEST_CASE("the median's interval is Student's t; the P95's lies above it and contains the estimate", "[calibration]") {
  const double t = boost::math::quantile(boost::math::students_t(9), 0.95);
  const Interval median = lognormal_quantile_interval(10, 1.5, 10, 9, 0);
  CHECK(median.lo == Approx(std::exp(10 - t * 1.5 / std::sqrt(10.0))));
  CHECK(median.hi == Approx(std::exp(10 + t * 1.5 / std::sqrt(10.0))));
  const Interval p95 = lognormal_quantile_interval(10, 1.5, 10, 9, 1.6448536269514722);
  CHECK(p95.lo < std::exp(10 + 1.645 * 1.5));
  CHECK(p95.hi > std::exp(10 + 1.645 * 1.5));
  CHECK(p95.lo > median.lo);
  // With a huge sample the interval closes on the quantile.
  const Interval tight = lognormal_quantile_interval(10, 1.5, 1e6, 1e6 - 1, 1.6448536269514722);
  CHECK(tight.lo == Approx(std::exp(10 + 1.6448536269514722 * 1.5)).epsilon(0.01));
  CHECK(tight.hi == Approx(std::exp(10 + 1.6448536269514722 * 1.5)).epsilon(0.01));
}

TEST_CASE("Anderson-Darling: a normal-looking sample passes, a two-humped one fails", "[calibration]") {
  // The normal's quantiles at (i - 0.5) / n: as normal as 20 values can be.
  std::vector<double> normal;
  for (int i = 1; i <= 20; ++i) normal.push_back(boost::math::quantile(boost::math::normal(), (i - 0.5) / 20));
  const AndersonDarling good = anderson_darling_normal(normal);
  CHECK(good.statistic < 0.2);
  CHECK(good.p_value > 0.9);
  CHECK(good.adjusted == Approx(good.statistic * (1 + 0.75 / 20 + 2.25 / 400)));
  std::vector<double> humps;
  for (int i = 0; i < 10; ++i) humps.insert(humps.end(), {0.0 + 0.01 * i, 10.0 + 0.01 * i});
  const AndersonDarling bad = anderson_darling_normal(humps);
  CHECK(bad.p_value < 0.001);
}

TEST_CASE("random-effects pooling: agreeing estimates share a mean, disagreeing ones widen it", "[calibration]") {
  const Pooled same = pool_random_effects({0.01, 0.01, 0.01}, {0.002, 0.002, 0.002});
  CHECK(same.mean == Approx(0.01));
  CHECK(same.between_sd == 0);
  // Agreeing exactly, their spread is 0: the interval is the one their own errors give,
  // 1.645 se / sqrt(3), not nothing.
  CHECK(same.interval.hi - same.mean == Approx(1.6448536269514722 * 0.002 / std::sqrt(3.0)));
  // Spread as their errors say (sd 0.002 about the mean): Hartung-Knapp's Student t(2).
  const Pooled noisy = pool_random_effects({0.008, 0.01, 0.012}, {0.002, 0.002, 0.002});
  const double t2 = boost::math::quantile(boost::math::students_t(2), 0.95);
  CHECK(noisy.between_sd == 0);
  CHECK(noisy.interval.hi - noisy.mean == Approx(t2 * 0.002 / std::sqrt(3.0)));
  const Pooled apart = pool_random_effects({0.005, 0.01, 0.03}, {0.001, 0.001, 0.001});
  CHECK(apart.between_sd > 0.005);
  CHECK(apart.interval.lo < 0.01);
  CHECK(apart.interval.hi > 0.02);
  const Pooled one = pool_random_effects({0.02}, {0.005});
  CHECK(one.interval.lo == Approx(0.02 - 1.6448536269514722 * 0.005));
}
