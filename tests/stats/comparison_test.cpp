// Paired comparisons, common against independent streams, and precision-driven runs.
#include <catch2/catch.hpp>
#include <cmath>

#include "flowfolio/output/output.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "test_support.hpp"

using namespace flowfolio;

namespace {
// Two strategies over four trials with hand-made metrics.
RunResults synthetic() {
  RunResults r;
  r.trials = 4;
  r.strategies.resize(2);
  r.strategies[0].name = "base";
  r.strategies[1].name = "alt";
  for (auto& s : r.strategies)
    for (auto& column : s.per_trial) column.assign(4, 0.0);
  r.strategies[0].per_trial[index(Metric::kNpv)] = {100, 200, 300, 400};
  r.strategies[1].per_trial[index(Metric::kNpv)] = {150, 260, 290, 500};     // +50 +60 -10 +100
  r.strategies[0].per_trial[index(Metric::kIncidentLoss)] = {10, 0, 30, 0};
  r.strategies[1].per_trial[index(Metric::kIncidentLoss)] = {0, 0, 50, 0};   // -10 0 +20 0
  return r;
}

// A small noisy world for precision runs: two strategies, one paying a little more.
Scenario noisy() {
  std::string yaml = testing::tiny_scenario();
  yaml.replace(yaml.find("value: 100"), 10, "value: {lognormal: {median: 100, sigma: 0.5}}");
  yaml += "  - name: pricier\n    train: [{who: worker, hours_per_period: 1, cost_per_person_per_period: 40}]\n";
  return testing::parse(yaml);
}
}  // namespace

TEST_CASE("paired statistics equal a hand computation", "[comparison]") {
  Scenario scenario;
  scenario.currency = "EUR";
  const Comparison c = compare(scenario, synthetic(), 1, 0);
  const MetricComparison& npv = c.metrics[0];
  // Differences 50, 60, -10, 100: mean 50, sd sqrt((0 + 100 + 3600 + 2500) / 3), se sd / 2.
  const double sd = std::sqrt(6200.0 / 3);
  CHECK(npv.difference.mean == Approx(50));
  CHECK(npv.difference.se == Approx(sd / 2));
  CHECK(npv.difference.lo95 == Approx(50 - 1.959964 * sd / 2));
  CHECK(npv.p_beats == 0.75);
  CHECK(npv.higher_is_better);
  // Incident loss: lower is better; differences -10, 0, +20, 0: better in 1 of 4, tied in 2.
  const MetricComparison& loss = c.metrics[1];
  CHECK_FALSE(loss.higher_is_better);
  CHECK(loss.p_beats == 0.25);
  CHECK(loss.difference.p_tie == 0.5);
  CHECK(loss.difference.mean == Approx(2.5));
  CHECK(c.sentence ==
        "alt beats base in 75% of futures; expected npv gain 50 EUR (95% interval 5 to 95); "
        "expected incident loss 2 EUR higher.");
}

TEST_CASE("the sentence says when the typical future and the mean disagree", "[comparison]") {
  RunResults r = synthetic();
  r.strategies[1].per_trial[index(Metric::kNpv)] = {101, 201, 301, 0};  // better 3 of 4, mean -99.25
  const Comparison c = compare(Scenario{}, r, 1, 0);
  CHECK(c.sentence.rfind("alt does better than base in 75% of futures, yet its expected npv is 99 "
                         "lower", 0) == 0);
  CHECK(c.sentence.find("too close to call") != std::string::npos);
}

