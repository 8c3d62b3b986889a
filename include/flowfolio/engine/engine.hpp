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
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "flowfolio/core/metrics.hpp"
#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

struct RunSummaries;  // summaries.hpp
class TrialRunner;   // trial_runner.hpp

// The runner that simulates on this process's threads (trial_runner.hpp): the default
// wherever a runner is taken. Thread-safe; lives as long as the program.
TrialRunner& local_runner();

// The units of one activity one person worked in one period of a traced trial.
struct WorkTrace {
  std::size_t activity = 0;       // in the scenario's order
  int units = 0, successes = 0;
};

// One activity in one period of a traced trial: the record a history of the work keeps
// (flowfolio calibrate reads histories of this shape).
struct ActivityTrace {
  int units_done = 0, units_skipped = 0;
  std::vector<double> losses;     // one per incident, in unit order
  // The sum over done units of the incident multiplier exp(incident_slope * max(0, delta))
  // of the person who did each (MODEL.md section 4.6): the units' incident chance is p0
  // times this, whatever p0 is.
  double exposure = 0;
};

// One person in one period of a traced trial: who did what, and how it went.
struct PersonTrace {
  int slot = 0;
  int profile = 0;
  int generation = 0;
  double hours_available = 0;     // for units, after training and mentoring
  double training_hours = 0, mentoring_hours = 0;
  int units = 0, successes = 0, incidents = 0;
  double hours_worked = 0;
  double mean_delta = 0;          // hour-weighted balance of the units worked (0 if none)
  double online = 0, domain = 0;  // real skills at the end of the period
  double burnout = 0;             // at the end of the period
  bool left = false;              // left at the end of the period
  std::vector<WorkTrace> work;    // per activity worked, in the scenario's order
};

// One period of one strategy in one trial, for `flowfolio run --trial N --trace`.
struct PeriodTrace {
  int period = 0;
  int active = 0;                 // people active during the period
  int units_done = 0, units_skipped = 0, incidents = 0, departures = 0;
  double value = 0, cost = 0, incident_loss = 0;
  double cash_flow = 0, cumulative_discounted = 0;
  double hours_flow = 0, hours_anxiety = 0, hours_boredom = 0;
  double mean_online = 0, mean_domain = 0, mean_burnout = 0;  // of active people, end of t
  std::vector<PersonTrace> people;  // everyone active during the period, by slot
  std::vector<ActivityTrace> activities;  // one per activity, in the scenario's order
};

// The money of one period, undiscounted (MODEL.md section 6): cost as metric `cost` counts
// it (everything but incident losses); cash_flow = value - cost - incident_loss.
struct PeriodMoney {
  double value = 0, cost = 0, incident_loss = 0, cash_flow = 0;
};

// Everything one trial of one strategy reports.
struct TrialOutcome {
  MetricValues metrics{};
  std::vector<double> cumulative_discounted;   // per period, at its end
  std::vector<std::array<double, 3>> zone_share;  // per period: flow, anxiety, boredom hours
                                                  // over done hours (0 when none)
  std::vector<PeriodMoney> money;              // per period
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
  // With `independent_streams`, each strategy draws from its own streams (the seed
  // mixed with the strategy's position) instead of the common ones: the comparison
  // baseline that shows what common random numbers are worth. Never the default.
  void simulate_trial(std::uint64_t seed, std::uint64_t trial, std::span<TrialOutcome> out,
                      bool trace = false, bool independent_streams = false) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct RunOptions {
  std::uint64_t trials = 10000;    // > 0
  std::uint64_t seed = 0;
  unsigned threads = 0;            // 0: the hardware's concurrency
  bool independent_streams = false;  // see Engine::simulate_trial
  // When set and it becomes true, the run stops within a trial per thread and throws
  // Interrupted. For signal handlers: set it, nothing else.
  const std::atomic<bool>* stop = nullptr;
  // Who simulates the trials; null: local_runner(). With a cluster's runner, every
  // process calls run() with the same options, and only the leader's results hold the
  // trials (trial_runner.hpp).
  TrialRunner* runner = nullptr;
};

// Thrown by run() and extend() when RunOptions::stop became true.
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

// What a run will need before it starts, for refusing runs that would not fit.
struct RunEstimate {
  double bytes = 0;            // results kept in memory
  double bytes_per_thread = 0;  // one trial's working memory, per thread
  double unit_outcomes = 0;    // over all strategies and trials
};
RunEstimate estimate_run(const Scenario& scenario, std::uint64_t trials);

// The per-period quantiles of cumulative discounted cash flow (series.csv, the fan
// chart) come from the first kSeriesQuantileTrials trials: that bounds the memory they
// take (horizon * 4 bytes per strategy and trial) while their sampling error is already
// far below a chart's resolution. Means and every per-trial metric use all trials.
inline constexpr std::uint64_t kSeriesQuantileTrials = 20000;

// The per-period series summed over trials, each horizon long, in this order: cumulative
// discounted cash flow; flow, anxiety and boredom shares; value, cost, incident loss and
// cash flow (PeriodMoney's order).
inline constexpr std::size_t kSeriesCount = 8;

// The per-trial results of one strategy, and its per-period series.
struct StrategyResults {
  std::string name;
  std::array<std::vector<double>, kMetricCount> per_trial;  // [metric][trial]
  // Cumulative discounted cash flow at the end of every period of the first
  // kSeriesQuantileTrials trials, single precision: [trial * horizon + period].
  std::vector<float> cumulative_discounted;
  std::vector<double> mean_cumulative_discounted;            // [period], exact sums
  std::vector<std::array<double, 3>> mean_zone_share;        // [period]: flow, anxiety, boredom
  std::vector<PeriodMoney> mean_money;                       // [period], exact sums
  // [kSeriesCount * horizon]: running sums behind the means, series k at [k * horizon + t].
  std::vector<double> series_sum;

