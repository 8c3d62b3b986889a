// Choosing the portfolio: the risk-return frontier of activity mixes and strategies
// (docs/frontier.md).
//
// A scenario's `optimize:` block names decisions (numbers at key paths within bounds,
// such as the demand of each activity, a programme's training hours or a hire count),
// the risk measure (CVaR95 or P(loss)) and optional ceilings. run_frontier() searches the
// decision space for every strategy: a digitally shifted Sobol design, then rounds of
// local refinement around each strategy's front. Every candidate is simulated on the
// same seed, so candidates are compared on the same futures and ranking noise stays
// small; each point carries its Monte Carlo standard errors.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio {

struct FrontierOptions {
  std::uint64_t seed = 0;
  unsigned threads = 0;                // 0: all cores; results do not depend on it
  int only_strategy = -1;              // >= 0: search for this strategy only
  std::vector<std::string> overrides;  // --set settings under every candidate
  const std::atomic<bool>* stop = nullptr;
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Who runs the candidates; null: local_runner(). A cluster's runner gives each
  // candidate whole to one process, batch by batch (the design, then each refinement
  // round: trial_runner.hpp's each()); every process then holds the same results.
  TrialRunner* runner = nullptr;
};

// One strategy at one decision: what it earns and risks on the common futures.
struct FrontierPoint {
  std::size_t strategy = 0;   // position among FrontierResults::strategies
  std::size_t candidate = 0;  // which decision vector (FrontierResults::decisions)
  double mean_npv = 0, mean_npv_se = 0;
  double risk = 0, risk_se = 0;  // the spec's risk measure: CVaR95 or P(loss)
  double cvar95 = 0, p_loss = 0, mean_cost = 0;
  bool feasible = true;   // meets every ceiling (on the point estimates)
  bool on_front = false;  // on its strategy's Pareto front
  bool current = false;   // the scenario as written
};

struct FrontierResults {
  OptimizeSpec spec;
  std::uint64_t seed = 0;
  std::vector<std::string> strategies;         // searched, in the scenario's order
  std::vector<std::vector<double>> decisions;  // per candidate; the first is the current mix
  std::vector<FrontierPoint> points;           // every strategy at every candidate
  std::size_t rounds = 0;                      // refinement rounds run
  std::optional<std::size_t> best;             // the best feasible point (highest mean npv)
  std::optional<std::size_t> best_current;     // the current mix of the best point's strategy
  PairedDifference best_against_current;       // npv of best minus that current mix, per trial
  std::string recommendation;                  // one sentence
};

// Runs the search of the scenario's `optimize:` block. `text` and `file` are the
// scenario as read_scenario_text takes them. Throws InputError when there is no block or
// a decision's bound makes the scenario invalid, Interrupted when stopped.
// Deterministic for a scenario, seed and spec, whatever the thread count.
FrontierResults run_frontier(const std::string& text, const std::string& file,
                             const FrontierOptions& options);

// frontier.json (docs/frontier.md).
std::string frontier_json(const Scenario& scenario, const FrontierResults& results);

// The fronts and the recommendation as text for the terminal.
std::string frontier_table(const Scenario& scenario, const FrontierResults& results);

// Records the search in a results store (tables frontier_runs and frontier_points);
// the same search recorded again replaces its rows. Returns its run_id.
std::string record_frontier(const std::string& store, const std::string& scenario_file,
                            const Scenario& scenario, const FrontierResults& results,
                            const std::string& command_line);

}  // namespace flowfolio
