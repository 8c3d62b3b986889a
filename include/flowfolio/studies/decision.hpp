// What would change the answer: a quick tornado around the recommendation, with the values
// of the assumptions at which it flips (issue 17; docs/report.md, "What would change the
// answer"). The report runs it after the main run; it is not a separate command.
//
// From the main run, R is the recommended strategy (stats/recommendation.hpp), U the
// runner-up (the best mean npv other than R) and B the baseline. Each assumption is set
// alone to each end of its range, everything else as written, and only R, U and B are
// simulated, every evaluation on the same seed (common random numbers): the paired mean
// npv differences R - U and R - B at each end, and which strategy the same rule picks
// there. Where an end's pick differs from the pick at the scenario's own values, the
// value where it flips is found by bisection on the assumption.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/stats/recommendation.hpp"

namespace flowfolio {

// How an assumption's value reads: a probability, an amount of money, a plain number, or
// a factor on the scenario's distribution (1: as written).
enum class InputUnit { kShare, kMoney, kNumber, kMultiplier };

// "share", "money", "number" or "multiplier", as decision.json and the what-if page write it.
const char* input_unit_name(InputUnit unit);

// One assumption the analysis moves, and how.
struct DecisionInput {
  // kKeyPaths: the scenario's `sensitivity:` input `item`, set at its key paths.
  // The others are chosen automatically, on activity or profile `item`.
  enum class Kind { kKeyPaths, kIncidentProbability, kSeverity, kValue, kDemand, kLearningRate };
  Kind kind = Kind::kKeyPaths;
  std::size_t item = 0;
  std::string name;
  std::vector<std::string> paths;
  InputUnit unit = InputUnit::kNumber;
  double base = 0;  // the scenario's own value (NaN when a key path's value is not a number)
  double low = 0, high = 0;
};

// The inputs of the analysis: the scenario's `sensitivity:` inputs with their ranges when
// it has that block; else, chosen automatically (docs/report.md gives the ranges and why),
// each activity's incident probability (x0.5 to x2, at most 1), incident severity (its
// distribution x0.5 to x2), value (x0.75 to x1.25) and demand (x0.5 to x1.5), and each
// profile's learning rate (x0.5 to x1.5), skipping any that is 0.
std::vector<DecisionInput> decision_inputs(const Scenario& scenario);

// The scenario with an automatic input set to `value` (a factor for kMultiplier units).
// Requires: input.kind != kKeyPaths (those are set by re-reading the text), value > 0.
Scenario with_decision_input(Scenario scenario, const DecisionInput& input, double value);

// A bisection for the value where the pick changes: `kept` is a value where the pick is
// the base's, `flipped` one where it is `to`. Each step evaluates next() and narrows the
// bracket by half. The pick is a deterministic function of the value (common random
// numbers); where it changes more than once in the bracket, the search finds one change.
struct FlipBracket {
  double kept = 0, flipped = 0;
  std::size_t to = 0;
  double next() const { return (kept + flipped) / 2; }
  void narrow(double value, std::size_t pick, std::size_t base_pick);
  double value() const { return next(); }  // the middle of the final bracket
};

// Steps every evaluation of the analysis' bisection takes (the bracket shrinks 128-fold).
inline constexpr int kFlipSteps = 7;

// The bracket after `steps` steps of `pick` from [kept, flipped]: a sequential bisection,
// as analyse_decision() runs it for each input in rounds.
FlipBracket find_flip(double kept, double flipped, std::size_t base_pick,
                      const std::function<std::size_t(double)>& pick, int steps = kFlipSteps);

struct DecisionOptions {
  std::uint64_t seed = 0;
  unsigned threads = 0;                // 0: all cores; results do not depend on it
  std::vector<std::string> overrides;  // --set settings under every evaluation
  std::size_t baseline = 0;
  Preference prefer = Preference::kTailRisk;
  std::uint64_t trials = 0;  // per evaluation; 0: decision_trials()'s rule
  const std::atomic<bool>* stop = nullptr;  // as RunOptions::stop
  // Told how many evaluations are done of how many (the total grows once the flips are
  // known).
  std::function<void(std::size_t done, std::size_t total)> progress;
  TrialRunner* runner = nullptr;  // null: local_runner(); as SensitivityOptions::runner
};

// The default trials per evaluation: min(main_trials, 1000), lowered so that the planned
// strategy-trials (1 + 2 inputs + 2 kFlipSteps evaluations, x strategies) stay within
// kDecisionBudget, but never below min(main_trials, 200).
inline constexpr std::uint64_t kDecisionBudget = 40000;
std::uint64_t decision_trials(std::uint64_t main_trials, std::size_t inputs, std::size_t strategies);

struct DecisionDifference {
  double mean = 0, se = 0;  // a paired mean npv difference and its standard error
};

// The analysis at one value of one input (or at the scenario's own values).
struct DecisionPoint {
  DecisionDifference versus_runner_up;  // R - U
  DecisionDifference versus_baseline;   // R - B; zero when B is R
  std::size_t pick = 0;                 // the strategy the rule picks (a scenario index)
};

struct DecisionFlip {
  double value = 0;    // where the pick changes
  std::size_t to = 0;  // what it changes to (a scenario index)
};

struct DecisionInputResult {
  DecisionInput input;
  DecisionPoint at_low, at_high;
  double swing = 0;  // the larger |at_high - at_low| of R - U and R - B
  std::optional<DecisionFlip> flip;  // the change nearest the scenario's value, if any
};

struct DecisionAnalysis {
  std::size_t recommended = 0, runner_up = 0, baseline = 0;  // R, U, B (scenario indices)
  Verdict verdict = Verdict::kClear;  // the main run's
  bool automatic = false;              // inputs chosen automatically (no sensitivity block)
  std::uint64_t seed = 0, trials = 0;  // per evaluation
  std::size_t evaluations = 0;
  DecisionPoint base;  // the quick study at the scenario's own values
  // base.pick differs from R: the main run's trials separated what the quick study's
  // could not.
  bool base_pick_differs = false;
  std::vector<DecisionInputResult> inputs;  // ranked by swing, largest first
  std::optional<std::size_t> headline;      // the input whose flip is nearest its own value
};

// Runs the analysis around `main_run`, the run of the scenario `text` (from `file`, with
// options.overrides) on options.seed. Collective with a cluster's runner (trial_runner.hpp):
// every process calls it with the same arguments; the main run's choice of R, U and B is
// the leader's. Throws InputError when a sensitivity input's range makes the scenario
// invalid, Interrupted when stopped. Deterministic: the same bytes on any thread count.
// Requires: at least two strategies, every trial of main_run kept, options.baseline valid.
DecisionAnalysis analyse_decision(const std::string& text, const std::string& file,
                                  const RunResults& main_run, const DecisionOptions& options);

// decision.json (docs/output-format.md).
std::string decision_json(const Scenario& scenario, const DecisionAnalysis& analysis);

// decision.json's text for a report of `main_run`, as the scenario's `report:` block asks
// (its preference and trials replace those of `options`): empty for a scenario of one
// strategy or with `what_if_trials: 0`. Throws as analyse_decision() does.
std::string report_decision_json(const Scenario& scenario, const std::string& text,
                                 const std::string& file, const RunResults& main_run,
                                 DecisionOptions options);

}  // namespace flowfolio
