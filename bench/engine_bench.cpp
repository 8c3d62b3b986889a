#include <benchmark/benchmark.h>

#include "flowfolio/engine.hpp"

// One whole trial of the default scenario, all five strategies; items are unit outcomes.
static void BM_DefaultTrial(benchmark::State& state) {
  const flowfolio::Scenario s =
      flowfolio::read_scenario_file(FLOWFOLIO_SOURCE_DIR "/scenarios/seed-default.yaml");
  const flowfolio::Engine engine(s);
  std::vector<flowfolio::TrialOutcome> out(engine.strategy_count());
  std::uint64_t trial = 0;
  double units = 0;
  for (auto _ : state) {
    engine.simulate_trial(s.seed, trial++, out);
    for (const auto& o : out)
      units += o.metrics[flowfolio::index(flowfolio::Metric::kUnitsDone)] +
               o.metrics[flowfolio::index(flowfolio::Metric::kUnitsSkipped)];
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(units));
}
BENCHMARK(BM_DefaultTrial);
