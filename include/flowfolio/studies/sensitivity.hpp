// Variance-based sensitivity: Sobol indices from the Saltelli sampling design with the
// Saltelli (2010) first-order and Jansen (1999) total-effect estimators, and bootstrap
// intervals (docs/sensitivity.md). The building block of `flowfolio sensitivity`
// (issue 9); validated against functions whose indices are known in closed form.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"

namespace flowfolio {

struct SobolIndices {
  std::vector<double> first, total;        // S_i and ST_i, per input
  std::vector<double> first_se, total_se;  // bootstrap standard errors
  std::vector<double> first_lo, first_hi;  // 95% bootstrap percentile intervals
  std::vector<double> total_lo, total_hi;
  double variance = 0;                     // of the output over A and B
  std::size_t evaluations = 0;             // n (d + 2)
};

// Saltelli's design: for each of n rows, the points A_r, B_r and, for each input i, A_r
// with coordinate i taken from B_r. Point k = r (d + 2) + j is A_r (j = 0), B_r (j = 1)
// or A_r with column i from B_r (j = 2 + i). The coordinates come from keyed streams
// under `seed`, so the design is a pure function of (d, n, seed).
struct SaltelliDesign {
  std::size_t d = 0, n = 0;
  std::vector<double> points;  // row-major: point k's coordinates at [k d, (k + 1) d)

  std::size_t size() const { return n * (d + 2); }
  std::span<const double> point(std::size_t k) const { return {points.data() + k * d, d}; }
};
// Requires: d >= 1, n >= 2.
SaltelliDesign saltelli_design(std::size_t d, std::size_t n, std::uint64_t seed);

// The indices from the model's values at every point of `design` (y[k] at point k).
// Requires: y.size() == design.size(), bootstrap >= 2.
SobolIndices sobol_from_evaluations(const SaltelliDesign& design, std::span<const double> y,
                                    std::uint64_t seed, std::size_t bootstrap = 200);

// `model` maps a point of the unit cube [0, 1)^d to the output; the caller transforms
// each coordinate to its input's range or distribution. The design (matrices A, B and
// the d matrices A with column i from B) is drawn from keyed streams under `seed`, and
// the bootstrap resamples likewise, so the result is a pure function of its arguments.
// Requires: d >= 1, n >= 2, bootstrap >= 2.
SobolIndices sobol_indices(std::size_t d, std::size_t n,
                           const std::function<double(std::span<const double>)>& model,
                           std::uint64_t seed, std::size_t bootstrap = 200);

// --- A scenario's sensitivity analysis (`flowfolio sensitivity`) --------------------
//
// Every evaluation re-reads the scenario with its inputs set (as --set would set them)
// and simulates `spec.trials` trials on the same seed, so every evaluation sees the same
// luck: the tornado's swings and the design's differences are paired.

struct SensitivityOptions {
  std::uint64_t seed = 0;
  unsigned threads = 0;               // 0: all cores; results do not depend on it
  int only_strategy = -1;             // >= 0: explain this strategy's outputs only
  bool tornado = true, sobol = true;  // the methods to run
  std::vector<std::string> overrides;  // --set settings under every evaluation
  const std::atomic<bool>* stop = nullptr;  // as RunOptions::stop
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Who runs the evaluations; null: local_runner(). A cluster's runner gives each
  // evaluation whole to one process (trial_runner.hpp's each()); every process then
  // holds the same results.
  TrialRunner* runner = nullptr;
};

// One of the tornado's bars: the input alone at each end of its range.
struct TornadoBar {
  std::size_t input = 0;         // index into the spec's inputs
  double at_low = 0, at_high = 0;
  double se_low = 0, se_high = 0;  // Monte Carlo standard errors of the two values
  double swing = 0;              // at_high - at_low
  double swing_se = 0;           // of the swing, from the paired trials (means only; else 0)
};

// Variance shares below this are noise, not sensitivity: warn above it.
inline constexpr double kNoiseShareWarning = 0.10;

struct SensitivityOutputResult {
  std::string kind;              // mean_npv, cvar95, p_loss or npv_difference
  std::string strategy;          // whose output; for npv_difference the a of a - b
  std::string versus;            // npv_difference: the b of a - b; else empty
  double base = 0, base_se = 0;  // at the scenario's own values
  std::vector<TornadoBar> tornado;  // ranked by |swing|, largest first
  SobolIndices sobol;
  // The mean squared Monte Carlo error of one evaluation over the variance of the
  // evaluations: the share of the spread that could be noise rather than the inputs.
  double noise_share = 0;
  std::string warning;           // set when noise_share > kNoiseShareWarning
};

struct SensitivityResults {
  SensitivitySpec spec;
  std::uint64_t seed = 0;
  bool tornado = false, sobol = false;
  std::size_t evaluations = 0;   // scenario runs made, base included
  std::vector<SensitivityOutputResult> outputs;
};

// Runs the analysis of the scenario's `sensitivity:` block. `text` and `file` are the
// scenario as read_scenario_text takes them. Throws InputError when the scenario has no
// block, or when an input's value makes the scenario invalid (the message names the
// input, its value and what is wrong), and Interrupted when stopped. Deterministic for
// a scenario, seed and spec, whatever the thread count.
SensitivityResults run_sensitivity(const std::string& text, const std::string& file,
                                   const SensitivityOptions& options);

// sensitivity.json (docs/output-format.md).
std::string sensitivity_json(const Scenario& scenario, const SensitivityResults& results);

// The analysis as text for the terminal: per output, the tornado's bars ranked by swing
// beside each input's Sobol indices, and any noise warning.
std::string sensitivity_table(const Scenario& scenario, const SensitivityResults& results);

// Records the analysis in a results store (the SQLite file sweeps use; created when
// missing): tables sensitivity_runs, sensitivity_inputs, sensitivity_tornado and
// sensitivity_indices (docs/sensitivity.md). The same analysis recorded again replaces
// its rows. Returns its run_id. Throws std::runtime_error when the store fails.
std::string record_sensitivity(const std::string& store, const std::string& scenario_file,
                               const Scenario& scenario, const SensitivityResults& results,
                               const std::string& command_line);

}  // namespace flowfolio
