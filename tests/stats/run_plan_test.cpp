// Planning a run (run_plan.hpp): the statistics chosen, the refusals and the notices.
#include <string>
#include <vector>

#include "flowfolio/core/error.hpp"
#include "flowfolio/stats/run_plan.hpp"
#include "test_support.hpp"

namespace flowfolio {

namespace {
std::vector<std::string> notices_of(const Scenario& s, const RunRequest& request, RunPlan* plan = nullptr) {
  std::vector<std::string> lines;
  const RunPlan p = plan_run(s, request, [&](const std::string& line) { lines.push_back(line); });
  if (plan) *plan = p;
  return lines;
}
}  // namespace

TEST_CASE("a small run keeps every trial and says nothing", "[run_plan]") {
  const Scenario s = testing::parse(testing::tiny_scenario() + "  - name: other\n");
  RunPlan plan;
  CHECK(notices_of(s, {.trials = 1000, .threads = 3}, &plan).empty());
  CHECK_FALSE(plan.summarized);
  CHECK(plan.threads == 3);
  notices_of(s, {.trials = 1000, .threads = 1, .statistics = StatisticsChoice::kSketch}, &plan);
  CHECK(plan.summarized);
}

TEST_CASE("sketch statistics are refused where every trial is needed", "[run_plan]") {
  const Scenario s = testing::parse(testing::tiny_scenario());
  CHECK_THROWS_WITH(plan_run(s, {.trials = 10, .statistics = StatisticsChoice::kSketch, .report = true}),
                    "--report needs every trial: use --statistics exact");
  CHECK_THROWS_WITH(plan_run(s, {.trials = 10, .statistics = StatisticsChoice::kSketch, .precision = true}),
                    "--precision needs every trial: use --statistics exact");
}

TEST_CASE("a run over a minute says how long it may take", "[run_plan]") {
  const Scenario s = testing::parse(testing::tiny_scenario());
  const std::vector<std::string> lines = notices_of(
      s, {.trials = 1'000'000'000, .threads = 1, .statistics = StatisticsChoice::kSketch, .allow_large_run = true});
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::StartsWith("flowfolio: about 12000 million unit outcomes: expect roughly "));
  CHECK_THAT(lines[0], Catch::EndsWith(" minutes on 1 thread (Ctrl-C stops cleanly)"));
  // Nobody listening: the plan is the same, and nothing is printed.
  CHECK(plan_run(s, {.trials = 1'000'000'000, .threads = 1, .statistics = StatisticsChoice::kSketch,
                     .allow_large_run = true}).summarized);
}

TEST_CASE("the statistics choice is read as --statistics spells it", "[run_plan]") {
  CHECK(statistics_choice("exact") == StatisticsChoice::kExact);
  CHECK(statistics_choice("sketch") == StatisticsChoice::kSketch);
  CHECK(statistics_choice("auto") == StatisticsChoice::kAuto);
  CHECK_THROWS_AS(statistics_choice("Exact"), InputError);
}

}  // namespace flowfolio
