// Paired comparisons of strategies on common random numbers (MODEL.md section 8), and
// runs that add trials until the numbers are as precise as asked.
//
// Trial n of every strategy sees the same luck, so the per-trial difference of two
// strategies measures the strategies, not the luck: its standard error is far smaller
// than that of two independent runs (docs/comparison.md gives the measured factor).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "flowfolio/engine/engine.hpp"
#include "flowfolio/stats/statistics.hpp"

namespace flowfolio {

// One metric of a comparison: the paired difference strategy - baseline, and the share
// of trials in which the strategy did better (higher npv; lower losses and counts).
struct MetricComparison {
  Metric metric = Metric::kNpv;
  bool higher_is_better = true;
  PairedDifference difference;
  double p_beats = 0;  // strict; ties are difference.p_tie
};

struct Comparison {
  std::size_t strategy = 0, baseline = 0;  // positions in the scenario
  std::vector<MetricComparison> metrics;   // npv, incident_loss, catastrophes
  std::string sentence;                    // one plain sentence for a reader
};

// Compares `strategy` with `baseline` over every trial of `results`.
// Requires: both are positions of results.strategies.
Comparison compare(const Scenario& scenario, const RunResults& results, std::size_t strategy,
                   std::size_t baseline);

struct PrecisionOptions {
  double relative = 0.01;          // R: every 95% half-width within R of |its mean|
  std::uint64_t max_trials = 100'000;
  std::uint64_t block = 1024;      // trials per step; a multiple of kTrialBlock
  std::uint64_t seed = 0;
  unsigned threads = 0;
  bool independent_streams = false;
  std::size_t baseline = 0;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (strategy, baseline) also held
  const std::atomic<bool>* stop = nullptr;  // as RunOptions::stop
  TrialRunner* runner = nullptr;            // as RunOptions::runner: the leader decides
};

struct PrecisionRun {
  RunResults results;
  bool reached = false;            // false: stopped at max_trials
  std::string reason;              // why it stopped, in words
};

// Adds blocks of trials until the 95% half-width of every strategy's mean npv, and of
// every paired npv difference with the baseline (and of the named pairs), is at most
// `relative` times the absolute value of its mean, or until max_trials. Where it stops
// depends on the scenario and the options (threads excepted); its per-trial results
// equal those of run() with the same trial count. With a cluster's runner, every process
// calls it with the same options and only the leader's results hold the trials.
PrecisionRun run_to_precision(const Scenario& scenario, const PrecisionOptions& options);

}  // namespace flowfolio
