// One trial replays alone (`flowfolio run --trial N --trace`) with exactly the numbers it
// has inside a run: every metric and every per-period value of every strategy, for trials
// inside and past the first block, on the three shipped scenarios.
#include <catch2/catch.hpp>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"
#include "test_support.hpp"

using namespace flowfolio;

TEST_CASE("a traced trial replays the run's trial bit for bit", "[engine][replay]") {
  for (const char* name : {"seed-default", "b2b-software", "hospital-system"}) {
    const Scenario s = read_scenario_file(testing::source_path(std::string("scenarios/") + name + ".yaml"));
    const RunResults r = run(s, {.trials = 150, .seed = 5, .threads = 2});
    const Engine engine(s);
    const std::size_t T = static_cast<std::size_t>(s.horizon);
    for (const std::uint64_t n : {0ull, 63ull, 64ull, 149ull}) {
      std::vector<TrialOutcome> replay(engine.strategy_count());
      engine.simulate_trial(5, n, replay, true);
      for (std::size_t k = 0; k < replay.size(); ++k) {
        INFO(name << " trial " << n << " strategy " << s.strategies[k].name);
        for (std::size_t m = 0; m < kMetricCount; ++m)
          CHECK(replay[k].metrics[m] == r.strategies[k].per_trial[m][n]);
        REQUIRE(replay[k].trace.size() == T);
        for (std::size_t t = 0; t < T; ++t) {
          CHECK(static_cast<float>(replay[k].cumulative_discounted[t]) == r.strategies[k].cumulative_discounted[n * T + t]);
          CHECK(replay[k].trace[t].cumulative_discounted == replay[k].cumulative_discounted[t]);
        }
      }
    }
  }
}
