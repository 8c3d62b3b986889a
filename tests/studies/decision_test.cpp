// What would change the answer (studies/decision.hpp): the bisection on a hand-made model
// with a known flip point, the automatic choice of inputs, common random numbers for the
// strategies kept, the trial budget, and the same bytes on any thread count or runner.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/splitting_runner.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "flowfolio/studies/decision.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "studies/study.hpp"
#include "test_support.hpp"

using namespace flowfolio;

namespace {
// Two strategies: training pays when a pharma-like incident is rare and costs when it is
// not; the baseline does nothing.
std::string two_strategy_scenario() {
  return R"(name: two
horizon: 12
periods_per_year: 12
trials: 400
seed: 11
activities:
  - name: campaign
    challenge: {online: 0.5, domain: 0.5}
    hours_per_unit: 2
    units_per_period: 2
    value: {lognormal: {p5: 50, p95: 400}}
    cost: 10
    incident: {probability: 0.002, severity: {lognormal: {median: 5000, sigma: 1}}}
  - name: quiet
    challenge: {online: 0.2, domain: 0.2}
    hours_per_unit: 1
    units_per_period: 0
    value: 10
profiles:
  - name: worker
    online: {pert: [0.3, 0.5, 0.7]}
    domain: 0.5
    salary_per_period: 50
    hours_per_period: 10
    learning_rate: 0.01
  - name: static
    online: 0.5
    domain: 0.5
    salary_per_period: 50
    hours_per_period: 10
staff:
  - {profile: worker, count: 1}
strategies:
  - name: base
  - name: train
    train: [{who: worker, from: 0, to: 6, hours_per_period: 1, cost_per_person_per_period: 5, gain: {online: 0.01}}]
  - name: hire
    hire: [{profile: static, count: 1}]
)";
}
}  // namespace

TEST_CASE("find_flip: the bisection finds a known flip point", "[decision]") {
  // The pick is strategy 0 below 0.3137 and strategy 2 from there: 7 steps from [0.1, 0.9]
  // leave a bracket of 0.8 / 128, whose middle is within 0.8 / 256 of the flip.
  const auto pick = [](double x) -> std::size_t { return x < 0.3137 ? 0 : 2; };
  const FlipBracket up = find_flip(0.1, 0.9, 0, pick);
  CHECK(std::abs(up.value() - 0.3137) <= 0.8 / 256);
  CHECK(up.to == 2);
  // From above: the base's pick is 2, and it flips to 0 going down.
  const FlipBracket down = find_flip(0.9, 0.1, 2, pick);
  CHECK(std::abs(down.value() - 0.3137) <= 0.8 / 256);
  CHECK(down.to == 0);
  // More steps, a narrower bracket.
  CHECK(std::abs(find_flip(0.1, 0.9, 0, pick, 20).value() - 0.3137) <= 0.8 / (1 << 21));
}

TEST_CASE("find_flip: with two changes in the bracket it finds one, and names its strategy", "[decision]") {
  // 0 on [0, 0.5), 1 on [0.5, 0.7), 2 from 0.7: from 0.1 toward 0.9 the first midpoint
  // (0.5) already picks 1, so the search closes on the change at 0.5.
  const auto pick = [](double x) -> std::size_t { return x < 0.5 ? 0 : x < 0.7 ? 1 : 2; };
  const FlipBracket b = find_flip(0.1, 0.9, 0, pick);
  CHECK(std::abs(b.value() - 0.5) <= 0.8 / 256);
  CHECK(b.to == 1);
}

