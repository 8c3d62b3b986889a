// Choosing the portfolio: the risk-return frontier of activity mixes and strategies
// (docs/frontier.md).
//
// A scenario's `optimize:` block names decisions (numbers at key paths within bounds,
// such as the demand of each activity, a programme's training hours or a hire count),
// the risk measure (CVaR95 or P(loss)) and optional ceilings. run_frontier() works in
// three steps:
//  1. the search: a digitally shifted Sobol design, then rounds of local refinement
//     around each strategy's front, every candidate on the same seed and trials;
//  2. screening: the points the search cannot tell apart (a ceiling within their noise,
//     or a mean within noise of the best) get more trials, shared out in stages as
//     OCBA-CO allocates them (frontier_screening.cpp), until the choice is 95% sure or
//     the budget is spent;
//  3. confirmation: the recommended mix and the mix as written, simulated again on a
//     fresh seed with many more trials (frontier_confirmation.cpp); the recommendation is
//     stated from that run only, and when it fails a ceiling the next candidate is tried.
// Every point carries its Monte Carlo standard errors and its confidence of meeting the
// ceilings.
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
  std::uint64_t trials = 0;   // the search's, or more when screening gave it more
  double mean_npv = 0, mean_npv_se = 0;
  double risk = 0, risk_se = 0;  // the spec's risk measure: CVaR95 or P(loss)
  double cvar95 = 0, cvar95_se = 0, p_loss = 0, mean_cost = 0, mean_cost_se = 0;
  double cvar95_lo95 = 0, cvar95_hi95 = 0;  // Hall's interval (tail_confidence.hpp)
  double p_meets = 1;      // confidence that every ceiling holds (1 with no ceiling)
  bool thin_tail = false;  // CVaR95 rests on too few trials to judge (tail_confidence.hpp)
  bool feasible = true;    // meets every ceiling on the point estimates
  bool on_front = false;   // on its strategy's Pareto front
  bool current = false;    // the scenario as written
};

// How screening shared its extra trials (frontier_screening.cpp).
struct FrontierScreening {
  std::uint64_t budget = 0, used = 0;  // trials, over all points
  std::size_t stages = 0;
  std::size_t points = 0;         // points that got extra trials
  double sure_before = 0, sure_after = 0;  // approximate P(the best is the best feasible)
};

// One confirmation run: a point of the search and the mix as written for its strategy,
// on a fresh seed, paired trial by trial.
struct FrontierConfirmation {
  enum class Verdict { kMeets, kFails, kUnsure };
  std::size_t point = 0;       // in FrontierResults::points
  std::uint64_t seed = 0, trials = 0;
  FrontierPoint estimate;      // the point as this run measures it
  FrontierPoint current;       // the mix as written, same strategy, same futures
  PairedDifference gain;       // npv of the point minus the mix as written
  Verdict verdict = Verdict::kMeets;  // kMeets: p_meets >= 0.95; kFails: <= 0.05
};

struct FrontierResults {
  OptimizeSpec spec;
  std::uint64_t seed = 0;
  std::vector<std::string> strategies;         // searched, in the scenario's order
  std::vector<std::vector<double>> decisions;  // per candidate; the first is the current mix
  std::vector<FrontierPoint> points;           // every strategy at every candidate
  std::size_t rounds = 0;                      // refinement rounds run
  FrontierScreening screening;
  std::optional<std::size_t> best;             // the best feasible point (highest mean npv)
  std::optional<std::size_t> best_current;     // the current mix of the best point's strategy
  PairedDifference best_against_current;       // npv of best minus that current mix, per trial
  std::vector<FrontierConfirmation> confirmations;  // in the order tried
  std::optional<std::size_t> confirmed;        // the one whose verdict is kMeets
  std::string recommendation;                  // one sentence or three
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