TEST_CASE("common random numbers shrink the paired standard error", "[comparison][crn]") {
  // The same 600 trials of the default scenario with common and with independent
  // streams. Measured at 20000 trials (docs/comparison.md), pairing divides the standard
  // error of the cost difference by 2.1 to 3.8 and that of the npv difference by only
  // 1.3 to 1.9: npv's spread is dominated by heavy-tailed incident losses that only one
  // strategy of a pair suffers, which no pairing can cancel, and at 600 trials its
  // estimated standard errors are too noisy to compare (a single lognormal sigma 1.8
  // loss moves them by half). Cost has no such tail: its standard-error ratio varies by
  // about sqrt(2/600) = 6% at 600 trials, so 1.6 sits far inside the measured 2.1.
  const Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  const RunResults common = run(s, {.trials = 600, .seed = 4, .threads = 2});
  const RunResults independent = run(s, {.trials = 600, .seed = 4, .threads = 2, .independent_streams = true});
  const auto se = [](const RunResults& r, std::size_t a, std::size_t b, Metric m) {
    return paired_difference(r.strategies[a].metric(m), r.strategies[b].metric(m)).se;
  };
  for (std::size_t k = 1; k < s.strategies.size(); ++k) {
    INFO(s.strategies[k].name << " against status_quo");
    CHECK(se(independent, 0, k, Metric::kCost) > 1.6 * se(common, 0, k, Metric::kCost));
  }
  // Independent streams really are independent: a twin no longer matches its original.
  Scenario twins = s;
  twins.strategies.push_back(s.strategies[2]);
  twins.strategies.back().name = "twin";
  const RunResults apart = run(twins, {.trials = 64, .seed = 4, .threads = 2, .independent_streams = true});
  CHECK(apart.strategies[2].per_trial != apart.strategies.back().per_trial);
  const RunResults paired = run(twins, {.trials = 64, .seed = 4, .threads = 2});
  CHECK(paired.strategies[2].per_trial == paired.strategies.back().per_trial);
}

TEST_CASE("precision runs stop where they should, identically on any thread count", "[comparison][precision]") {
  const Scenario s = noisy();
  const PrecisionOptions options{.relative = 0.01, .max_trials = 1'000'000, .block = 256, .seed = 9};
  PrecisionOptions two = options;
  two.threads = 2;
  PrecisionOptions one = options;
  one.threads = 1;
  const PrecisionRun a = run_to_precision(s, one);
  const PrecisionRun b = run_to_precision(s, two);
  REQUIRE(a.reached);
  CHECK(a.results.trials == b.results.trials);
  CHECK(summary_json(s, a.results) == summary_json(s, b.results));
  CHECK(a.results.trials % 256 == 0);
  CHECK(a.reason.find("precision reached after " + std::to_string(a.results.trials)) == 0);

  // At the stop every half-width is within 1% of its mean; one block earlier one was not.
  const auto met = [&](const RunResults& r) {
    bool ok = true;
    for (const StrategyResults& sr : r.strategies) {
      const Summary npv = summarize(sr.metric(Metric::kNpv));
      ok = ok && kZ975 * npv.se <= 0.01 * std::abs(npv.mean);
    }
    const PairedDifference d = paired_difference(r.strategies[0].metric(Metric::kNpv),
                                                 r.strategies[1].metric(Metric::kNpv));
    return ok && kZ975 * d.se <= 0.01 * std::abs(d.mean);
  };
  CHECK(met(a.results));
  const RunResults earlier = run(s, {.trials = a.results.trials - 256, .seed = 9, .threads = 2});
  CHECK_FALSE(met(earlier));
  // And the precision run equals a plain run of the same size.
  const RunResults plain = run(s, {.trials = a.results.trials, .seed = 9, .threads = 2});
  CHECK(summary_json(s, plain) == summary_json(s, a.results));
}

TEST_CASE("precision runs stop at the cap and say why", "[comparison][precision]") {
  const Scenario s = noisy();
  const PrecisionRun r = run_to_precision(s, {.relative = 1e-6, .max_trials = 1000, .block = 256, .seed = 9});
  CHECK_FALSE(r.reached);
  CHECK(r.results.trials == 1000);  // the last block is cut to the cap
  CHECK(r.reason.find("stopped at the cap of 1000 trials before reaching 0.0001%; the widest: ") == 0);
  const RunResults plain = run(s, {.trials = 1000, .seed = 9});
  CHECK(summary_json(s, plain) == summary_json(s, r.results));
}