TEST_CASE("decision_inputs: chosen automatically without a sensitivity block", "[decision]") {
  // As written, quiet has no demand under any strategy, so none of its numbers can matter;
  // static learns nothing.
  std::vector<std::string> names;
  for (const DecisionInput& in : decision_inputs(testing::parse(two_strategy_scenario()))) names.push_back(in.name);
  CHECK(names == std::vector<std::string>{"campaign incident probability", "campaign incident severity",
                                          "campaign value", "campaign demand", "worker learning rate"});
  // With demand, a certain incident of fixed severity: the probability can only fall, the
  // severity reads as money.
  const std::string yaml = testing::replace(two_strategy_scenario(), "units_per_period: 0\n    value: 10\n",
                                            "units_per_period: 1\n    value: 10\n"
                                            "    incident: {probability: 1, severity: 300}\n");
  const std::vector<DecisionInput> inputs = decision_inputs(testing::parse(yaml));
  REQUIRE(inputs.size() == 9);
  const auto& p = inputs[0];
  CHECK(p.name == "campaign incident probability");
  CHECK(p.unit == InputUnit::kShare);
  CHECK(p.base == 0.002);
  CHECK(p.low == 0.001);
  CHECK(p.high == 0.004);
  CHECK(p.paths == std::vector<std::string>{"activities.campaign.incident.probability"});
  CHECK(inputs[1].unit == InputUnit::kMultiplier);
  CHECK((inputs[1].low == 0.5 && inputs[1].high == 2 && inputs[1].base == 1));
  CHECK((inputs[2].unit == InputUnit::kMultiplier && inputs[2].low == 0.75 && inputs[2].high == 1.25));
  CHECK((inputs[3].unit == InputUnit::kNumber && inputs[3].low == 1 && inputs[3].high == 3));
  CHECK(inputs[4].name == "quiet incident probability");
  CHECK((inputs[4].unit == InputUnit::kShare && inputs[4].low == 0.5 && inputs[4].high == 1));
  CHECK((inputs[5].unit == InputUnit::kMoney && inputs[5].base == 300 && inputs[5].low == 150 && inputs[5].high == 600));
  CHECK((inputs[6].unit == InputUnit::kMoney && inputs[6].low == 7.5 && inputs[6].high == 12.5));
  CHECK((inputs[7].name == "quiet demand" && inputs[7].low == 0.5 && inputs[7].high == 1.5));
  CHECK((inputs[8].unit == InputUnit::kNumber && inputs[8].low == 0.005 && inputs[8].high == 0.015));
  CHECK(inputs[8].paths == std::vector<std::string>{"profiles.worker.learning_rate"});
}

TEST_CASE("decision_inputs: a sensitivity block's inputs, with their units", "[decision]") {
  const Scenario s = read_scenario_file(testing::source_path("scenarios/seed-default.yaml"));
  const std::vector<DecisionInput> inputs = decision_inputs(s);
  REQUIRE(inputs.size() == s.sensitivity.inputs.size());
  CHECK(inputs[0].kind == DecisionInput::Kind::kKeyPaths);
  CHECK(inputs[0].unit == InputUnit::kShare);   // incident.probability
  CHECK(inputs[0].base == 0.001);
  CHECK(inputs[1].unit == InputUnit::kMoney);   // severity.lognormal.median
  CHECK(inputs[3].unit == InputUnit::kNumber);  // units_per_period
}

TEST_CASE("with_decision_input: sets the one number or scales the one distribution", "[decision]") {
  const Scenario s = testing::parse(two_strategy_scenario());
  const std::vector<DecisionInput> inputs = decision_inputs(s);
  CHECK(with_decision_input(s, inputs[0], 0.003).activities[0].incident_probability == 0.003);
  const Scenario severe = with_decision_input(s, inputs[1], 2);
  CHECK(severe.activities[0].severity.mean() == Approx(2 * s.activities[0].severity.mean()));
  CHECK(severe.activities[0].value.mean() == s.activities[0].value.mean());
  CHECK(with_decision_input(s, inputs[3], 3).activities[0].units_per_period == 3);
  CHECK(with_decision_input(s, inputs[4], 0.007).profiles[0].learning_rate.mean() == 0.007);
}

TEST_CASE("keeping some strategies leaves each kept strategy's trials as in the full run", "[decision]") {
  // Common random numbers: draws are keyed by people and units, not by strategy, so the
  // quick study's R, U and B see exactly the futures they saw in the main run.
  const Scenario full = testing::parse(two_strategy_scenario());
  Scenario some = full;
  study::keep_strategies(some, {0, 2});
  const RunOptions options{.trials = 100, .seed = 5, .threads = 2};
  const RunResults a = run(full, options), b = run(some, options);
  for (const auto& [kept, original] : {std::pair{0, 0}, std::pair{1, 2}}) {
    const auto x = a.strategies[original].metric(Metric::kNpv), y = b.strategies[kept].metric(Metric::kNpv);
    REQUIRE(x.size() == y.size());
    for (std::size_t t = 0; t < x.size(); ++t) CHECK(x[t] == y[t]);
  }
}

