// Statistics of MODEL.md section 8 against numbers computed by hand (and by numpy's
// default linear quantile, which the comments show).
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "flowfolio/core/distribution.hpp"
#include "flowfolio/stats/statistics.hpp"

using namespace flowfolio;

TEST_CASE("summary of 1..5", "[statistics]") {
  const std::vector<double> x = {5, 1, 4, 2, 3};
  const Summary s = summarize(x);
  CHECK(s.mean == 3);
  CHECK(s.sd == Approx(std::sqrt(2.5)));  // n - 1 denominator
  CHECK(s.se == Approx(std::sqrt(2.5) / std::sqrt(5.0)));
  CHECK(s.min == 1);
  CHECK(s.max == 5);
  // numpy.quantile([1, 2, 3, 4, 5], [.05, .25, .5, .75, .95]) = [1.2, 2, 3, 4, 4.8]
  CHECK(s.p5 == Approx(1.2));
  CHECK(s.p25 == 2);
  CHECK(s.p50 == 3);
  CHECK(s.p75 == 4);
  CHECK(s.p95 == Approx(4.8));
}

TEST_CASE("quantiles interpolate between order statistics", "[statistics]") {
  const std::vector<double> sorted = {0, 10, 20, 30};
  CHECK(quantile_sorted(sorted, 0) == 0);
  CHECK(quantile_sorted(sorted, 1) == 30);
  CHECK(quantile_sorted(sorted, 0.5) == Approx(15));   // h = 1.5
  CHECK(quantile_sorted(sorted, 0.1) == Approx(3));    // h = 0.3
  const std::vector<double> one = {7};
  CHECK(quantile_sorted(one, 0.05) == 7);
  CHECK(summarize(one).sd == 0);
}

TEST_CASE("tail risk: VaR95, CVaR95 and P(loss)", "[statistics]") {
  // -100, -99, ..., 99: q05 = -100 + 0.05 * 199 = -90.05; values at or below it are
  // -100..-91, mean -95.5.
  std::vector<double> x;
  for (int i = -100; i < 100; ++i) x.push_back(i);
  const TailRisk r = tail_risk(x);
  CHECK(r.var95 == Approx(90.05));
  CHECK(r.var95 == -quantile_sorted(x, 0.05));  // exactly -p5
  CHECK(r.cvar95 == Approx(95.5));
  CHECK(r.p_loss == Approx(0.5));  // -100..-1 of 200; 0 is not a loss
}

TEST_CASE("paired differences", "[statistics]") {
  const std::vector<double> a = {1, 2, 3, 4};
  const std::vector<double> b = {2, 2, 5, 3};  // differences 1, 0, 2, -1
  const PairedDifference d = paired_difference(a, b);
  CHECK(d.mean == Approx(0.5));
  const double sd = std::sqrt((0.25 + 0.25 + 2.25 + 2.25) / 3);
  CHECK(d.se == Approx(sd / 2));
  CHECK(d.lo95 == Approx(0.5 - 1.959964 * sd / 2));
  CHECK(d.hi95 == Approx(0.5 + 1.959964 * sd / 2));
  CHECK(d.p_better == 0.5);
  CHECK(d.p_tie == 0.25);
  CHECK(d.p_worse == 0.25);
}

TEST_CASE("VaR and CVaR at any level on a known sample", "[statistics]") {
  // 1..1000: q(0.1) = 1 + 0.1 * 999 = 100.9; the values at or below are 1..100, mean 50.5.
  std::vector<double> x;
  for (int i = 1; i <= 1000; ++i) x.push_back(i);
  const TailRisk r = tail_risk(x, 0.9);
  CHECK(r.var95 == Approx(-100.9));
  CHECK(r.cvar95 == Approx(-50.5));
  // q(0.01) = 1 + 9.99 = 10.99: values 1..10, mean 5.5.
  CHECK(tail_risk(x, 0.99).cvar95 == Approx(-5.5));
}

TEST_CASE("VaR and CVaR of a standard normal sample match the closed forms", "[statistics]") {
  // VaR95 = z = 1.6448536, CVaR95 = phi(z) / 0.05 = 2.0627128. With n = 400000 the
  // standard errors are sqrt(p (1 - p) / n) / phi(z) = 0.0033 for VaR and
  // sqrt((var of the tail + (1 - p)(z - CVaR)^2) / (n p)) = 0.0039 for CVaR; 5 of each bound
  // the checks. Fixed seed.
  const Distribution normal = Distribution::normal(0, 1);
  std::vector<double> x(400000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    Stream s = unit_stream(99, 0, 0, 0, i, UnitDraw::kValue);
    x[i] = normal.sample(s);
  }
  const TailRisk r = tail_risk(x, 0.95);
  CHECK(r.var95 == Approx(1.6448536).margin(5 * 0.0033));
  CHECK(r.cvar95 == Approx(2.0627128).margin(5 * 0.0039));
  const TailRisk r99 = tail_risk(x, 0.99);  // VaR99 = 2.3263479, CVaR99 = phi / 0.01 = 2.6652142
  CHECK(r99.var95 == Approx(2.3263479).margin(5 * std::sqrt(0.0099 / 400000) / 0.026652));
  CHECK(r99.cvar95 == Approx(2.6652142).margin(5 * 0.0073));  // se computed as above
}

TEST_CASE("quantile intervals from order statistics", "[statistics]") {
  std::vector<double> x;
  for (int i = 1; i <= 100; ++i) x.push_back(i);
  // p = 0.5: the estimate's rank is 99 * 0.5 + 1 = 50.5; 50.5 -+ 1.959964 * 5 = 40.7 and
  // 60.3, rounded outwards: ranks 40 and 61.
  const QuantileInterval median = quantile_interval(x, 0.5);
  CHECK(median.lo == 40);
  CHECK(median.hi == 61);
  // p = 0.05: rank 5.95 -+ 1.959964 * sqrt(4.75) = 1.68 and 10.22: ranks 1 and 11.
  const QuantileInterval p5 = quantile_interval(x, 0.05);
  CHECK(p5.lo == 1);
  CHECK(p5.hi == 11);
  // The interval always holds the estimate, even for three values.
  const std::vector<double> three = {-3, -2, 5};
  const QuantileInterval tiny = quantile_interval(three, 0.05);
  CHECK(tiny.lo <= quantile_sorted(three, 0.05));
  CHECK(tiny.hi >= quantile_sorted(three, 0.05));
}

TEST_CASE("quantile intervals cover the true quantile about 95% of the time", "[statistics]") {
  // 1000 samples of 200 uniforms: the interval for the 25th percentile should cover 0.25
  // in about 95% of them (outward rounding makes it a little more); 3 standard errors
  // of a proportion near 0.95 with 1000 samples is 0.021.
  int covered = 0;
  std::vector<double> x(200);
  for (int sample = 0; sample < 1000; ++sample) {
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = unit_stream(3, sample, 0, 0, i, UnitDraw::kCost).uniform();
    std::sort(x.begin(), x.end());
    const QuantileInterval ci = quantile_interval(x, 0.25);
    covered += ci.lo <= 0.25 && 0.25 <= ci.hi;
  }
  CHECK(covered / 1000.0 > 0.95 - 0.021);
  CHECK(covered / 1000.0 < 0.995);
}

TEST_CASE("exceedance counts values at or above a threshold", "[statistics]") {
  const std::vector<double> x = {0, 5, 10, 10, 20};
  CHECK(exceedance(x, 10) == 0.6);
  CHECK(exceedance(x, 10.5) == 0.2);
  CHECK(exceedance(x, -1) == 1);
}
