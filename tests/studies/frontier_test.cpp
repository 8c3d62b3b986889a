// The frontier search against a portfolio whose best mix is known by hand.
//
// One worker (10 hours, salary 50) works two activities of 2 hours a unit, in one
// period, with certain success in flow (value x 1.2): `risky` earns 360 - 10 a unit and
// has a 10% chance per unit of a 1,000 incident; `safe` earns 120 - 10. Listed first,
// risky units take the hours first. With r risky and s safe units (r + s <= 5):
//   npv = 350 r + 110 s - 50 - 1000 K,  K ~ Binomial(r, 0.1),  mean = 250 r + 110 s - 50,
// and P(loss) = P(1000 K > 350 r + 110 s - 50). By hand:
//   (r, s) = (5, 0): mean 1200, P(loss) = P(K >= 2) = 0.0815
//            (4, 1): mean 1060, P(K >= 2 | 4) = 0.0523
//            (3, 2): mean  920, P(K >= 2 | 3) = 0.0280
//            (2, 3): mean  780, P(K >= 1 | 2) = 0.19   (dominated by (3, 2))
//            (0, 5): mean  500, P(loss) = 0
// Under P(loss) <= 4% the best mix is (3, 2), and the front is the four undominated
// outcomes. Tolerances are 4 Monte Carlo standard errors of each estimate (4,000 trials,
// fixed seed).
#include <catch2/catch.hpp>
#include <cmath>

#include "flowfolio/studies/frontier.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

#include "engine/splitting_runner.hpp"

using namespace flowfolio;

namespace {
const std::string kTwoActivities = R"(name: two activities
horizon: 1
periods_per_year: 1
trials: 10
seed: 11
model: {success_max: 1, success_slope: 1000}
activities:
  - name: risky
    challenge: {online: 0.5, domain: 0.5}
    hours_per_unit: 2
    units_per_period: 1
    value: 300
    cost: 10
    incident: {probability: 0.1, severity: 1000}
  - name: safe
    challenge: {online: 0.5, domain: 0.5}
    hours_per_unit: 2
    units_per_period: 1
    value: 100
    cost: 10
profiles:
  - name: worker
    online: 0.5
    domain: 0.5
    salary_per_period: 50
    hours_per_period: 10
staff:
  - {profile: worker, count: 1}
strategies:
  - name: one
optimize:
  decisions:
    - {name: risky units, path: activities.risky.units_per_period, range: [0, 5], step: 1}
    - {name: safe units, path: activities.safe.units_per_period, range: [0, 5], step: 1}
  risk: p_loss
  constraints: {p_loss: 0.04}
  trials: 4000
  candidates: 12
  refine: 3
)";
}  // namespace

TEST_CASE("Frontier: the best mix under a risk ceiling, found as computed by hand", "[frontier]") {
  const FrontierResults r = run_frontier(kTwoActivities, "two.yaml", {.seed = 11, .threads = 2});
  REQUIRE(r.best);
  const FrontierPoint& best = r.points[*r.best];
  const std::vector<double>& x = r.decisions[best.candidate];
  INFO("best: risky " << x[0] << ", safe " << x[1] << ", mean " << best.mean_npv << ", P(loss) " << best.p_loss);
  CHECK(x[0] == 3);
  CHECK(x[1] >= 2);  // more safe units than the hours allow change nothing
  CHECK(std::abs(best.mean_npv - 920) < 4 * best.mean_npv_se);
  CHECK(std::abs(best.p_loss - 0.0280) < 4 * best.risk_se);
  CHECK(best.feasible);
  CHECK(best.on_front);

  // The front: the four undominated outcomes, and nothing like the dominated (2, 3).
  const double means[] = {1200, 1060, 920, 500}, losses[] = {0.0815, 0.0523, 0.0280, 0.0};
  for (int k = 0; k < 4; ++k) {
    bool found = false;
    for (const FrontierPoint& p : r.points) {
      if (p.on_front && std::abs(p.mean_npv - means[k]) < 4 * p.mean_npv_se + 1e-9 &&
          std::abs(p.p_loss - losses[k]) < 4 * p.risk_se + 1e-9)
        found = true;
    }
    INFO("front outcome " << means[k]);
    CHECK(found);
  }
  for (const FrontierPoint& p : r.points) {
    if (std::abs(p.mean_npv - 780) < 4 * p.mean_npv_se) CHECK_FALSE(p.on_front);
    CHECK(p.feasible == (p.p_loss <= 0.04));
  }

  // The current mix (one unit of each: mean 310) is candidate 0; the best beats it by 610
  // on the same futures.
  const FrontierPoint& current = r.points[*r.best_current];
  CHECK(current.current);
  CHECK(r.decisions[current.candidate] == std::vector<double>{1, 1});
  CHECK(std::abs(current.mean_npv - 310) < 4 * current.mean_npv_se + 1e-9);
  CHECK(std::abs(r.best_against_current.mean - 610) < 4 * r.best_against_current.se);
  CHECK_THAT(r.recommendation, Catch::StartsWith("Recommended: one with risky units = 3, safe units = "));
  // P(loss) 2.8% against a 4% ceiling: the confirmation's 20,000 trials settle it.
  REQUIRE(r.confirmed);
  CHECK(r.confirmations[*r.confirmed].estimate.p_meets >= 0.95);
}

