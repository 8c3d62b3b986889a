// Screening and confirmation of the frontier search (frontier.hpp, steps 2 and 3), on a
// portfolio whose CVaR95 is known by construction.
//
// One worker, one period, one unit of `risky` whose value x and whose incident's
// lognormal severity median are the one decision: in flow the unit earns 1.2 x - 10, less
// the salary 50, and with probability 0.1 an incident loses x e^(1.8 Z). The worst 5% of
// futures are the incidents with e^(1.8 Z) above its median 1, so by hand
//   CVaR95(x) = 2 x e^(1.8^2/2) Phi(1.8) - 1.2 x + 60 = 8.5430 x + 60,
//   mean(x)   = 1.2 x - 60 - 0.1 x e^(1.62)            = 0.6947 x - 60,
// both rising with x. Under a CVaR95 ceiling of 2,800 the best x on the grid of 50 is
// 300 (CVaR95 2,623); 350 (3,050) is over it. The severities are as heavy-tailed as the
// campaign's, so the search's 500-trial estimates often misjudge the ceiling.
#include <catch2/catch.hpp>

#include <cmath>

#include "flowfolio/stats/tail_confidence.hpp"
#include "flowfolio/studies/frontier.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "core/file_text.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "studies/frontier_confirmation.hpp"
#include "studies/frontier_points.hpp"
#include "studies/frontier_screening.hpp"
#include "test_support.hpp"

using namespace flowfolio;

namespace {

const std::string kKnownTail = R"(name: known tail
horizon: 1
periods_per_year: 1
trials: 10
seed: 5
model: {success_max: 1, success_slope: 1000}
activities:
  - name: risky
    challenge: {online: 0.5, domain: 0.5}
    hours_per_unit: 2
    units_per_period: 1
    value: 300
    cost: 10
    incident: {probability: 0.1, severity: {lognormal: {median: 300, sigma: 1.8}}}
profiles:
  - {name: worker, online: 0.5, domain: 0.5, salary_per_period: 50, hours_per_period: 10}
staff:
  - {profile: worker, count: 1}
strategies:
  - name: one
optimize:
  decisions:
    - name: stake
      path: [activities.risky.value, activities.risky.incident.severity.lognormal.median]
      range: [50, 500]
      step: 50
  risk: cvar95
  constraints: {cvar95: 2800}
  trials: 500
  candidates: 10
  refine: 1
)";

double true_cvar(double x) { return 2 * x * std::exp(1.62) * normal_cdf(1.8) - 1.2 * x + 60; }
double true_mean(double x) { return 1.2 * x - 60 - 0.1 * x * std::exp(1.62); }

}  // namespace

TEST_CASE("Frontier confirmation: the recommended point meets a known CVaR ceiling in 95% of repeats",
          "[frontier][statistical]") {
  REQUIRE(true_cvar(300) < 2800);
  REQUIRE(true_cvar(350) > 2800);
  // Independent repeats: each its own search seed and so its own confirmation seed.
  const int repeats = 20;
  int meets = 0, search_wrong = 0;
  for (int r = 0; r < repeats; ++r) {
    const FrontierResults result = run_frontier(kKnownTail, "known.yaml", {.seed = 1000 + static_cast<std::uint64_t>(r)});
    REQUIRE(result.best);
    search_wrong += true_cvar(result.decisions[result.points[*result.best].candidate][0]) > 2800;
    REQUIRE(result.confirmed);
    const FrontierConfirmation& c = result.confirmations[*result.confirmed];
    const double x = result.decisions[result.points[c.point].candidate][0];
    INFO("repeat " << r << ": recommended " << x << ", CVaR95 confirmed " << c.estimate.cvar95 << ", true "
                   << true_cvar(x));
    meets += true_cvar(x) <= 2800;
    // The confirmation's own figures are unbiased for the mix it ran: the mean within
    // 4 standard errors of the truth.
    CHECK(std::abs(c.estimate.mean_npv - true_mean(x)) < 4 * c.estimate.mean_npv_se);
    CHECK(c.estimate.p_meets >= 0.95);
    CHECK(c.trials >= 20000);
  }
  // At least 95% of repeats: 19 of 20. A lone failure in 20 would still be allowed.
  CHECK(meets >= 19);
  // What the confirmation is for: the search alone picks a mix over the ceiling in some
  // repeats (seen: 12 of 20 with these seeds); measured here so the test shows its worth.
  WARN("the search's own best broke the ceiling in " << search_wrong << " of " << repeats << " repeats");
}

