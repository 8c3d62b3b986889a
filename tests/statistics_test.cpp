// Statistics of MODEL.md section 8 against numbers computed by hand (and by numpy's
// default linear quantile, which the comments show).
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "flowfolio/statistics.hpp"

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
}
