// A sweep file's axes and decision: relative (scale) and linked axes, ranges, the variant
// order, --set under every variant, and the baseline, pairs and break-even checked against
// the base scenario.
#include "flowfolio/yaml/sweep_file.hpp"

#include "yaml/sweep_folder.hpp"

namespace flowfolio {
using testing::problems;
using testing::SweepFolder;

namespace {
// The tiny scenario with a second profile and strategy, for pairs.
std::string two_strategies() {
  return testing::tiny_scenario() +
         "  - name: hire\n    hire: [{profile: helper, count: 1, at: 0}]\n" +
         "  - name: other\n";
}
std::string with_helper(const std::string& scenario) {
  return testing::replace(scenario, "staff:",
                          "  - {name: helper, online: 0.5, domain: 0.5, salary_per_period: 30, hours_per_period: 10,"
                          " hire_cost: 400}\nstaff:");
}
}  // namespace

TEST_CASE("a scale axis multiplies the base value of each of its paths", "[sweep][axes]") {
  const SweepFolder f(
      "base: base.yaml\n"
      "grid:\n"
      "  - name: money\n"
      "    path: [activities.work.value, profiles.worker.salary_per_period]\n"
      "    scale: [0.5, 2]\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  REQUIRE(sweep.variants.size() == 2);
  CHECK(sweep.variants[0].name == "money=0.5x");
  CHECK(sweep.variants[1].name == "money=2x");
  // Both paths move together, each from its own base (value 100, salary 50).
  CHECK(sweep.variants[0].scenario.activities[0].value.mean() == 50);
  CHECK(sweep.variants[0].scenario.profiles[0].salary_per_period == 25);
  CHECK(sweep.variants[1].scenario.activities[0].value.mean() == 200);
  CHECK(sweep.variants[1].scenario.profiles[0].salary_per_period == 100);
  REQUIRE(sweep.axes.size() == 1);
  CHECK(sweep.axes[0].kind == SweepAxis::Kind::kScale);
  CHECK(sweep.axes[0].bases == std::vector<double>{100, 50});
  CHECK(sweep.axes[0].numbers[1] == 2.0);
}

TEST_CASE("a linked axis of values sets every path to the same value", "[sweep][axes]") {
  const SweepFolder f(
      "base: base.yaml\n"
      "grid:\n"
      "  - {name: skill, path: [profiles.worker.online, profiles.worker.domain], values: [0.3, 0.6]}\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  REQUIRE(sweep.variants.size() == 2);
  CHECK(sweep.variants[1].name == "skill=0.6");
  CHECK(sweep.variants[1].scenario.profiles[0].online.mean() == Approx(0.6));
  CHECK(sweep.variants[1].scenario.profiles[0].domain.mean() == Approx(0.6));
  CHECK(sweep.variants[1].settings.size() == 2);
}

TEST_CASE("ranges: evenly spaced, on a log scale, both ends included, in readable digits", "[sweep][axes]") {
  const SweepFolder f(
      "base: base.yaml\n"
      "grid:\n"
      "  model.flow_width: {values: {from: 0.1, to: 0.3, steps: 3}}\n"
      "  activities.work.value: {scale: {from: 0.5, to: 4, steps: 4, log: true}}\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  REQUIRE(sweep.axes.size() == 2);
  CHECK(sweep.axes[0].texts == std::vector<std::string>{"0.1", "0.2", "0.3"});
  CHECK(sweep.axes[1].texts == std::vector<std::string>{"0.5x", "1x", "2x", "4x"});
  CHECK(sweep.axes[1].log);
  // The variants follow the axes, the first slowest: never the alphabet's order.
  REQUIRE(sweep.variants.size() == 12);
  CHECK(sweep.variants[0].name == "model.flow_width=0.1, activities.work.value=0.5x");
  CHECK(sweep.variants[3].name == "model.flow_width=0.1, activities.work.value=4x");
  CHECK(sweep.variants[4].name == "model.flow_width=0.2, activities.work.value=0.5x");
  CHECK(sweep.variants[3].point == std::vector<std::size_t>{0, 3});
  CHECK(sweep.variants[3].scenario.activities[0].value.mean() == 400);
  const SweepFolder thirds("base: base.yaml\ngrid:\n  model.flow_width: {values: {from: 0, to: 1, steps: 4}}\n");
  CHECK(read_sweep_file(thirds.file("sweep.yaml")).axes[0].texts ==
        std::vector<std::string>{"0", "0.3333", "0.6667", "1"});
}

TEST_CASE("axes' problems are said where they are written", "[sweep][axes]") {
  const SweepFolder f(
      "base: base.yaml\n"
      "grid:\n"
      "  - {path: [horizon, trials], values: [2]}\n"
      "  - {path: horizon, values: [2], scale: [1]}\n"
      "  - {path: seed}\n"
      "  - {path: model.flow_width, scale: [a]}\n"
      "  - {path: model.flow_width, values: {from: 1, to: 1, steps: 2}}\n"
      "  - {path: model.flow_width, values: {from: -1, to: 1, steps: 2, log: true}}\n"
      "  - {path: model.flow_width, values: {from: 0, to: 1, steps: 1}}\n");
  CHECK(problems(f) ==
        std::vector<std::string>{
            "sweep.yaml:3:5: grid[0].name: an axis of several key paths needs a name for its column",
            "sweep.yaml:4:41: grid[1].scale: give values or scale, not both",
            "sweep.yaml:5:5: grid[2].values: give values (what the paths take) or scale (multipliers of their base)",
            "sweep.yaml:6:38: grid[3].scale[0]: expected a number, got 'a'",
            "sweep.yaml:7:52: grid[4].values.to: a range needs two different ends",
            "sweep.yaml:8:38: grid[5].values.log: a log range needs both ends above 0",
            "sweep.yaml:9:62: grid[6].values.steps: must be a whole number of 2 or more, got 1",
        });
  // A scale needs a number at its path in the base scenario.
  const SweepFolder text("base: base.yaml\ngrid:\n  name: {scale: [2]}\n  model.learning_peak: {scale: [2]}\n");
  CHECK(problems(text) ==
        std::vector<std::string>{
            "sweep.yaml:3:3: grid.name: scale multiplies the base value of name, which holds 'tiny', not a number; give "
            "values instead",
            "sweep.yaml:4:3: grid.model.learning_peak: scale multiplies the base value of model.learning_peak, which is "
            "not written in the scenario (its default applies); give values instead",
        });
}

TEST_CASE("sweep --set applies under every variant, and a variant's own setting wins", "[sweep][axes]") {
  const SweepFolder f("base: base.yaml\ngrid:\n  activities.work.value: {scale: [1, 2]}\n  horizon: [2, 3]\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"),
                                      {.sets = {"activities.work.value=150", "horizon=9", "model.flow_width=0.2"}});
  REQUIRE(sweep.variants.size() == 4);
  // The scale's base is the value after --set: 150, not the file's 100.
  CHECK(sweep.variants[3].scenario.activities[0].value.mean() == 300);
  CHECK(sweep.variants[3].scenario.horizon == 3);
  CHECK(sweep.variants[3].scenario.model.flow_width == 0.2);
  CHECK(sweep.sets.size() == 3);
  CHECK_THROWS_WITH(read_sweep_file(f.file("sweep.yaml"), {.sets = {"horizon"}}),
                    Catch::Contains("--set horizon: write it as key.path=value"));
}

TEST_CASE("the decision: baseline, pairs and break-even checked against the base", "[sweep][axes]") {
  const std::string base = with_helper(two_strategies());
  const SweepFolder f(
      "base: base.yaml\nbaseline: hire\npairs: [[other, base]]\n"
      "grid:\n  profiles.helper.hire_cost: [0, 500]\n"
      "break_even: {pair: [hire, base], tolerance: 0.01}\n",
      base);
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  CHECK(sweep.baseline == "hire");
  REQUIRE(sweep.break_even);
  CHECK(sweep.break_even->axis == "profiles.helper.hire_cost");  // the only axis
  CHECK(sweep.break_even->tolerance == 0.01);
  using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;
  // Each strategy against the baseline (position 1), then the named pair; the break-even's
  // pair (1, 0) is not repeated.
  CHECK(recorded_pairs(sweep, sweep.variants[0].scenario) == Pairs{{0, 1}, {2, 1}, {2, 0}, {1, 0}});
  // The command line replaces the file's decision.
  const Sweep other = read_sweep_file(f.file("sweep.yaml"), {.baseline = "base", .pairs = {"hire:other"},
                                                            .break_even = "other:hire"});
  CHECK(recorded_pairs(other, other.variants[0].scenario) == Pairs{{1, 0}, {2, 0}, {1, 2}, {2, 1}});
  CHECK(other.break_even->tolerance == 0.01);

  const SweepFolder wrong(
      "base: base.yaml\nbaseline: hyre\npairs: [[other, other]]\n"
      "grid:\n  profiles.helper.hire_cost: [0, 500]\n  name: [x, y]\n"
      "break_even: {pair: [hire, base]}\n",
      base);
  CHECK(problems(wrong) ==
        std::vector<std::string>{
            "sweep.yaml:2:11: baseline: no strategy named 'hyre' (did you mean 'hire'?) (known: base, hire, other)",
            "sweep.yaml:3:8: pairs[0]: a strategy compared with itself",
            "sweep.yaml:7:13: break_even.axis: the grid has 2 axes: name the one to search (profiles.helper.hire_cost, "
            "name)",
        });
  // The file's own problems come first: the base is read once they are mended.
  const SweepFolder pair("base: base.yaml\nbaseline: hyre\npairs: [[a]]\ngrid:\n  horizon: [2]\n", base);
  CHECK(problems(pair) ==
        std::vector<std::string>{"sweep.yaml:3:9: pairs[0]: expected a pair [strategy, baseline], got a list"});
  const SweepFolder text("base: base.yaml\ngrid:\n  name: [x, y]\nbreak_even: {pair: [hire, base], axis: name}\n", base);
  CHECK(problems(text) == std::vector<std::string>{"sweep.yaml:4:13: break_even.axis: the axis 'name' needs two or "
                                                   "more numbers to search between"});
  const SweepFolder listed("base: base.yaml\nvariants: [{name: a}]\n", base);
  CHECK(problems(listed, {.break_even = "hire:base"}) ==
        std::vector<std::string>{"sweep.yaml:1:1: break_even: a break-even is searched along a grid's axis; this "
                                 "sweep lists variants"});
  CHECK_THROWS_WITH(read_sweep_file(listed.file("sweep.yaml"), {.pairs = {"hire"}}),
                    "--pair hire: write the pair as STRATEGY:BASELINE");
}

TEST_CASE("a listed sweep is described by one column per key path its variants set", "[sweep][axes]") {
  const SweepFolder f(
      "base: base.yaml\nvariants:\n  - name: plain\n  - {name: dear, set: {activities.work.value: 150}}\n"
      "  - {name: short, set: {horizon: 2, description: brief}}\n");
  const Sweep sweep = read_sweep_file(f.file("sweep.yaml"));
  REQUIRE(sweep.axes.size() == 3);
  CHECK(sweep.axes[0].name == "activities.work.value");
  CHECK(sweep.axes[0].texts == std::vector<std::string>{"", "150", ""});
  CHECK(sweep.axes[0].numbers[1] == 150.0);
  CHECK(sweep.axes[2].name == "description");
  CHECK_FALSE(sweep.axes[2].numbers[2].has_value());
  CHECK(sweep.axes[2].kind == SweepAxis::Kind::kSet);
}

}  // namespace flowfolio

namespace flowfolio {
TEST_CASE("every map of a sweep file refuses a key it does not list", "[sweep][axes]") {
  const SweepFolder f(
      "base: base.yaml\nbogus: 1\n"
      "grid:\n  - {path: horizon, values: {from: 2, to: 4, steps: 3, bogus: 1}, bogus: 1}\n"
      "break_even: {pair: [base, base], bogus: 1}\n");
  const std::vector<std::string> p = problems(f);
  REQUIRE(p.size() == 4);
  for (const std::string& line : p) CHECK(line.find("unknown key 'bogus'") != std::string::npos);
  const SweepFolder grid_map("base: base.yaml\ngrid:\n  model.flow_width: {values: [0.1], bogus: 1}\n");
  CHECK(problems(grid_map).at(0).find("grid.model.flow_width.bogus: unknown key 'bogus'") != std::string::npos);
  const SweepFolder variant("base: base.yaml\nvariants: [{name: a, bogus: 1}]\n");
  CHECK(problems(variant).at(0).find("variants[0].bogus: unknown key 'bogus'") != std::string::npos);
}
}  // namespace flowfolio
