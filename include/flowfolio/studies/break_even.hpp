// Where the decision flips (docs/sweeps.md, "Break-even"): along one numeric axis of a
// sweep's grid, the value at which the paired mean npv difference of two strategies
// crosses zero, found by bisection on common random numbers, with the interval of values
// at which the simulation cannot tell the two apart.
//
// Every evaluation simulates the pair alone on the sweep's seed and trials: a strategy's
// trials do not depend on which other strategies run beside it (the engine keys every
// draw by trial, period, activity, unit and person, never by strategy), so the searched
// points lie on the same curve as the grid's.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/yaml/sweep_file.hpp"

namespace flowfolio {

// The paired npv difference strategy - baseline at one point: mean, its standard error
// and 95% interval, and the share of trials where the strategy did better.
struct PairPoint {
  double mean = 0, se = 0, lo95 = 0, hi95 = 0, p_beats = 0;

  std::vector<double> numbers() const { return {mean, se, lo95, hi95, p_beats}; }
  static PairPoint from(std::span<const double> n) { return {n[0], n[1], n[2], n[3], n[4]}; }
  // The npv row of a comparison (its first metric).
  static PairPoint npv(const Comparison& c) {
    const MetricComparison& m = c.metrics.front();
    return {m.difference.mean, m.difference.se, m.difference.lo95, m.difference.hi95, m.p_beats};
  }
  // Whether the 95% interval holds zero: the simulation cannot tell the two apart here.
  bool within_noise() const { return lo95 <= 0 && hi95 >= 0; }
};

// How every evaluation runs: the sweep's seed and trials.
struct PairRunOptions {
  std::uint64_t seed = 0, trials = 0;
  unsigned threads = 0;
  const std::atomic<bool>* stop = nullptr;
  TrialRunner* runner = nullptr;  // null: local_runner()
};

// The pair's difference on the sweep's base scenario with `settings` applied (after the
// sweep's --set), the two strategies alone simulated. Throws InputError when the settings
// make the scenario invalid.
PairPoint evaluate_pair(const Sweep& sweep, const StrategyPair& pair, const std::vector<Setting>& settings,
                        const PairRunOptions& options);

// One zero crossing of the difference along the axis.
struct Crossing {
  double value = 0;             // where the mean difference is zero
  double lo = 0, hi = 0;        // where its 95% interval holds zero around it
  bool lo_open = false, hi_open = false;  // the interval runs past the axis's end
  bool strategy_leads_below = false;      // the strategy is ahead below `value`
  // Whether the difference is clear of noise on one side of it at least: a crossing whose
  // interval runs past both ends of the axis is noise, not a flip.
  bool clear() const { return !(lo_open && hi_open); }
};

// The search along the axis at one combination of the other axes' points.
struct BreakEven {
  std::string fixed;                 // the other axes' points ("b=2, c=0.5x"); empty: one axis
  std::vector<Crossing> crossings;   // none: no flip in the range
  struct Point {
    double x = 0;                    // the axis's value (the multiplier of a scale)
    PairPoint difference;
    bool on_grid = false;            // a point of the grid, not of the search
  };
  std::vector<Point> curve;          // every point known, by x
  std::size_t evaluations = 0;       // simulations the search added to the grid's
  std::string sentence;
};

// Searches the break-even pair along its axis. `grid` holds each variant's difference
// for the pair, in variant order (the sweep's results). Requires: sweep.break_even is
// set and checked (read_sweep_file), grid.size() == sweep.variants.size().
std::vector<BreakEven> find_break_even(const Sweep& sweep, const std::vector<PairPoint>& grid,
                                       const PairRunOptions& options);

}  // namespace flowfolio