  std::span<const double> metric(Metric m) const { return per_trial[index(m)]; }
};

// Sets r's per-period means from r.series_sum over `trials` trials.
// Requires: r.series_sum.size() == kSeriesCount * horizon, trials > 0.
void set_series_means(StrategyResults& r, std::size_t horizon, std::uint64_t trials);

struct RunResults {
  std::uint64_t seed = 0;
  std::uint64_t trials = 0;
  unsigned threads = 0;            // threads actually used
  bool independent_streams = false;
  std::uint64_t random_blocks = 0;  // Philox blocks the run consumed (same for any threads)
  std::vector<StrategyResults> strategies;  // in the scenario's order
  // Set when the run kept mergeable summaries instead of every trial (summaries.hpp):
  // the per_trial columns are then empty.
  std::shared_ptr<const RunSummaries> summaries;
};

// Simulates options.trials trials of every strategy. Deterministic for a scenario, seed
// and trial count, whatever options.threads and options.runner are.
RunResults run(const Scenario& scenario, const RunOptions& options);

// Results with no trials yet, named after the scenario's strategies, ready for extend().
RunResults empty_results(const Scenario& scenario, std::uint64_t seed, bool independent_streams);

// Adds `more` trials (numbered from results.trials on) to `results`, which run() or an
// earlier extend() made with the same engine, seed and stream choice. The result equals
// run() with the total trial count. Requires: results.trials is a multiple of
// kTrialBlock (the last extension may end anywhere). `runner` simulates them
// (trial_runner.hpp); the result does not depend on which.
inline constexpr std::uint64_t kTrialBlock = 64;
void extend(const Engine& engine, RunResults& results, std::uint64_t more, unsigned threads,
            const std::atomic<bool>* stop = nullptr, TrialRunner& runner = local_runner());


// A contiguous share of a run's trials, simulated apart from the others, so that several
// processes can share one run (trial_runner.hpp). add_spans() puts the shares together into
// exactly what extend() makes: the same bytes, whoever simulated which share.
struct TrialSpan {
  std::uint64_t begin = 0, end = 0;   // trials [begin, end)
  std::vector<double> metrics;        // [(s * kMetricCount + m) * (end - begin) + n - begin]
  std::vector<double> block_series;   // [(b * S + s) * kSeriesCount * horizon]: per-block sums, as extend()
                                      // keeps them, blocks of kTrialBlock counted from begin
  std::vector<float> cumulative_discounted;  // [(s * kept + n - begin) * horizon + t] for the
                                             // trials below kSeriesQuantileTrials
  std::uint64_t random_blocks = 0;
  unsigned threads = 0;
};

// Simulates trials [begin, end) of every strategy. Requires: begin % kTrialBlock == 0,
// begin < end. Deterministic whatever `threads` is.
TrialSpan simulate_span(const Engine& engine, std::uint64_t seed, bool independent_streams,
                        std::uint64_t begin, std::uint64_t end, unsigned threads,
                        const std::atomic<bool>* stop = nullptr);

// Adds spans simulated with the results' seed and stream choice that continue `results`
// without gaps: spans[0].begin == results.trials, each span begins where the one before
// ends. The result equals extend() over the same trials. Requires: spans not empty,
// results.trials % kTrialBlock == 0.
void add_spans(RunResults& results, std::span<const TrialSpan> spans);

}  // namespace flowfolio
