// The cash metrics beyond MODEL.md 1.1 (docs/model.md): cash_needed, payback_period and
// worst_year on hand-computed worlds with no randomness.
#include <catch2/catch.hpp>
#include <cmath>

#include "flowfolio/engine/engine.hpp"
#include "test_support.hpp"

using namespace flowfolio;
using flowfolio::testing::parse;
using flowfolio::testing::replace;
using flowfolio::testing::tiny_scenario;

namespace {

// tiny_scenario's fixed world earns 3 * 120 and pays 3 * 10 + 50 a period: cash flow
// 280. Here over 6 periods of years of 4, so the second year is a partial one of 2
// periods. Training of 0 hours changes nothing but cost: each strategy adds a one-off
// cost in some periods.
std::string cash_world() {
  std::string y = replace(tiny_scenario(), "horizon: 4\nperiods_per_year: 1", "horizon: 6\nperiods_per_year: 4");
  const auto costs = [](int from, int to, int cost) {
    return "    train: [{who: worker, from: " + std::to_string(from) + ", to: " + std::to_string(to) +
           ", hours_per_period: 0, cost_per_person_per_period: " + std::to_string(cost) + "}]\n";
  };
  return replace(y, "strategies:\n  - name: base\n",
                 "strategies:\n  - name: base\n"
                 "  - name: upfront\n" + costs(0, 1, 1000) +
                 "  - name: never\n" + costs(0, 6, 1000) +
                 "  - name: dip\n" + costs(2, 3, 1500));
}

std::vector<TrialOutcome> one_trial(const Scenario& s) {
  const Engine engine(s);
  std::vector<TrialOutcome> out(engine.strategy_count());
  engine.simulate_trial(s.seed, 0, out);
  return out;
}

double metric(const TrialOutcome& o, Metric m) { return o.metrics[index(m)]; }

}  // namespace

TEST_CASE("cash metrics: a strategy whose cumulative cash flow never goes below 0", "[engine][cash]") {
  const TrialOutcome base = one_trial(parse(cash_world()))[0];
  CHECK(metric(base, Metric::kCashNeeded) == 0);
  CHECK_FALSE(std::signbit(metric(base, Metric::kCashNeeded)));  // +0, not -0, in every file
  CHECK(metric(base, Metric::kPaybackPeriod) == 0);
  // Years of 4 * 280 and then 2 * 280: the partial year counts as it is.
  CHECK(metric(base, Metric::kWorstYear) == Approx(2 * 280));
}

TEST_CASE("cash metrics: an upfront cost paid back within the horizon", "[engine][cash]") {
  // Cash flows -720, then 280: C = -720, -440, -160, 120, 400, 680.
  const TrialOutcome upfront = one_trial(parse(cash_world()))[1];
  CHECK(metric(upfront, Metric::kCashNeeded) == Approx(720));
  CHECK(metric(upfront, Metric::kPaybackPeriod) == 4);  // C_3 < 0 is the last negative
  CHECK(metric(upfront, Metric::kWorstYear) == Approx(-720 + 3 * 280));  // 120 < 560
}

TEST_CASE("cash metrics: never paid back within the horizon is horizon + 1", "[engine][cash]") {
  // -720 every period: C_6 = -4320.
  const TrialOutcome never = one_trial(parse(cash_world()))[2];
  CHECK(metric(never, Metric::kCashNeeded) == Approx(6 * 720));
  CHECK(metric(never, Metric::kPaybackPeriod) == 7);
  CHECK(metric(never, Metric::kWorstYear) == Approx(-4 * 720));  // the full year, not the partial
}

TEST_CASE("cash metrics: payback is for good, not the first time above 0", "[engine][cash]") {
  // 280, 280, -1220, 280, 280, 280: C = 280, 560, -660, -380, -100, 180.
  const TrialOutcome dip = one_trial(parse(cash_world()))[3];
  CHECK(metric(dip, Metric::kCashNeeded) == Approx(660));
  CHECK(metric(dip, Metric::kPaybackPeriod) == 6);
  CHECK(metric(dip, Metric::kWorstYear) == Approx(3 * 280 - 1220));
}

TEST_CASE("cash metrics: one period, one year", "[engine][cash]") {
  // A horizon shorter than a year is one partial year.
  std::string y = replace(tiny_scenario(), "horizon: 4\nperiods_per_year: 1", "horizon: 1\nperiods_per_year: 52");
  y = replace(y, "salary_per_period: 50", "salary_per_period: 500");  // 360 - 30 - 500 = -170
  const TrialOutcome o = one_trial(parse(y))[0];
  CHECK(metric(o, Metric::kCashNeeded) == Approx(170));
  CHECK(metric(o, Metric::kPaybackPeriod) == 2);
  CHECK(metric(o, Metric::kWorstYear) == Approx(-170));
}
