// The break-even search and the robustness summary on a scenario whose break-even is
// computed by hand: hiring a helper earns one more unit a period (value 100, direct cost
// 10) for its salary (30), over 4 periods undiscounted, so hire - base = 240 - hire_cost.
#include "flowfolio/studies/break_even.hpp"

#include <cmath>

#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/studies/robustness.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "yaml/sweep_folder.hpp"

namespace flowfolio {
using testing::SweepFolder;

namespace {
// Six units a period; the worker's 10 hours do five, a helper does the sixth. No market
// noise, no flow bonus and certain success: every trial the same.
std::string helper_scenario(const std::string& value = "100") {
  std::string s = testing::tiny_scenario(", flow_bonus: 0");
  s = testing::replace(s, "units_per_period: 3", "units_per_period: 6");
  s = testing::replace(s, "value: 100", "value: " + value);
  s = testing::replace(s, "periods_per_year: 1", "periods_per_year: 1\ndiscount_rate: 0");
  s = testing::replace(s, "staff:",
                       "  - {name: helper, online: 0.5, domain: 0.5, salary_per_period: 30, hours_per_period: 10,"
                       " hire_cost: 400}\nstaff:");
  return s + "  - name: hire\n    hire: [{profile: helper, count: 1, at: 0}]\n  - name: other\n";
}

struct Swept {
  Sweep sweep;
  SweepOutcome outcome;
  SweepDecision decision;
};

Swept sweep_and_decide(const SweepFolder& f, const SweepCommandLine& c = {}) {
  Swept s{read_sweep_file(f.file("sweep.yaml"), c), {}, {}};
  const SweepOptions options{.store = f.file("store.sqlite"), .threads = 2};
  s.outcome = run_sweep(s.sweep, options);
  s.decision = decide(s.sweep, s.outcome, options);
  return s;
}
}  // namespace

TEST_CASE("break-even: bisection finds the hand-computed value, 240", "[break-even]") {
  const SweepFolder f(
      "base: base.yaml\ngrid:\n  profiles.helper.hire_cost: {values: {from: 0, to: 1000, steps: 5}}\n"
      "break_even: {pair: [hire, base]}\n",
      helper_scenario());
  const Swept s = sweep_and_decide(f);
  REQUIRE(s.decision.break_even.size() == 1);
  const BreakEven& b = s.decision.break_even[0];
  // The grid's own points: 240 - hire_cost exactly.
  REQUIRE(s.outcome.break_even_grid.size() == 5);
  CHECK(s.outcome.break_even_grid[0].mean == Approx(240).margin(1e-9));
  CHECK(s.outcome.break_even_grid[1].mean == Approx(-10).margin(1e-9));
  REQUIRE(b.crossings.size() == 1);
  const Crossing& c = b.crossings[0];
  CHECK(c.value == Approx(240).margin(1e-6));
  CHECK(c.strategy_leads_below);
  // With no noise the interval is the point itself.
  CHECK(c.lo == Approx(240).margin(1e-6));
  CHECK(c.hi == Approx(240).margin(1e-6));
  CHECK_FALSE(c.lo_open);
  CHECK_FALSE(c.hi_open);
  // From a bracket of 250 to one within 1 (the tolerance, 0.001 of the span): 8 halvings,
  // shared by the three searches, which meet the same function here.
  CHECK(b.evaluations == 8);
  CHECK(b.curve.size() == 5 + 8);
  CHECK(b.sentence.find("The choice flips at profiles.helper.hire_cost = 240 (95% interval 240 to 240): hire leads "
                        "below it, base above it.") == 0);
}

TEST_CASE("break-even on a whole-number axis stops between two whole numbers", "[break-even]") {
  // hire - base = 4 (V - 40) - 400 with V the unit's value: zero at V = 140.
  const SweepFolder f(
      "base: base.yaml\ngrid:\n  activities.work.value: [100, 132, 164, 196]\nbreak_even: {pair: [hire, base]}\n",
      helper_scenario());
  const Swept s = sweep_and_decide(f);
  const BreakEven& b = s.decision.break_even.at(0);
  REQUIRE(b.crossings.size() == 1);
  CHECK(b.crossings[0].value == Approx(140).margin(1e-9));
  CHECK_FALSE(b.crossings[0].strategy_leads_below);
  for (const BreakEven::Point& p : b.curve) CHECK(p.x == std::floor(p.x));
}

TEST_CASE("break-even with noise: the interval is the values where the 95% interval holds zero", "[break-even]") {
  // The helper's unit is worth uniform(0, 200): per trial, hire - base = the 4 values of
  // unit 5 - 160 - hire_cost, whose sd is sqrt(4 x 200^2 / 12) = 115.5. With 400 trials
  // the estimate of the break-even (240) has se 5.77; the test allows 4 se (seed fixed).
  std::string scenario = helper_scenario("{uniform: [0, 200]}");
  scenario = testing::replace(scenario, "trials: 10", "trials: 400");
  const SweepFolder f(
      "base: base.yaml\ngrid:\n  profiles.helper.hire_cost: [0, 150, 300, 450]\n"
      "break_even: {pair: [hire, base], tolerance: 0.0001}\n",
      scenario);
  const Swept s = sweep_and_decide(f);
  const BreakEven& b = s.decision.break_even.at(0);
  REQUIRE(b.crossings.size() == 1);
  const Crossing& c = b.crossings[0];
  const double se = std::sqrt(4 * 200.0 * 200.0 / 12) / std::sqrt(400.0);
  CHECK(std::abs(c.value - 240) < 4 * se);
  // The difference falls one for one with the hire cost and its se stays the same, so the
  // interval is the value -+ 1.96 se, to the search's tolerance (0.045).
  const double measured_se = s.outcome.break_even_grid[0].se;
  CHECK(measured_se == Approx(se).epsilon(0.1));
  CHECK(c.lo == Approx(c.value - kZ975 * measured_se).margin(0.1));
  CHECK(c.hi == Approx(c.value + kZ975 * measured_se).margin(0.1));
}

TEST_CASE("a pair simulated alone gives the same difference as within the whole scenario", "[break-even]") {
  std::string scenario = testing::replace(helper_scenario("{uniform: [0, 200]}"), "trials: 10", "trials: 64");
  const SweepFolder f("base: base.yaml\ngrid:\n  profiles.helper.hire_cost: [100, 300]\nbreak_even: {pair: [hire, base]}\n",
                      scenario);
  const Swept s = sweep_and_decide(f);
  for (std::size_t v = 0; v < 2; ++v) {
    const PairPoint alone = evaluate_pair(s.sweep, {"hire", "base"}, s.sweep.variants[v].settings,
                                          {.seed = s.outcome.seed, .trials = s.outcome.trials, .threads = 1});
    CHECK(alone.mean == s.outcome.break_even_grid[v].mean);
    CHECK(alone.se == s.outcome.break_even_grid[v].se);
    CHECK(alone.p_beats == s.outcome.break_even_grid[v].p_beats);
  }
}

TEST_CASE("no flip in range is said, with the smallest lead", "[break-even]") {
  const SweepFolder f(
      "base: base.yaml\ngrid:\n  profiles.helper.hire_cost: [0, 100, 200]\nbreak_even: {pair: [hire, base]}\n"
      "robustness: false\n",
      helper_scenario());
  const Swept s = sweep_and_decide(f);
  CHECK_FALSE(s.decision.robustness);  // robustness: false
  const BreakEven& b = s.decision.break_even.at(0);
  CHECK(b.crossings.empty());
  CHECK(b.evaluations == 0);
  CHECK(b.sentence ==
        "No flip in range: hire leads base on mean npv at every profiles.helper.hire_cost from 0 to 200; its smallest "
        "lead is 40 at 200.");
}

TEST_CASE("break-even along one axis at every point of the others", "[break-even]") {
  // With value 130 the helper's unit nets 130 - 40 = 90 a period: break-even 360.
  const SweepFolder f(
      "base: base.yaml\ngrid:\n  activities.work.value: [100, 130]\n  profiles.helper.hire_cost: [0, 500]\n"
      "break_even: {pair: [hire, base], axis: profiles.helper.hire_cost}\n",
      helper_scenario());
  const Swept s = sweep_and_decide(f);
  REQUIRE(s.decision.break_even.size() == 2);
  CHECK(s.decision.break_even[0].fixed == "activities.work.value=100");
  CHECK(s.decision.break_even[0].crossings.at(0).value == Approx(240).margin(1e-6));
  CHECK(s.decision.break_even[1].fixed == "activities.work.value=130");
  CHECK(s.decision.break_even[1].crossings.at(0).value == Approx(360).margin(1e-6));
}

TEST_CASE("robustness: each input alone, then every input at its worst end at once", "[break-even][robustness]") {
  // As written (hire cost 400) base leads by 160; the axis's low end (0) reverses it.
  const SweepFolder f(
      "base: base.yaml\ngrid:\n  profiles.helper.hire_cost: [0, 200]\n  activities.work.cost: {scale: [1, 3]}\n"
      "break_even: {pair: [hire, base], axis: profiles.helper.hire_cost}\n",
      helper_scenario());
  const Swept s = sweep_and_decide(f);
  REQUIRE(s.decision.robustness);
  const Robustness& r = *s.decision.robustness;
  CHECK(r.base.mean == Approx(-160).margin(1e-9));
  CHECK(r.leader == "base");
  REQUIRE(r.bars.size() == 2);
  // Ranked by swing: hire cost moves the difference by 200, the unit's cost (10 to 30) by 80.
  CHECK(r.bars[0].input == "profiles.helper.hire_cost");
  CHECK(r.bars[0].at_low.mean == Approx(240).margin(1e-9));
  CHECK(r.bars[0].at_high.mean == Approx(40).margin(1e-9));
  CHECK_FALSE(r.bars[0].worst_is_high);
  CHECK(r.bars[1].input == "activities.work.cost");
  CHECK(r.bars[1].low == "1x");
  CHECK(r.bars[1].at_high.mean == Approx(-400 + 4 * (100 - 30 - 30)).margin(1e-9));
  CHECK_FALSE(r.bars[1].worst_is_high);  // a dearer unit favours base, the leader
  CHECK(r.reversing == std::vector<std::string>{"profiles.helper.hire_cost"});
  CHECK(r.corner.mean == Approx(240).margin(1e-9));
  CHECK(r.corner_reverses);
  CHECK(r.sentence.find("the choice depends on these assumptions") != std::string::npos);
}

}  // namespace flowfolio
