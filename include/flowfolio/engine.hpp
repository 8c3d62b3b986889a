// The simulation engine: start here.
//
// An Engine is built once from a valid Scenario (read_scenario_file) and simulates
// trials of MODEL.md sections 3 to 7. One trial runs every strategy on the same luck:
// the same seed-derived streams (random.hpp), so trial n of two strategies differs only
// by what the strategies do (common random numbers).
//
// run() simulates many trials on several threads and keeps every trial's metrics,
// ready for statistics.hpp. Results depend on the scenario, the seed and the trial
// count only: never on the number of threads.
//
//   flowfolio::Scenario scenario = flowfolio::read_scenario_file("scenarios/seed-default.yaml");
//   flowfolio::RunResults results = flowfolio::run(scenario, {.trials = 20000, .seed = 1});
//   double mean_npv = flowfolio::summarize(results.strategies[0].metric(Metric::kNpv)).mean;
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "flowfolio/metrics.hpp"
#include "flowfolio/scenario.hpp"

namespace flowfolio {

// One period of one strategy in one trial, for `flowfolio run --trial N --trace`.
struct PeriodTrace {
  int period = 0;
  int active = 0;                 // people active during the period
  int units_done = 0, units_skipped = 0, incidents = 0, departures = 0;
  double value = 0, cost = 0, incident_loss = 0;
  double cash_flow = 0, cumulative_discounted = 0;
  double hours_flow = 0, hours_anxiety = 0, hours_boredom = 0;
  double mean_online = 0, mean_domain = 0, mean_burnout = 0;  // of active people, end of t
};

// Everything one trial of one strategy reports.
struct TrialOutcome {
  MetricValues metrics{};
  std::vector<double> cumulative_discounted;   // per period, at its end
  std::vector<std::array<double, 3>> zone_share;  // per period: flow, anxiety, boredom hours
                                                  // over done hours (0 when none)
  std::vector<PeriodTrace> trace;              // filled only when asked for
};

class Engine {
 public:
  // Requires: `scenario` is valid (as read_scenario_file returns it). Keeps a copy.
  explicit Engine(Scenario scenario);
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  const Scenario& scenario() const;
  std::size_t strategy_count() const;

  // Simulates trial `trial` under `seed` for every strategy, writing out[s] for strategy s.
  // Requires: out.size() == strategy_count(). Thread-safe: the engine is not modified.
  // With `trace`, every outcome's trace is filled period by period.
  void simulate_trial(std::uint64_t seed, std::uint64_t trial, std::span<TrialOutcome> out,
                      bool trace = false) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct RunOptions {
  std::uint64_t trials = 10000;    // > 0
  std::uint64_t seed = 0;
  unsigned threads = 0;            // 0: the hardware's concurrency
};

// The per-trial results of one strategy, and its per-period mean series.
struct StrategyResults {
  std::string name;
  std::array<std::vector<double>, kMetricCount> per_trial;  // [metric][trial]
  std::vector<double> mean_cumulative_discounted;            // [period]
  std::vector<std::array<double, 3>> mean_zone_share;        // [period]: flow, anxiety, boredom

  std::span<const double> metric(Metric m) const { return per_trial[index(m)]; }
};

struct RunResults {
  std::uint64_t seed = 0;
  std::uint64_t trials = 0;
  unsigned threads = 0;            // threads actually used
  std::vector<StrategyResults> strategies;  // in the scenario's order
};

// Simulates options.trials trials of every strategy. Deterministic for a scenario, seed
// and trial count, whatever options.threads is.
RunResults run(const Scenario& scenario, const RunOptions& options);

}  // namespace flowfolio
