// Sweeps: many variants of one scenario, every one on the same seed, into one results
// store (docs/sweeps.md).
//
// A sweep file (read by flowfolio/yaml/sweep_file.hpp) names a base scenario and either a
// grid of key paths or a list of named variants, each a set of settings.
// Every variant runs every strategy on common random numbers, and all variants share
// the seed, so differences between variants are paired too. Results go into a SQLite
// store that several sweeps can share (a run_id keeps them apart); a variant already
// complete in the store is skipped, so an interrupted sweep resumes where it stopped.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/studies/break_even.hpp"
#include "flowfolio/studies/robustness.hpp"
#include "flowfolio/yaml/sweep_file.hpp"

namespace flowfolio {

struct SweepProgress {
  std::size_t done = 0, skipped = 0, total = 0;
  std::string variant;                 // the variant just finished
  double seconds = 0;                  // since the sweep started
};

struct SweepOptions {
  std::string store;                   // the SQLite file, created when missing
  unsigned threads = 0;
  const std::atomic<bool>* stop = nullptr;
  std::function<void(const SweepProgress&)> progress;
  std::string command_line;
  // Who simulates each variant's trials; null: local_runner(). With a cluster's runner
  // every process calls run_sweep() with the same options, the leader alone opens the
  // store (the others' `store` may be empty) and returns the outcome.
  TrialRunner* runner = nullptr;
};

struct SweepOutcome {
  std::string run_id;
  std::size_t ran = 0, skipped = 0;
  std::uint64_t seed = 0, trials = 0;  // what every variant ran with
  // With a break-even: its pair's difference in each variant, in variant order, on every
  // process (from the store for the variants complete there already).
  std::vector<PairPoint> break_even_grid;
};

// Runs every variant not already complete in the store and records it there, one
// transaction per variant. A variant is complete when its key, a SHA-256 of its
// resolved scenario (extends: followed, settings applied), the seed and the trials,
// matches. Throws InputError before anything runs when a variant's results would need
// more memory than the process may use (memory.hpp). Throws Interrupted when stopped; what was complete stays.
SweepOutcome run_sweep(const Sweep& sweep, const SweepOptions& options);

// The store's results as tidy CSV (sweep_export.cpp), every sweep's rows in variant order:
// run_id, variant, position, one column per axis (a listed sweep's: per key path) holding
// numbers as numbers, then strategy, metric and the statistics (results_csv) or the pair
// and its paired difference (paired_csv). Throws InputError when the store is missing.
std::string results_csv(const std::string& store);
std::string paired_csv(const std::string& store);

// What the sweep says about its decision (docs/sweeps.md, "Where the decision flips"):
// the break-even searches along the axis and the robustness summary of the pair.
struct SweepDecision {
  std::vector<BreakEven> break_even;
  std::optional<Robustness> robustness;
};

// Runs the sweep's break-even search and its robustness summary, when it asks for them,
// on the outcome's seed and trials (sweep_decision.cpp). Every process of a cluster calls
// it alike. Throws Interrupted when stopped.
SweepDecision decide(const Sweep& sweep, const SweepOutcome& outcome, const SweepOptions& options);

// Records the decision in the store (tables break_even, break_even_curve, robustness),
// replacing the run's earlier rows.
void record_decision(const std::string& store, const std::string& run_id, const Sweep& sweep,
                     const SweepDecision& decision);

// decision.json (docs/output-format.md): the sweep's axes, the pairs' paired differences
// in every variant (from the store), the break-even searches and the robustness summary.
std::string decision_json(const std::string& store, const std::string& run_id, const Sweep& sweep,
                          const SweepDecision& decision);

// sweep.html: the decision chart (the paired difference with its 95% band and P(A beats
// B) along the axis, the break-even marked, points within noise greyed) and the
// robustness summary, offline (sweep_page.cpp).
std::string sweep_page(const Sweep& sweep, const std::string& decision_json_text);

// Checks, before any work, that `store` may take rows: absent (it will be created), or a
// store flowfolio created (its SQLite application_id). Throws InputError, naming `option`,
// otherwise.
void check_store(const std::string& store, const std::string& option);

}  // namespace flowfolio
