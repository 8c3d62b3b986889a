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
#include <string>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
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
};

// Runs every variant not already complete in the store and records it there, one
// transaction per variant. A variant is complete when its key, a SHA-256 of its
// resolved scenario (extends: followed, settings applied), the seed and the trials,
// matches. Throws InputError before anything runs when a variant's results would need
// more memory than the process may use (memory.hpp). Throws Interrupted when stopped; what was complete stays.
SweepOutcome run_sweep(const Sweep& sweep, const SweepOptions& options);

// The store's results as one tidy CSV: run, variant, parameters, strategy, metric, stats.
std::string store_csv(const std::string& store);

// Checks, before any work, that `store` may take rows: absent (it will be created), or a
// store flowfolio created (its SQLite application_id). Throws InputError, naming `option`,
// otherwise.
void check_store(const std::string& store, const std::string& option);

}  // namespace flowfolio