TEST_CASE("decision_trials: within the budget, not below 200, not above the main run", "[decision]") {
  CHECK(decision_trials(20000, 8, 3) == 430);     // 40000 / ((1 + 16 + 14) x 3)
  CHECK(decision_trials(20000, 2, 2) == 1000);    // (1 + 4 + 14) x 2 x 1000 = 38k
  CHECK(decision_trials(10000, 28, 3) == 200);    // 40000 / 213 = 187: the floor
  CHECK(decision_trials(100, 8, 3) == 100);       // never more than the main run
  CHECK(decision_trials(500, 2, 2) == 500);
}

TEST_CASE("analyse_decision: the same JSON on 1, 2 and 7 threads and through a split runner", "[decision]") {
  const std::string text = two_strategy_scenario();
  const Scenario s = testing::parse(text);
  const RunResults main_run = run(s, {.trials = 400, .seed = 11, .threads = 2});
  std::string first;
  for (unsigned threads : {1u, 2u, 7u}) {
    const DecisionAnalysis a = analyse_decision(text, "two.yaml", main_run, {.seed = 11, .threads = threads, .trials = 200});
    const std::string json = decision_json(s, a);
    if (first.empty()) first = json;
    CHECK(json == first);
  }
  testing::SplittingRunner splitting;
  const DecisionAnalysis split =
      analyse_decision(text, "two.yaml", main_run, {.seed = 11, .threads = 3, .trials = 200, .runner = &splitting});
  CHECK(decision_json(s, split) == first);
  CHECK(splitting.jobs > 0);
}

TEST_CASE("analyse_decision: R, U and B from the main run; ends, ranking and flips", "[decision]") {
  const std::string text = two_strategy_scenario();
  const Scenario s = testing::parse(text);
  const RunResults main_run = run(s, {.trials = 400, .seed = 11, .threads = 2});
  const Recommendation rec = recommend(main_run, 0);
  const DecisionAnalysis a = analyse_decision(text, "two.yaml", main_run, {.seed = 11, .threads = 2, .trials = 200});
  CHECK(a.recommended == rec.strategy);
  CHECK(a.verdict == rec.verdict);
  CHECK(a.runner_up != a.recommended);
  CHECK(a.baseline == 0);
  CHECK(a.automatic);
  CHECK(a.trials == 200);
  REQUIRE(a.inputs.size() == 5);
  for (std::size_t i = 1; i < a.inputs.size(); ++i) CHECK(a.inputs[i - 1].swing >= a.inputs[i].swing);
  std::size_t searched = 0;
  for (const DecisionInputResult& r : a.inputs) {
    const bool flips = r.at_low.pick != a.base.pick || r.at_high.pick != a.base.pick;
    CHECK(flips == r.flip.has_value());
    if (r.flip) {
      CHECK(r.flip->value >= std::min(r.input.low, r.input.base));
      CHECK(r.flip->value <= std::max(r.input.high, r.input.base));
      CHECK(r.flip->to != a.base.pick);
    }
    searched += (r.at_low.pick != a.base.pick) + (r.at_high.pick != a.base.pick);
  }
  CHECK(a.evaluations == 1 + 2 * a.inputs.size() + kFlipSteps * searched);
  CHECK(a.headline.has_value() == (searched > 0));
  // The base point's differences are the quick study's own: R - U on 200 trials.
  const RunResults quick = run(s, {.trials = 200, .seed = 11, .threads = 1});
  CHECK(a.base.versus_runner_up.mean ==
        Approx(metric_difference(quick, a.recommended, a.runner_up, Metric::kNpv).mean).epsilon(1e-12));
}

TEST_CASE("analyse_decision: a sensitivity range that breaks the scenario fails before anything runs", "[decision]") {
  std::string text = two_strategy_scenario() + R"(sensitivity:
  inputs:
    - name: campaign incident
      path: activities.campaign.incident.probability
      range: [0.001, 2]
)";
  const Scenario s = testing::parse(text);
  const RunResults main_run = run(s, {.trials = 100, .seed = 11, .threads = 1});
  CHECK_THROWS_AS(analyse_decision(text, "two.yaml", main_run, {.seed = 11, .trials = 100}), InputError);
}
