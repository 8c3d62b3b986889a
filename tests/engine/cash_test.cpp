// The cash metrics beyond MODEL.md 1.1 (docs/model.md): cash_needed, payback_period and
// worst_year on hand-computed worlds with no randomness; and the per-period money means
// behind a year-by-year table, by hand, against the trials and across threads.
#include <catch2/catch.hpp>
#include <cmath>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
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

TEST_CASE("per-period money: the hand-computed means of a fixed world", "[engine][cash]") {
  // Every trial alike, so each mean is the period's own money. An incident of loss 5 on
  // every unit: 15 a period, which cost does not count and cash flow does.
  std::string y = replace(cash_world(), "cost: 10", "cost: 10\n    incident: {probability: 1, severity: 5}");
  const Scenario s = parse(y);
  const RunResults r = run(s, {.trials = 3, .seed = 1, .threads = 1});
  const StrategyResults& dip = r.strategies[3];  // 1500 of training in period 2
  REQUIRE(dip.mean_money.size() == 6);
  for (std::size_t t = 0; t < 6; ++t) {
    INFO("period " << t);
    const double cost = 80 + (t == 2 ? 1500 : 0);
    CHECK(dip.mean_money[t].value == Approx(360));
    CHECK(dip.mean_money[t].cost == Approx(cost));
    CHECK(dip.mean_money[t].incident_loss == Approx(15));
    CHECK(dip.mean_money[t].cash_flow == Approx(360 - cost - 15));
  }
}

TEST_CASE("per-period money: means over trials that add up to the totals", "[engine][cash]") {
  // Random value and cost: each period's mean is the mean of the trials' own money, and
  // the periods' means add up to the mean totals (the same sums in another order, so
  // equal up to rounding: a relative 1e-9, far above the rounding of sums of 6 terms).
  std::string y = replace(cash_world(), "value: 100", "value: {uniform: [50, 150]}");
  y = replace(y, "cost: 10", "cost: {triangular: [0, 10, 40]}\n    incident: {probability: 0.2, severity: {lognormal: {median: 30, sigma: 1}}}");
  const Scenario s = parse(y);
  const std::uint64_t trials = 200;
  const RunResults r = run(s, {.trials = trials, .seed = 9, .threads = 2});
  const Engine engine(s);
  std::vector<TrialOutcome> out(engine.strategy_count());
  std::vector<std::vector<PeriodMoney>> sums(out.size(), std::vector<PeriodMoney>(6));
  for (std::uint64_t n = 0; n < trials; ++n) {
    engine.simulate_trial(9, n, out);
    for (std::size_t k = 0; k < out.size(); ++k) {
      for (std::size_t t = 0; t < 6; ++t) {
        sums[k][t].value += out[k].money[t].value;
        sums[k][t].cost += out[k].money[t].cost;
        sums[k][t].incident_loss += out[k].money[t].incident_loss;
        sums[k][t].cash_flow += out[k].money[t].cash_flow;
      }
    }
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    const StrategyResults& sr = r.strategies[k];
    double value = 0, cost = 0, loss = 0, cash_flow = 0;
    for (std::size_t t = 0; t < 6; ++t) {
      CHECK(sr.mean_money[t].value == Approx(sums[k][t].value / trials).epsilon(1e-12));
      CHECK(sr.mean_money[t].cost == Approx(sums[k][t].cost / trials).epsilon(1e-12));
      CHECK(sr.mean_money[t].incident_loss == Approx(sums[k][t].incident_loss / trials).epsilon(1e-12));
      CHECK(sr.mean_money[t].cash_flow == Approx(sums[k][t].cash_flow / trials).epsilon(1e-12));
      value += sr.mean_money[t].value;
      cost += sr.mean_money[t].cost;
      loss += sr.mean_money[t].incident_loss;
      cash_flow += sr.mean_money[t].cash_flow;
    }
    const auto mean = [&](Metric m) {
      double x = 0;
      for (double v : sr.metric(m)) x += v;
      return x / trials;
    };
    CHECK(value == Approx(mean(Metric::kValue)).epsilon(1e-9));
    CHECK(cost == Approx(mean(Metric::kCost)).epsilon(1e-9));
    CHECK(loss == Approx(mean(Metric::kIncidentLoss)).epsilon(1e-9));
    CHECK(cash_flow == Approx(mean(Metric::kValue) - mean(Metric::kCost) - mean(Metric::kIncidentLoss)).epsilon(1e-9));
    CHECK(loss > 0);  // the incidents happened: the check above is not 0 == 0
  }
}

TEST_CASE("per-period money and cash metrics: the same bytes on 1, 2 and 7 threads", "[engine][cash][reproducible]") {
  const Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  // 300 trials: blocks of 64 shared unevenly among 7 threads.
  const RunResults one = run(s, {.trials = 300, .seed = 4, .threads = 1});
  for (unsigned threads : {2u, 7u}) {
    INFO(threads << " threads");
    const RunResults many = run(s, {.trials = 300, .seed = 4, .threads = threads});
    for (std::size_t k = 0; k < one.strategies.size(); ++k) {
      const StrategyResults& a = one.strategies[k];
      const StrategyResults& b = many.strategies[k];
      CHECK(a.series_sum == b.series_sum);  // bitwise: every period's sums of money included
      for (std::size_t t = 0; t < a.mean_money.size(); ++t) {
        CHECK(a.mean_money[t].value == b.mean_money[t].value);
        CHECK(a.mean_money[t].cost == b.mean_money[t].cost);
        CHECK(a.mean_money[t].incident_loss == b.mean_money[t].incident_loss);
        CHECK(a.mean_money[t].cash_flow == b.mean_money[t].cash_flow);
      }
      for (Metric m : {Metric::kCashNeeded, Metric::kPaybackPeriod, Metric::kWorstYear})
        CHECK(std::vector<double>(a.metric(m).begin(), a.metric(m).end()) ==
              std::vector<double>(b.metric(m).begin(), b.metric(m).end()));
    }
    CHECK(series_csv(one) == series_csv(many));
    CHECK(summary_json(s, one) == summary_json(s, many));
  }
}