TEST_CASE("Frontier confirmation: frontier.json keeps the search's and the confirmation's estimates",
          "[frontier]") {
  const FrontierResults r = run_frontier(kKnownTail, "known.yaml", {.seed = 3});
  REQUIRE(r.confirmed);
  const Scenario scenario = read_scenario_text(kKnownTail, "known.yaml");
  const std::string json = frontier_json(scenario, r);
  CHECK_THAT(json, Catch::Contains("\"search_estimate\"") && Catch::Contains("\"confirmation_estimate\"") &&
                       Catch::Contains("\"verdict\": \"meets\"") && Catch::Contains("\"method\": \"OCBA-CO\""));
  const FrontierConfirmation& c = r.confirmations[*r.confirmed];
  CHECK(c.seed != r.seed);
  CHECK(c.estimate.candidate == r.points[c.point].candidate);
  CHECK_THAT(r.recommendation, Catch::Contains("Confirmed on ") && Catch::Contains("fresh futures") &&
                                   Catch::Contains("The search had estimated"));
  // Without confirmation the sentence says the figures are the search's own.
  const FrontierResults bare =
      run_frontier(kKnownTail, "known.yaml", {.seed = 3, .overrides = {"optimize.confirm_trials=0"}});
  CHECK(bare.confirmations.empty());
  CHECK_THAT(bare.recommendation, Catch::Contains("not confirmed on fresh futures"));
}

TEST_CASE("Frontier screening: a point's extra trials begin with the search's own", "[frontier]") {
  const FrontierResults r = run_frontier(kKnownTail, "known.yaml",
                                         {.seed = 9, .overrides = {"optimize.screening_trials=0", "optimize.confirm_trials=0"}});
  const std::string text = kKnownTail;
  const FrontierOptions options{.seed = 9};
  const Scenario scenario = read_scenario_text(text, "known.yaml");
  const frontier::PointSimulator simulator(text, "known.yaml", options, scenario.optimize, {0});
  for (const FrontierPoint& p : r.points) {
    const frontier::PointTrials t = simulator.simulate(frontier::point_decisions(r, p), p.strategy, 9, 0, 500);
    FrontierPoint again = p;
    frontier::set_measure(again, frontier::measure(t.npv, t.cost).data(), scenario.optimize);
    CHECK(again.mean_npv == p.mean_npv);  // the same futures, to the bit
    CHECK(again.cvar95 == p.cvar95);
  }
}

TEST_CASE("Frontier screening: OCBA-CO weights and the probability the best is best", "[frontier]") {
  // The best (mean 100, feasible for sure); a worse feasible point close in mean; a
  // better point that fails its ceiling with 60% chance; a far worse point.
  const auto point = [](double mean, double se, double p_meets, bool feasible) {
    return FrontierPoint{.trials = 1000, .mean_npv = mean, .mean_npv_se = se, .p_meets = p_meets, .feasible = feasible};
  };
  const std::vector<FrontierPoint> points{point(100, 5, 1.0, true), point(95, 5, 1.0, true),
                                          point(110, 5, 0.4, false), point(10, 5, 1.0, true)};
  const std::vector<double> w = frontier::ocba_weights(points, 0, {0, 1, 2, 3});
  CHECK(w[1] > w[3]);  // the close rival needs more trials than the far one
  CHECK(w[2] > 0);
  CHECK(w[0] > w[1]);  // the best is compared with every rival
  const double sure = frontier::sure_of_best(points, 0);
  CHECK(sure < 0.6);  // the better point may be feasible: 40% chance it is the best
  std::vector<FrontierPoint> settled = points;
  settled[2].p_meets = 0.001;
  settled[1].mean_npv = 50;
  CHECK(frontier::sure_of_best(settled, 0) > 0.99);
}

// Release builds only: the sanitizer stage of .ci/run leaves out tests named
// "... (release)", as this search of the default scenario takes minutes there.
TEST_CASE("Frontier confirmation: the default scenario's recommended mix, confirmed on three other seeds, "
          "keeps its ceiling verdict (release)",
          "[frontier][statistical]") {
  const std::string file = testing::source_path("scenarios/seed-default.yaml");
  const std::string text = *read_file_text(file);
  // A smaller search than the block's (24 design points, one refinement round), to keep
  // the test short; the confirmation is the block's own.
  const FrontierOptions options{.seed = 20261206,
                                .overrides = {"optimize.candidates=24", "optimize.refine=1"}};
  const FrontierResults r = run_frontier(text, file, options);
  REQUIRE(r.confirmed);
  const FrontierConfirmation& c = r.confirmations[*r.confirmed];
  CHECK(c.verdict == FrontierConfirmation::Verdict::kMeets);
  const Scenario scenario = read_scenario_text(text, file, options.overrides);
  std::vector<int> searched;
  for (std::size_t s = 0; s < scenario.strategies.size(); ++s) searched.push_back(static_cast<int>(s));
  const frontier::PointSimulator simulator(text, file, options, scenario.optimize, searched);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const FrontierConfirmation again = frontier::confirm_point(r, simulator, local_runner(), c.point, seed);
    INFO("seed " << seed << ": CVaR95 " << again.estimate.cvar95 << ", P(ceiling holds) " << again.estimate.p_meets);
    CHECK(again.verdict == c.verdict);
    // The same mix on other futures: its mean within 4 standard errors of the first run's.
    CHECK(std::abs(again.estimate.mean_npv - c.estimate.mean_npv) <
          4 * std::hypot(again.estimate.mean_npv_se, c.estimate.mean_npv_se));
  }
}
