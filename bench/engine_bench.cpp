// The engine's pieces at work: one unit outcome, one period's assignment with 8 and 64
// people, one whole trial of the default scenario. Each reports items per second.
#include <benchmark/benchmark.h>

#include <string>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/yaml/scenario_reader.hpp"

namespace {
// `people` workers of fixed, varied skill, `activities` activities; demand sized so the
// period's hours are nearly all used. Horizon 1: a trial is one period.
std::string assignment_scenario(int people, const char* policy) {
  std::string yaml = "name: assignment\nhorizon: 1\nactivities:\n";
  const char* names[] = {"campaign", "post", "reply", "tweet"};
  const double hours[] = {6, 5, 1, 0.25};
  const double challenge[] = {0.8, 0.5, 0.6, 0.2};
  for (int a = 0; a < 4; ++a) {
    yaml += "  - {name: " + std::string(names[a]) + ", challenge: {online: " +
            std::to_string(challenge[a]) + ", domain: " + std::to_string(challenge[a]) +
            "}, hours_per_unit: " + std::to_string(hours[a]) +
            ", units_per_period: " + std::to_string(people * 8 * 0.9 / 4 / hours[a]) +
            ", value: {lognormal: {p5: 10, p95: 1000}}, cost: 5, incident: {probability: 0.001, "
            "severity: 1000}}\n";
  }
  yaml += "profiles:\n";
  for (int p = 0; p < 4; ++p) {
    yaml += "  - {name: p" + std::to_string(p) + ", online: " + std::to_string(0.2 + 0.2 * p) +
            ", domain: " + std::to_string(0.8 - 0.2 * p) + ", salary_per_period: 100, hours_per_period: 8}\n";
  }
  yaml += "staff:\n";
  for (int p = 0; p < 4; ++p) yaml += "  - {profile: p" + std::to_string(p) + ", count: " + std::to_string(people / 4) + "}\n";
  yaml += "strategies:\n  - {name: s, assign: {policy: " + std::string(policy) + "}}\n";
  return yaml;
}

void run_trials(benchmark::State& state, const flowfolio::Scenario& s, bool count_units) {
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
  state.SetItemsProcessed(count_units ? static_cast<std::int64_t>(units) : state.iterations());
  state.counters["units_per_item"] = count_units ? 1 : units / static_cast<double>(state.iterations());
}
}  // namespace

// One period's assignment and outcomes with 8 or 64 people (items: periods).
static void BM_PeriodStatic(benchmark::State& state) {
  run_trials(state, flowfolio::read_scenario_text(assignment_scenario(static_cast<int>(state.range(0)), "static"), "bench"), false);
}
BENCHMARK(BM_PeriodStatic)->Arg(8)->Arg(64);
static void BM_PeriodFlow(benchmark::State& state) {
  run_trials(state, flowfolio::read_scenario_text(assignment_scenario(static_cast<int>(state.range(0)), "flow"), "bench"), false);
}
BENCHMARK(BM_PeriodFlow)->Arg(8)->Arg(64);

// One unit outcome: one worker, one activity, 1000 units a period (items: units).
static void BM_UnitOutcome(benchmark::State& state) {
  const std::string yaml =
      "name: unit\nhorizon: 1\nactivities:\n  - {name: tweet, challenge: {online: 0.3, domain: 0.1}, "
      "hours_per_unit: 0.01, units_per_period: 1000, value: {lognormal: {p5: 5, p95: 80}}, "
      "incident: {probability: 0.00001, severity: {lognormal: {p5: 200, p95: 20000}}}, volatility: 0.3}\n"
      "profiles:\n  - {name: p, online: 0.3, domain: 0.2, salary_per_period: 1, hours_per_period: 10}\n"
      "staff: [{profile: p, count: 1}]\nstrategies: [{name: s}]\n";
  run_trials(state, flowfolio::read_scenario_text(yaml, "bench"), true);
}
BENCHMARK(BM_UnitOutcome);

// One whole trial of the default scenario, all five strategies (items: unit outcomes).
static void BM_DefaultTrial(benchmark::State& state) {
  run_trials(state, flowfolio::read_scenario_file(FLOWFOLIO_SOURCE_DIR "/scenarios/seed-default.yaml"), true);
}
BENCHMARK(BM_DefaultTrial);