TEST_CASE("Frontier: reproducible for a seed on any thread count", "[frontier]") {
  const Scenario scenario = read_scenario_text(kTwoActivities, "two.yaml");
  const std::string one = frontier_json(scenario, run_frontier(kTwoActivities, "two.yaml", {.seed = 3, .threads = 1}));
  const std::string two = frontier_json(scenario, run_frontier(kTwoActivities, "two.yaml", {.seed = 3, .threads = 2}));
  CHECK(one == two);
  CHECK(one != frontier_json(scenario, run_frontier(kTwoActivities, "two.yaml", {.seed = 4, .threads = 2})));
  // Whoever runs the candidates in what order (trial_runner.hpp).
  testing::SplittingRunner runner;
  const FrontierResults shared = run_frontier(kTwoActivities, "two.yaml", {.seed = 3, .threads = 1, .runner = &runner});
  CHECK(frontier_json(scenario, shared) == one);
  // Every candidate, the best again, then screening's and confirmation's jobs.
  CHECK(static_cast<std::size_t>(runner.jobs) > shared.decisions.size() + 1);
  testing::SplittingRunner bare_runner;
  const FrontierResults bare =
      run_frontier(kTwoActivities, "two.yaml",
                   {.seed = 3, .threads = 1, .overrides = {"optimize.screening_trials=0", "optimize.confirm_trials=0"},
                    .runner = &bare_runner});
  CHECK(static_cast<std::size_t>(bare_runner.jobs) == bare.decisions.size() + (bare.best ? 1 : 0));
}

TEST_CASE("Frontier: no candidate meets an impossible ceiling", "[frontier]") {
  std::string text = kTwoActivities;
  text.replace(text.find("p_loss: 0.04"), 12, "cost: 1");
  const FrontierResults r = run_frontier(text, "two.yaml", {.seed = 1});
  CHECK_FALSE(r.best);
  CHECK_THAT(r.recommendation, Catch::StartsWith("No candidate meets the constraints"));
}

TEST_CASE("Frontier: the optimize block's problems", "[frontier][scenario]") {
  const auto problems = [](const std::string& from, const std::string& to) {
    std::string text = kTwoActivities;
    text.replace(text.find(from), from.size(), to);
    try {
      run_frontier(text, "two.yaml", {});
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(problems("range: [0, 5], step: 1}\n    - {name: safe", "range: [0, 5], step: 9}\n    - {name: safe"),
             Catch::Contains("optimize.decisions[0].step: is wider than the range"));
  CHECK_THAT(problems("range: [0, 5], step: 1}\n    - {name: safe", "range: [-1, 5], step: 1}\n    - {name: safe"),
             Catch::Contains("optimize.decisions[0]: the value -1 makes the scenario invalid"));
  CHECK_THAT(problems("risk: p_loss", "risk: var"), Catch::Contains("unknown risk measure 'var'"));
  CHECK_THAT(problems("{name: safe units, path: activities.safe.units_per_period, range: [0, 5], step: 1}",
                      "{name: safe units, path: activities.safe.units_per_period}"),
             Catch::Contains("missing required key 'range'"));
  CHECK_THAT(problems("optimize:", "unused:"), Catch::Contains("unknown key 'unused'"));
}
